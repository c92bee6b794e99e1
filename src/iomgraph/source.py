"""The Manual's website text → :class:`~iomgraph.model.Entry` (no rdflib here).

The website prints an entry as plain lines, one paragraph a line, in a fixed order::

    Getting Started / To begin searching ... to find your match.   page chrome (skipped)
    International Organization for Migration                        the agency name
    Headquarters: 17 Route des Morillons, ...                        offices: address lines,
    011-41-22-717-9111 | Email:                                      phones, Email:, URLs
    OperationsUgochi F. Daniels                                      leadership tables
    The above list of key personnel was updated 09–2017.             (table footer)
    The International Organization for Migration analyzes ...       mission (first prose line)
    ESTABLISHMENT AND ORGANIZATION / paragraphs                      description sections
    Sources of Information / Business Opportunities / paragraphs    sources of information

The reader follows that format, not one entry's strings: a glued ``TitleName`` is split at
its case boundary, a heading printed twice is a table's header, an ALL-CAPS line without a
name is a group heading over the rows up to the next blank line, two or more blank lines
between paragraphs mark a section whose heading the website dropped. Every
:class:`~iomgraph.model.Value` spans the exact characters it was read from
(``clean_text(document.text[span.start:span.end]) == value.text``).

Two things the text cannot tell, and how they are read:

* A second bare phone number after an office's first is the XML's ``Phone2`` or its ``Fax``
  (the website drops the label of both); it is kept as ``voice`` and a warning says so.
* ``Email:`` with nothing after it is the website losing the address: the flag
  ``email_label_without_address`` is set and no email is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from iomgraph.addresses import parse_address_line, phone_to_e164
from iomgraph.errors import SourceError, line_and_column
from iomgraph.model import (
    Entry,
    LeadershipTable,
    Office,
    Official,
    Paragraph,
    Phone,
    Section,
    SourceDocument,
    SourceKind,
    Span,
    Value,
)
from iomgraph.passages import clean_text

__all__ = ["parse_entry", "read_entry"]

_SPACE = " \t\r\n\u00a0\ufeff"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CHROME_FIRST = re.compile(r"^getting started$", re.IGNORECASE)
_CHROME_SEARCH = re.compile(r"^to begin searching\b", re.IGNORECASE)
_CHROME_END = re.compile(r"to find your match\.?$", re.IGNORECASE)
_SITE_TITLE = re.compile(r"^(?:the )?united states government manual$", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$")
# A URL glued to the next paragraph by a text conversion: "...-Pg378.pdfThe President ...".
_GLUED_URL = re.compile(r"^(https?://\S+?\.(?:pdf|html?|aspx?|php|txt|xml))(?=[A-Z\"“])")
_PHONE = r"\+?\(?\d[\d\s().\-–/]{5,}\d(?:\s*(?:ext\.?|x)\s*\d+)?"
_PHONE_LINE = re.compile(
    rf"(?P<phone>{_PHONE})?\s*\|?\s*(?:(?P<label>Email:)\s*(?P<email>\S+@\S+)?)?"
)
_EMAIL_TAIL = re.compile(r"\s*\|?\s*Email:\s*(?P<email>\S+@\S+)?\s*$")
_FOOTER = re.compile(r"^The above list of key personnel was updated\s+(?P<date>.+?)\.?$")
_SOURCES_FOOTER = re.compile(r"^The Sources of Information were updated\s+(?P<date>.+?)\.?$")
_SOURCES_HEADING = re.compile(r"^sources of information$", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "|")


@dataclass(frozen=True)
class _Line:
    number: int
    start: int
    end: int
    """End of the line's characters, without the line break and trailing white space."""
    clean: str

    @property
    def blank(self) -> bool:
        return not self.clean


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    position = 0
    for number, raw in enumerate(text.split("\n"), 1):
        end = position + len(raw)
        while end > position and text[end - 1] in _SPACE:
            end -= 1
        lines.append(_Line(number, position, end, clean_text(raw.replace("\ufeff", ""))))
        position += len(raw) + 1
    return lines


