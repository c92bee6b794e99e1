"""The prose of the Manual's website text → mission, description and sources of information.

After the leadership tables the website prints paragraphs, one a line::

    The International Organization for Migration analyzes ...       mission (first prose line)
    ESTABLISHMENT AND ORGANIZATION                                   a section heading
    Governing Body                                                   a sub-heading (mixed case)
    paragraphs ... | Email: someone@agency.gov                       with emails and URLs
    Sources of Information                                           the sources start here
    The Sources of Information were updated 3–2022.                  their footer

A heading is a short line without final punctuation followed by more text; two or more
blank lines between paragraphs mark a section whose heading the website dropped. A URL on
its own line, or glued before a paragraph, belongs to the paragraph printed before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from iomgraph.model import Paragraph, Section, Span, Value
from iomgraph.text_lines import EMAIL_TAIL, SENTENCE_END, URL, Line, LineReader

__all__ = ["read_body"]

# A URL glued to the next paragraph by a text conversion: "...-Pg378.pdfThe President ...".
_GLUED_URL = re.compile(r"^(https?://\S+?\.(?:pdf|html?|aspx?|php|txt|xml))(?=[A-Z\"“])")
_SOURCES_FOOTER = re.compile(r"^The Sources of Information were updated\s+(?P<date>.+?)\.?$")
_SOURCES_HEADING = re.compile(r"^sources of information$", re.IGNORECASE)


@dataclass
class _SectionBuilder:
    start: int
    end: int
    heading: Value | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    subsections: list[_SectionBuilder] = field(default_factory=list)

    def build(self) -> Section:
        return Section(
            span=Span(self.start, self.end),
            heading=self.heading,
            paragraphs=tuple(self.paragraphs),
            subsections=tuple(sub.build() for sub in self.subsections),
        )


def read_body(
    reader: LineReader,
) -> tuple[tuple[Paragraph, ...], list[Section], list[Section], Value | None]:
    """Mission, description, sources of information and their footer date, read from
    ``reader.index`` to the end of the text (warnings go to ``reader.warnings``).

    >>> reader = LineReader(
    ...     "The Corporation promotes equal access to justice.\\n\\nESTABLISHMENT\\n"
    ...     "The Congress established it in 1974.\\n", "<doc>")
    >>> mission, (section,), sources, updated = read_body(reader)
    >>> mission[0].text.text, section.heading.text, section.paragraphs[0].text.text
    ('The Corporation promotes equal access to justice.', 'ESTABLISHMENT', \
'The Congress established it in 1974.')
    """
    mission: list[Paragraph] = []
    description: list[_SectionBuilder] = []
    sources: list[_SectionBuilder] = []
    sources_updated: Value | None = None
    in_sources = False
    blank_run = 0
    # The list the next URL line attaches to: the paragraphs printed last.
    last_list: list[Paragraph] = mission
    current: _SectionBuilder | None = None
    index = reader.index
    while index < len(reader.lines):
        line = reader.lines[index]
        index += 1
        if line.blank:
            blank_run += 1
            continue
        gap, blank_run = blank_run, 0
        sections = sources if in_sources else description
        if URL.match(line.clean):
            _attach_url(reader, reader.line_value(line), last_list, line)
            continue
        if not mission:
            found = _paragraph(reader, line, mission)
            if found is not None:
                mission.append(found)
                _check_sentence(reader, line, found)
            continue
        if _SOURCES_HEADING.match(line.clean):
            in_sources, current = True, None
            continue
        updated = _SOURCES_FOOTER.match(line.clean)
        if in_sources and updated:
            sources_updated = reader.group_value(line, _SOURCES_FOOTER, "date")
            continue
        if _is_heading(reader, line, index):
            section = _SectionBuilder(line.start, line.end, reader.line_value(line))
            if not in_sources and not _is_all_caps(line.clean) and current is not None:
                current.subsections.append(section)
            else:
                sections.append(section)
                current = section
            continue
        if current is None or (gap >= 2 and (current.paragraphs or current.subsections)):
            current = _SectionBuilder(line.start, line.end, None)
            sections.append(current)
        target = current.subsections[-1] if current.subsections else current
        found = _paragraph(reader, line, last_list)
        if found is None:
            continue
        target.paragraphs.append(found)
        target.end = current.end = line.end
        last_list = target.paragraphs
        _check_sentence(reader, line, found)
    reader.index = index
    return (
        tuple(mission),
        [section.build() for section in description],
        [section.build() for section in sources],
        sources_updated,
    )


def _paragraph(reader: LineReader, line: Line, previous: list[Paragraph]) -> Paragraph | None:
    """The paragraph of ``line``; a URL glued before it is attached to ``previous[-1]``."""
    start, end = line.start, line.end
    raw = reader.text[start:end]
    glued = _GLUED_URL.match(raw)
    if glued:
        _attach_url(reader, reader.value(start, start + glued.end(1)), previous, line)
        start += glued.end(1)
    emails: tuple[Value, ...] = ()
    label = False
    tail = EMAIL_TAIL.search(reader.text, start, end)
    if tail and tail.start() > start:
        if tail.group("email"):
            emails = (reader.value(tail.start("email"), tail.end("email")),)
        else:
            label = True
        end = tail.start()
    if end <= start:
        return None
    return Paragraph(
        text=reader.value(start, end), emails=emails, email_label_without_address=label
    )


def _attach_url(reader: LineReader, url: Value, previous: list[Paragraph], line: Line) -> None:
    if not previous:
        reader.warn(line, f"web address {url.text!r} before any paragraph: not placed")
        return
    last = previous[-1]
    previous[-1] = replace(last, web_addresses=(*last.web_addresses, url))


def _is_heading(reader: LineReader, line: Line, following: int) -> bool:
    """A short line without final punctuation, followed by more text (an ALL-CAPS line is
    a section heading, a mixed-case one a sub-heading)."""
    clean = line.clean
    if not _is_heading_like(clean) or len(clean.split()) > 10:
        return False
    after = reader.next_nonblank(following)
    if after is None:
        return False
    return _is_all_caps(clean) or not _is_heading_like(reader.lines[after].clean)


def _is_heading_like(clean: str) -> bool:
    return len(clean) <= 80 and not clean.endswith(SENTENCE_END[:-1])


def _check_sentence(reader: LineReader, line: Line, paragraph: Paragraph) -> None:
    if line is not reader.last_line and not paragraph.text.text.endswith(SENTENCE_END):
        reader.warn(line, "paragraph ends mid-sentence (the website cut it): kept as printed")


def _is_all_caps(clean: str) -> bool:
    letters = [char for char in clean if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)
