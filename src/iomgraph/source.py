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

This module reads the page chrome, the name and the offices and puts the entry together;
:mod:`~iomgraph.leadership_text` reads the tables, :mod:`~iomgraph.prose_text` the mission
and sections, both from the one :class:`~iomgraph.text_lines.LineReader`.

Two things the text cannot tell, and how they are read:

* A second bare phone number after an office's first is the XML's ``Phone2`` or its ``Fax``
  (the website drops the label of both); it is kept as ``voice`` and a warning says so.
* ``Email:`` with nothing after it is the website losing the address: the flag
  ``email_label_without_address`` is set and no email is invented.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from iomgraph.addresses import parse_address_line, phone_to_e164
from iomgraph.errors import SourceError, line_and_column
from iomgraph.leadership_text import read_leadership
from iomgraph.model import Entry, Office, Paragraph, Phone, SourceDocument, SourceKind, Span, Value
from iomgraph.prose_text import read_body
from iomgraph.text_lines import SENTENCE_END, URL, Line, LineReader, check_characters, is_prose

__all__ = ["parse_entry", "read_entry"]

_CHROME_FIRST = re.compile(r"^getting started$", re.IGNORECASE)
_CHROME_SEARCH = re.compile(r"^to begin searching\b", re.IGNORECASE)
_CHROME_END = re.compile(r"to find your match\.?$", re.IGNORECASE)
_SITE_TITLE = re.compile(r"^(?:the )?united states government manual$", re.IGNORECASE)
_PHONE = r"\+?\(?\d[\d\s().\-–/]{5,}\d(?:\s*(?:ext\.?|x)\s*\d+)?"
_PHONE_LINE = re.compile(
    rf"(?P<phone>{_PHONE})?\s*\|?\s*(?:(?P<label>Email:)\s*(?P<email>\S+@\S+)?)?"
)


class _Reader(LineReader):
    """The head of an entry: page chrome, the agency name and the offices; and where the
    text stops (the leadership tables and the prose are read by their own modules)."""

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.name_line: Line | None = None
        """Where the agency name was expected (for the error when there is none)."""

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
        if is_prose(line.clean) or len(line.clean) > 150 or line.clean.endswith("."):
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

    def is_office_line(self, line: Line) -> bool:
        if URL.match(line.clean) or _is_contact_line(line.clean):
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
            is_url = bool(URL.match(line.clean))
            if is_url or _is_contact_line(line.clean):
                if not offices:  # a URL or phone before any address: an office of its own
                    offices.append(Office(span=Span(line.start, line.end)))
                office = offices[-1]
                offices[-1] = (
                    replace(
                        office,
                        span=Span(office.span.start, line.end),
                        web_addresses=(*office.web_addresses, self.line_value(line)),
                    )
                    if is_url
                    else self.with_contact(office, line)
                )
            else:
                raw = self.text[line.start : line.end]
                label, addresses = parse_address_line(raw, line.start)
                offices.append(
                    Office(span=Span(line.start, line.end), label=label, addresses=addresses)
                )
        return offices

    def with_contact(self, office: Office, line: Line) -> Office:
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

    def truncation(self) -> Span | None:
        """The last line, when the input stops inside it (no line break, no sentence end)."""
        last = self.last_line
        if last is None or self.text.endswith("\n") or URL.match(last.clean):
            return None
        if last.clean.endswith(SENTENCE_END):
            return None
        return Span(last.start, last.end)


def _is_contact_line(clean: str) -> bool:
    """A phone number and/or ``Email:`` (with or without the address), and nothing else."""
    match = _PHONE_LINE.fullmatch(clean)
    return bool(match and (match.group("phone") or match.group("label")))


def _cut(line: Line, limit: int = 40) -> str:
    text = line.clean
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


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
    check_characters(text, path)
    reader = _Reader(text, path)
    reader.skip_chrome()
    name = reader.read_name()
    offices = reader.read_offices()
    leadership = read_leadership(reader)
    mission, description, sources, sources_updated = read_body(reader)
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