def _check_characters(text: str, path: str) -> None:
    control = _CONTROL.search(text)
    if control:
        line, column = line_and_column(text, control.start())
        raise SourceError(
            f"binary data: control character U+{ord(control.group()):04X} where the Manual's "
            "plain text was expected",
            path=path,
            line=line,
            column=column,
        )
    if not clean_text(text.replace("\ufeff", "")):
        raise SourceError(
            "empty input: expected a Manual entry (the agency name)", path=path, line=1, column=1
        )


def _is_prose(clean: str) -> bool:
    """A sentence of running text (a paragraph), as opposed to a row, heading or address."""
    if _URL.match(clean) or _FOOTER.match(clean):
        return False
    if len(clean) >= 100:
        return True
    if "|" in clean.replace("| Email:", ""):
        return False
    words = clean.split()
    return clean.endswith((".", "!", "?", '."', ".”")) and len(words) >= 6


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


@dataclass
class _TableBuilder:
    start: int
    end: int
    header: Value | None = None
    officials: list[Official] = field(default_factory=list)
    updated: Value | None = None
    web_addresses: list[Value] = field(default_factory=list)

    def build(self) -> LeadershipTable:
        return LeadershipTable(
            span=Span(self.start, self.end),
            header=self.header,
            officials=tuple(self.officials),
            updated=self.updated,
            web_addresses=tuple(self.web_addresses),
        )


