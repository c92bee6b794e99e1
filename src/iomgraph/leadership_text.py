"""The leadership tables of the Manual's website text → :class:`~iomgraph.model.LeadershipTable`.

After an entry's offices and before its mission, the website prints its key personnel, one
row a line::

    OperationsUgochi F. Daniels                          title and name glued
    PRESIDENT James J. Sandman                           spaced
    CHAIR | John G. Levi |                               piped
    VICE PRESIDENTS                                      a group heading (no name on it)
    General Counsel | (Vacancy)                          vacant; ``, Acting`` marks an acting one
    The above list of key personnel was updated 09–2017. the table's footer

A heading printed twice is a table's header, and so is a line without ``|`` where the rows
are piped; a URL line belongs to the row above it, or to the table when it follows a
heading, a footer or a blank line. The tables end at the first line of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from iomgraph.model import LeadershipTable, Official, Span, Value
from iomgraph.passages import clean_text
from iomgraph.text_lines import (
    EMAIL_TAIL,
    FOOTER,
    URL,
    Line,
    LineReader,
    is_prose,
    next_nonblank,
)

__all__ = ["read_leadership"]


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


def read_leadership(reader: LineReader) -> list[LeadershipTable]:
    """Read the leadership tables from ``reader.index`` up to the first line of prose, and move
    ``reader.index`` there (warnings go to ``reader.warnings``).

    >>> reader = LineReader(
    ...     "OperationsUgochi F. Daniels\\nGeneral Counsel Jane Doe, Acting\\n"
    ...     "The above list of key personnel was updated 09–2017.\\n", "<doc>")
    >>> (table,) = read_leadership(reader)
    >>> [(o.title.text, o.name.text, o.acting) for o in table.officials], table.updated.text
    ([('Operations', 'Ugochi F. Daniels', False), ('General Counsel', 'Jane Doe', True)], '09–2017')
    """
    end = reader.index
    while end < len(reader.lines) and not is_prose(reader.lines[end].clean):
        end += 1
    zone = reader.lines[reader.index : end]
    pipe_mode = any(_is_pipe_row(line.clean) for line in zone)
    tables: list[_TableBuilder] = []
    heading: Value | None = None
    previous_row = False
    skip: set[int] = set()

    def table(line: Line) -> _TableBuilder:
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
        footer = FOOTER.match(line.clean)
        if footer:
            date = reader.group_value(line, FOOTER, "date")
            current = table(line)
            if current.updated is None:
                current.updated = date
            elif current.updated.text != date.text:
                reader.warn(line, f"a second footer date {date.text!r} for one table")
            previous_row = False
            continue
        if URL.match(line.clean):
            current = table(line)
            url = reader.line_value(line)
            if previous_row and current.officials:
                last = current.officials[-1]
                current.officials[-1] = replace(last, web_addresses=(*last.web_addresses, url))
            else:
                current.web_addresses.append(url)
            continue
        twin = next_nonblank(zone, position + 1)
        if twin is not None and zone[twin].clean == line.clean and not _is_pipe_row(line.clean):
            tables.append(_TableBuilder(line.start, zone[twin].end, reader.line_value(line)))
            skip.add(twin)
            heading, previous_row = None, False
            continue
        if pipe_mode and "|" not in line.clean:
            tables.append(_TableBuilder(line.start, line.end, reader.line_value(line)))
            heading, previous_row = None, False
            continue
        reading = _read_row(reader.text, line.start, line.end)
        if reading.email_label:
            reader.warn(line, "'Email:' printed after a leadership row, without an address")
        if reading.heading is not None:
            table(line)
            heading = reader.value(*reading.heading)
            previous_row = False
            continue
        table(line).officials.append(_official(reader, line, reading, heading))
        previous_row = True
    reader.index = end
    return [builder.build() for builder in tables if builder.officials or builder.header]


def _official(reader: LineReader, line: Line, reading: _Row, heading: Value | None) -> Official:
    return Official(
        span=Span(line.start, line.end),
        title=reader.value(*reading.title) if reading.title else None,
        name=reader.value(*reading.name) if reading.name else None,
        heading=heading,
        acting=reading.acting,
        vacant=reading.vacant,
    )


def _is_pipe_row(clean: str) -> bool:
    return "|" in EMAIL_TAIL.sub("", clean)


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
    tail = EMAIL_TAIL.search(text, start, end)
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