class _Reader:
    """One pass over the lines of one entry; collects warnings as it goes."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.lines = _split_lines(text)
        self.warnings: list[str] = []
        self.index = 0
        self.name_line: _Line | None = None
        """Where the agency name was expected (for the error when there is none)."""

    # -- helpers ------------------------------------------------------------------------------

    def value(self, start: int, end: int) -> Value:
        """The Value of ``text[start:end]`` with surrounding white space left out of the span."""
        while start < end and self.text[start] in _SPACE:
            start += 1
        while end > start and self.text[end - 1] in _SPACE:
            end -= 1
        return Value(clean_text(self.text[start:end]), Span(start, end))

    def line_value(self, line: _Line) -> Value:
        return self.value(line.start, line.end)

    def warn(self, line: _Line, message: str) -> None:
        self.warnings.append(f"line {line.number}: {message}")

    def error(self, line: _Line | None, message: str) -> SourceError:
        if line is None:
            number, column = line_and_column(self.text, len(self.text))
        else:
            number, column = line.number, 1
        return SourceError(message, path=self.path, line=number, column=column)

    def next_nonblank(self, index: int) -> int | None:
        while index < len(self.lines):
            if not self.lines[index].blank:
                return index
            index += 1
        return None

    # -- chrome and name ----------------------------------------------------------------------

    def skip_chrome(self) -> None:
        """Move past ``Getting Started`` and the search hint (wrapped any way)."""
        index = self.next_nonblank(0)
        if index is not None and _CHROME_FIRST.match(self.lines[index].clean):
            index = self.next_nonblank(index + 1)
        if index is not None and _CHROME_SEARCH.match(self.lines[index].clean):
            first = self.lines[index]
            for end in range(index, min(index + 8, len(self.lines))):
                if _CHROME_END.search(self.lines[end].clean):
                    index = self.next_nonblank(end + 1)
                    break
            else:
                raise self.error(
                    first, "page chrome not closed: expected '... to find your match.'"
                )
        if index is None:
            raise self.error(None, "only page chrome: expected the agency name after it")
        self.index = index

    def read_name(self) -> Value | None:
        """The agency name line, or None when the page prints a site title instead."""
        line = self.name_line = self.lines[self.index]
        if _SITE_TITLE.match(line.clean):
            self.warn(line, f"site title {line.clean!r} where the agency name is printed")
            following = self.next_nonblank(self.index + 1)
            if following is None:
                raise self.error(None, "expected the agency name, found only the site title")
            self.index = following
            return None
        if self.is_office_line(line):
            return None
        if _is_prose(line.clean) or len(line.clean) > 150 or line.clean.endswith("."):
            raise self.error(line, f"expected the agency name (a short line), found {_cut(line)}")
        self.index += 1
        return self.line_value(line)

    def name_from_mission(self, mission: tuple[Paragraph, ...]) -> Value:
        """``The Legal Services Corporation promotes ...`` → ``Legal Services Corporation``."""
        if mission:
            first = mission[0].text
            raw = self.text[first.span.start : first.span.end]
            match = re.match(
                r"(?:The\s+)?((?:[A-Z][\w'’.&-]*|of|and|for|on|the|in|de)"
                r"(?:\s+(?:[A-Z][\w'’.&-]*|of|and|for|on|the|in|de))+?)\s+(?=[a-z])",
                raw,
            )
            if match and len(match.group(1).split()) >= 2:
                name = self.value(
                    first.span.start + match.start(1), first.span.start + match.end(1)
                )
                self.warnings.append(
                    f"no agency name printed; read {name.text!r} from the mission statement"
                )
                return name
        raise self.error(self.name_line, "no agency name: expected it after the page chrome")

    # -- offices ------------------------------------------------------------------------------

    def is_office_line(self, line: _Line) -> bool:
        phone = _PHONE_LINE.fullmatch(line.clean)
        if _URL.match(line.clean) or (phone and (phone.group("phone") or phone.group("label"))):
            return True
        if not re.search(r"\d", line.clean) or re.search(r"[a-z]{3}\.$", line.clean):
            return False  # an address has a number and does not end a sentence
        raw = self.text[line.start : line.end]
        addresses = parse_address_line(raw, line.start)[1]
        return bool(addresses) and all(
            address.country_code or address.postal_code or address.po_box for address in addresses
        )

    def read_offices(self) -> list[Office]:
        offices: list[Office] = []
        while self.index < len(self.lines):
            line = self.lines[self.index]
            if line.blank:
                self.index += 1
                continue
            if not self.is_office_line(line):
                break
            self.index += 1
            phone_line = _PHONE_LINE.fullmatch(line.clean)
            if _URL.match(line.clean):
                if not offices:
                    offices.append(Office(span=Span(line.start, line.end)))
                office = offices[-1]
                offices[-1] = replace(
                    office,
                    span=Span(office.span.start, line.end),
                    web_addresses=(*office.web_addresses, self.line_value(line)),
                )
            elif phone_line and (phone_line.group("phone") or phone_line.group("label")):
                if not offices:
                    offices.append(Office(span=Span(line.start, line.end)))
                office = offices[-1]
                offices[-1] = self.with_contact(offices[-1], line)
            else:
                raw = self.text[line.start : line.end]
                label, addresses = parse_address_line(raw, line.start)
                offices.append(
                    Office(span=Span(line.start, line.end), label=label, addresses=addresses)
                )
        return offices

    def with_contact(self, office: Office, line: _Line) -> Office:
        """``office`` with the phone and email of ``line`` (``011-41-22-717-9111 | Email:``)."""
        match = _PHONE_LINE.fullmatch(self.text, line.start, line.end)
        if match is None:  # the clean line matched: only odd white space can differ
            self.warn(line, f"contact line not read: {_cut(line)}")
            return office
        phones, emails = office.phones, office.emails
        if match.group("phone"):
            printed = self.value(match.start("phone"), match.end("phone"))
            if phones:
                self.warn(
                    line,
                    f"second phone {printed.text!r} printed without a label: the website "
                    "drops 'Fax' and 'Phone2' alike, kept as voice",
                )
            phones = (*phones, Phone(printed, phone_to_e164(printed.text)))
        if match.group("email"):
            emails = (*emails, self.value(match.start("email"), match.end("email")))
        return replace(
            office,
            span=Span(office.span.start, line.end),
            phones=phones,
            emails=emails,
            email_label_without_address=office.email_label_without_address
            or bool(match.group("label") and not match.group("email")),
        )

    # -- leadership ---------------------------------------------------------------------------

    def read_leadership(self) -> list[LeadershipTable]:
        end = self.index
        while end < len(self.lines) and not _is_prose(self.lines[end].clean):
            end += 1
        zone = self.lines[self.index : end]
        pipe_mode = any(_is_pipe_row(line.clean) for line in zone)
        tables: list[_TableBuilder] = []
        heading: Value | None = None
        previous_row = False
        skip: set[int] = set()

        def table(line: _Line) -> _TableBuilder:
            if not tables:
                tables.append(_TableBuilder(line.start, line.end))
            tables[-1].end = line.end
            return tables[-1]

        for position, line in enumerate(zone):
            if position in skip:
                continue
            if line.blank:
                heading, previous_row = None, False
                continue
            footer = _FOOTER.match(line.clean)
            if footer:
                raw = self.text[line.start : line.end]
                date_match = _FOOTER.match(raw.replace("\u00a0", " "))
                assert date_match is not None
                date = self.value(
                    line.start + date_match.start("date"), line.start + date_match.end("date")
                )
                current = table(line)
                if current.updated is None:
                    current.updated = date
                elif current.updated.text != date.text:
                    self.warn(line, f"a second footer date {date.text!r} for one table")
                previous_row = False
                continue
            if _URL.match(line.clean):
                current = table(line)
                url = self.line_value(line)
                if previous_row and current.officials:
                    last = current.officials[-1]
                    current.officials[-1] = replace(last, web_addresses=(*last.web_addresses, url))
                else:
                    current.web_addresses.append(url)
                continue
            twin = self.next_nonblank_in(zone, position + 1)
            if twin is not None and zone[twin].clean == line.clean and not _is_pipe_row(line.clean):
                tables.append(_TableBuilder(line.start, zone[twin].end, self.line_value(line)))
                skip.add(twin)
                heading, previous_row = None, False
                continue
            if pipe_mode and "|" not in line.clean:
                tables.append(_TableBuilder(line.start, line.end, self.line_value(line)))
                heading, previous_row = None, False
                continue
            reading = _read_row(self.text, line.start, line.end)
            if reading.email_label:
                self.warn(line, "'Email:' printed after a leadership row, without an address")
            if reading.heading is not None:
                table(line)
                heading = self.value(*reading.heading)
                previous_row = False
                continue
            table(line).officials.append(self.official(line, reading, heading))
            previous_row = True
        self.index = end
        return [builder.build() for builder in tables if builder.officials or builder.header]

    @staticmethod
    def next_nonblank_in(zone: list[_Line], index: int) -> int | None:
        while index < len(zone):
            if not zone[index].blank:
                return index
            index += 1
        return None

    def official(self, line: _Line, reading: _Row, heading: Value | None) -> Official:
        return Official(
            span=Span(line.start, line.end),
            title=self.value(*reading.title) if reading.title else None,
            name=self.value(*reading.name) if reading.name else None,
            heading=heading,
            acting=reading.acting,
            vacant=reading.vacant,
        )

    # -- prose --------------------------------------------------------------------------------

    def paragraph(self, line: _Line, previous: list[Paragraph]) -> Paragraph | None:
        """The paragraph of ``line``; a URL glued before it is attached to ``previous[-1]``."""
        start, end = line.start, line.end
        raw = self.text[start:end]
        glued = _GLUED_URL.match(raw)
        if glued:
            self.attach_url(self.value(start, start + glued.end(1)), previous, line)
            start += glued.end(1)
        emails: tuple[Value, ...] = ()
        label = False
        tail = _EMAIL_TAIL.search(self.text, start, end)
        if tail and tail.start() > start:
            if tail.group("email"):
                emails = (self.value(tail.start("email"), tail.end("email")),)
            else:
                label = True
            end = tail.start()
        if end <= start:
            return None
        return Paragraph(
            text=self.value(start, end), emails=emails, email_label_without_address=label
        )

    def attach_url(self, url: Value, previous: list[Paragraph], line: _Line) -> None:
        if not previous:
            self.warn(line, f"web address {url.text!r} before any paragraph: not placed")
            return
        last = previous[-1]
        previous[-1] = replace(last, web_addresses=(*last.web_addresses, url))

    def read_body(self) -> tuple[tuple[Paragraph, ...], list[Section], list[Section], Value | None]:
        """Mission, description, sources of information and their footer date."""
        mission: list[Paragraph] = []
        description: list[_SectionBuilder] = []
        sources: list[_SectionBuilder] = []
        sources_updated: Value | None = None
        in_sources = False
        blank_run = 0
        # The list the next URL line attaches to: the paragraphs printed last.
        last_list: list[Paragraph] = mission
        current: _SectionBuilder | None = None
        index = self.index
        while index < len(self.lines):
            line = self.lines[index]
            index += 1
            if line.blank:
                blank_run += 1
                continue
            gap, blank_run = blank_run, 0
            sections = sources if in_sources else description
            if _URL.match(line.clean):
                self.attach_url(self.line_value(line), last_list, line)
                continue
            if not mission:
                found = self.paragraph(line, mission)
                if found is not None:
                    mission.append(found)
                    self.check_sentence(line, found)
                continue
            if _SOURCES_HEADING.match(line.clean):
                in_sources, current = True, None
                continue
            updated = _SOURCES_FOOTER.match(line.clean)
            if in_sources and updated:
                raw = self.text[line.start : line.end].replace("\u00a0", " ")
                match = _SOURCES_FOOTER.match(raw)
                assert match is not None
                sources_updated = self.value(
                    line.start + match.start("date"), line.start + match.end("date")
                )
                continue
            if self.is_heading(line, index):
                section = _SectionBuilder(line.start, line.end, self.line_value(line))
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
            found = self.paragraph(line, last_list)
            if found is None:
                continue
            target.paragraphs.append(found)
            target.end = current.end = line.end
            last_list = target.paragraphs
            self.check_sentence(line, found)
        self.index = index
        return (
            tuple(mission),
            [section.build() for section in description],
            [section.build() for section in sources],
            sources_updated,
        )

    def is_heading(self, line: _Line, following: int) -> bool:
        """A short line without final punctuation, followed by more text (an ALL-CAPS line is
        a section heading, a mixed-case one a sub-heading)."""
        clean = line.clean
        if len(clean) > 80 or len(clean.split()) > 10 or clean.endswith(_SENTENCE_END[:-1]):
            return False
        after = self.next_nonblank(following)
        if after is None:
            return False
        return _is_all_caps(clean) or not self.is_heading_like(self.lines[after].clean)

    @staticmethod
    def is_heading_like(clean: str) -> bool:
        return len(clean) <= 80 and not clean.endswith(_SENTENCE_END[:-1])

    def check_sentence(self, line: _Line, paragraph: Paragraph) -> None:
        if line is not self.last_line and not paragraph.text.text.endswith(_SENTENCE_END):
            self.warn(line, "paragraph ends mid-sentence (the website cut it): kept as printed")

    @property
    def last_line(self) -> _Line | None:
        index = len(self.lines) - 1
        while index >= 0 and self.lines[index].blank:
            index -= 1
        return self.lines[index] if index >= 0 else None

    def truncation(self) -> Span | None:
        """The last line, when the input stops inside it (no line break, no sentence end)."""
        last = self.last_line
        if last is None or self.text.endswith("\n") or _URL.match(last.clean):
            return None
        if last.clean.endswith(_SENTENCE_END):
            return None
        return Span(last.start, last.end)


def _is_pipe_row(clean: str) -> bool:
    return "|" in _EMAIL_TAIL.sub("", clean)


def _is_all_caps(clean: str) -> bool:
    letters = [char for char in clean if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _cut(line: _Line, limit: int = 40) -> str:
    text = line.clean
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# -- leadership rows ------------------------------------------------------------------------
# A row is a title and a name, glued (``OperationsUgochi F. Daniels``), spaced
# (``PRESIDENT James J. Sandman``) or piped (``CHAIR | John G. Levi |``). The name is found
# by its shape, at the END of the row: 2-5 tokens, capitalised words and initials, with
# optional rank before and suffix after; a word that is typical of titles (``Office``,
# ``Resources``, ``...ment``) is never part of a name.

_RANKS = frozenset(
    re.findall(r"\S+", "Adm. Fr. Dr. Gen. Rev. Hon. Amb. Lt. Col. Capt. Mr. Ms. Mrs. Sen. Rep.")
)
_SUFFIXES = frozenset(re.findall(r"\S+", "Jr. Jr Sr. Sr II III IV O.P. S.J. Ph.D. M.D. Esq."))
_PARTICLES = frozenset(re.findall(r"\S+", "de del della da van von der den la le bin al"))
_TITLE_WORDS = frozenset(
    re.findall(
        r"\S+",
        """the of and for to on in at chief deputy director directors officer officers office
    offices commission commissioner commissioners board president presidents vice general
    secretary counsel managing executive inspector treasurer comptroller chair chairman
    chairwoman chairperson member members administrator assistant associate senior judge law
    bureau bureaus department division staff affairs operations programs program services
    service relations grants data human resources public legal financial finance information
    trade corporate regional international national federal policy research budget audit
    performance compliance governance intelligence insurance science defense justice
    technology security strategy planning communications legislative counselor adviser
    advisor ombudsman controller registrar spokesperson head principal acting vacant""",
    )
)
_TITLE_ENDING = re.compile(r"(?:ment|tion|sion|ship|ysis|ities|ness)$")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,2}$")
_VACANT = re.compile(r"^\(?\s*vacan(?:t|cy)\s*\)?$", re.IGNORECASE)
_VACANT_TAIL = re.compile(r"(?:^|\s)\(?\s*vacan(?:t|cy)\s*\)?$", re.IGNORECASE)
_ACTING_TAIL = re.compile(r"(?:,\s*|\s+\(\s*)Acting\)?$")


@dataclass(frozen=True)
class _Row:
    """Offsets (into the document) of what one leadership line holds."""

    title: tuple[int, int] | None = None
    name: tuple[int, int] | None = None
    heading: tuple[int, int] | None = None
    """Set when the line is a group heading (no name on it) instead of a row."""
    acting: bool = False
    vacant: bool = False
    email_label: bool = False


def _is_name_word(token: str) -> bool:
    core = token.replace("-", "").replace("'", "").replace("’", "")
    return (
        core.isalpha()
        and token[0].isupper()
        and any(char.islower() for char in token)
        and not token[1:2].isupper()
        and token.lower() not in _TITLE_WORDS
        and not _TITLE_ENDING.search(token)
    )


def _name_shaped(tokens: list[str]) -> bool:
    """Whether ``tokens`` read as a person's name (``Ugochi F. Daniels``, ``Bo Li``)."""
    tokens = [token.rstrip(",") for token in tokens]
    while tokens and tokens[0] in _RANKS:
        tokens = tokens[1:]
    while tokens and tokens[-1] in _SUFFIXES:
        tokens = tokens[:-1]
    if not 2 <= len(tokens) <= 5 or _INITIAL.match(tokens[-1]):
        return False
    words = before_initial = 0
    seen_initial = False
    for position, token in enumerate(tokens):
        if _INITIAL.match(token):
            seen_initial = True
        elif token in _PARTICLES and 0 < position < len(tokens) - 1:
            continue
        elif not _is_name_word(token):
            return False
        else:
            words += 1
            before_initial += not seen_initial
    # "Given M. Last": one given name before the middle initial.
    return words >= 2 and not (seen_initial and before_initial > 1)


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _strip_status(text: str, start: int, end: int) -> tuple[int, bool, bool]:
    """Move ``end`` before a trailing ``, Acting`` or ``(vacancy)``; say which it was."""
    piece = text[start:end]
    acting = _ACTING_TAIL.search(piece)
    if acting:
        return start + acting.start(), True, False
    vacant = _VACANT_TAIL.search(piece)
    if vacant:
        return start + vacant.start(), False, True
    return end, False, False


def _read_pipe_row(text: str, start: int, end: int, email_label: bool) -> _Row:
    cells: list[tuple[int, int]] = []
    position = start
    for piece in text[start:end].split("|")[:2]:
        left = len(piece) - len(piece.lstrip())
        cells.append((position + left, position + len(piece.rstrip())))
        position += len(piece) + 1
    title, name = cells[0], cells[1] if len(cells) > 1 else (end, end)
    title_text = clean_text(text[title[0] : title[1]])
    if name[1] <= name[0]:  # "Robert J. Grey, Jr. | |" or "VICE PRESIDENTS | |"
        name_end, acting, _ = _strip_status(text, *title)
        if _name_shaped(text[title[0] : name_end].split()):
            return _Row(name=(title[0], name_end), acting=acting, email_label=email_label)
        return _Row(heading=title, email_label=email_label) if title_text else _Row()
    if _VACANT.match(clean_text(text[name[0] : name[1]])):
        return _Row(title=title if title_text else None, vacant=True, email_label=email_label)
    name_end, acting, vacant = _strip_status(text, *name)
    return _Row(
        title=title if title_text else None,
        name=(name[0], name_end) if name_end > name[0] else None,
        acting=acting,
        vacant=vacant,
        email_label=email_label,
    )


def _read_row(text: str, start: int, end: int) -> _Row:
    """Read one leadership line ``text[start:end]``: a row, a bare name, or a heading."""
    email_label = False
    tail = _EMAIL_TAIL.search(text, start, end)
    if tail and tail.start() > start:
        email_label, end = True, tail.start()
    if "|" in text[start:end]:
        return _read_pipe_row(text, start, end, email_label)
    end, acting, vacant = _strip_status(text, start, end)
    tokens = _tokens(text, start, end)
    words = [text[s:e] for s, e in tokens]
    if vacant:
        title = (start, end) if tokens else None
        return _Row(title=title, vacant=True, email_label=email_label)
    # Glued: the name starts inside a token, at a lower→Upper or CAPS→Capitalised boundary.
    for index, (token_start, token_end) in enumerate(tokens):
        token = text[token_start:token_end]
        for cut in range(3, len(token) - 1):
            camel = token[cut - 1].islower() and token[cut].isupper()
            caps = token[cut - 2 : cut + 1].isupper() and token[cut + 1].islower()
            if (camel or caps) and _name_shaped([token[cut:], *words[index + 1 :]]):
                return _Row(
                    title=(start, token_start + cut),
                    name=(token_start + cut, end),
                    acting=acting,
                    email_label=email_label,
                )
    if _name_shaped(words):
        return _Row(name=(start, end), acting=acting, email_label=email_label)
    for index in range(1, len(tokens) - 1):
        if _name_shaped(words[index:]):
            return _Row(
                title=(start, tokens[index - 1][1]),
                name=(tokens[index][0], end),
                acting=acting,
                email_label=email_label,
            )
    return _Row(heading=(start, end), email_label=email_label)


def parse_entry(text: str, *, path: str = "<input>", key: str = "text") -> Entry:
    """Read one Manual entry from the website's plain text.

    ``path`` names the input in messages; ``key`` names the source document in IRIs.

    >>> entry = parse_entry(
    ...     "Getting Started\\n\\nTo begin searching within the\\nGovernment Manual simply type\\n"
    ...     "in a keyword or phrase\\nto find your match.\\n\\nLegal Services Corporation\\n\\n"
    ...     "3333 K Street NW., Washington, DC 20007\\n\\n202-295-1500\\n\\n"
    ...     "PRESIDENT James J. Sandman\\n\\nThe Legal Services Corporation promotes equal "
    ...     "access to justice.\\n")
    >>> entry.name.text, entry.offices[0].addresses[0].postal_code.text
    ('Legal Services Corporation', '20007')
    >>> entry.offices[0].phones[0].e164
    '+12022951500'
    >>> [(o.title.text, o.name.text) for o in entry.leadership[0].officials]
    [('PRESIDENT', 'James J. Sandman')]

    :raises SourceError: when the text is empty, binary, only page chrome, or has no agency
        name where one is expected (with the line and column).
    """
    _check_characters(text, path)
    reader = _Reader(text, path)
    reader.skip_chrome()
    name = reader.read_name()
    offices = reader.read_offices()
    leadership = reader.read_leadership()
    mission, description, sources, sources_updated = reader.read_body()
    if name is None:
        name = reader.name_from_mission(mission)
    truncated = reader.truncation()
    if truncated is not None:
        line, column = line_and_column(text, truncated.end)
        reader.warnings.append(
            f"line {line}: the input stops mid-paragraph at column {column}: the entry was "
            "cut; kept what was read"
        )
    document = SourceDocument(
        key=key, kind=SourceKind.WEBSITE_TEXT, path=path, text=text, media_type="text/plain"
    )
    return Entry(
        document=document,
        name=name,
        offices=tuple(offices),
        leadership=tuple(leadership),
        mission=mission,
        description=tuple(description),
        sources_of_information=tuple(sources),
        truncated=truncated,
        warnings=tuple(reader.warnings),
        sources_updated=sources_updated,
    )


def read_entry(path: Path, *, key: str = "text") -> Entry:
    """Read the Manual entry in the UTF-8 text file at ``path``.

    :raises SourceError: when the file cannot be read, is not UTF-8 (with the line and column
        of the first undecodable byte), or is not a Manual entry (see :func:`parse_entry`).
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}", path=str(path)) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", errors="replace")
        line, column = line_and_column(before + "?", len(before))
        raise SourceError(
            f"not UTF-8 text: undecodable byte 0x{data[error.start]:02X}",
            path=str(path),
            line=line,
            column=column,
        ) from error
    return parse_entry(text, path=str(path), key=key)
