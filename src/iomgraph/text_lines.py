"""The Manual's website text as lines, and the reading state its readers share.

:mod:`iomgraph.source` reads an entry top to bottom in parts (page chrome and name, offices,
:mod:`~iomgraph.leadership_text`, :mod:`~iomgraph.prose_text`); each part reads from one
:class:`LineReader`, which holds the text, its lines, the position and the warnings, and
turns character offsets into :class:`~iomgraph.model.Value` objects that span exactly what
was printed. The line shapes more than one part tells apart (a URL, a table footer, a
sentence of prose) are here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from iomgraph.errors import SourceError, line_and_column
from iomgraph.model import Span, Value
from iomgraph.passages import clean_text

__all__ = [
    "EMAIL_TAIL",
    "FOOTER",
    "SENTENCE_END",
    "URL",
    "Line",
    "LineReader",
    "check_characters",
    "is_prose",
    "next_nonblank",
    "split_lines",
]

_SPACE = " \t\r\n\u00a0\ufeff"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
URL = re.compile(r"^https?://\S+$")
EMAIL_TAIL = re.compile(r"\s*\|?\s*Email:\s*(?P<email>\S+@\S+)?\s*$")
"""``| Email: someone@agency.gov`` (or a bare ``Email:``) at the end of a line."""
FOOTER = re.compile(r"^The above list of key personnel was updated\s+(?P<date>.+?)\.?$")
"""The footer under a leadership table."""
SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "|")


@dataclass(frozen=True)
class Line:
    number: int
    start: int
    end: int
    """End of the line's characters, without the line break and trailing white space."""
    clean: str

    @property
    def blank(self) -> bool:
        return not self.clean


def split_lines(text: str) -> list[Line]:
    """The lines of ``text``, each with its offsets and its cleaned text.

    >>> [(line.number, line.start, line.end, line.clean) for line in split_lines("a \\n\\n b")]
    [(1, 0, 1, 'a'), (2, 3, 3, ''), (3, 4, 6, 'b')]
    """
    lines: list[Line] = []
    position = 0
    for number, raw in enumerate(text.split("\n"), 1):
        end = position + len(raw)
        while end > position and text[end - 1] in _SPACE:
            end -= 1
        lines.append(Line(number, position, end, clean_text(raw.replace("\ufeff", ""))))
        position += len(raw) + 1
    return lines


def check_characters(text: str, path: str) -> None:
    """Refuse input that is not the Manual's plain text.

    :raises SourceError: when ``text`` holds a control character (binary data, with its line
        and column) or nothing but white space.
    """
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


def is_prose(clean: str) -> bool:
    """A sentence of running text (a paragraph), as opposed to a row, heading or address.

    >>> is_prose("The Corporation promotes equal access to justice."), is_prose("CHAIR | Jo Li")
    (True, False)
    """
    if URL.match(clean) or FOOTER.match(clean):
        return False
    if len(clean) >= 100:
        return True
    if "|" in clean.replace("| Email:", ""):
        return False
    words = clean.split()
    return clean.endswith((".", "!", "?", '."', ".”")) and len(words) >= 6


def next_nonblank(lines: Sequence[Line], index: int) -> int | None:
    """The index of the first line at or after ``index`` that is not blank (None if none)."""
    while index < len(lines):
        if not lines[index].blank:
            return index
        index += 1
    return None


class LineReader:
    """One pass over the lines of one entry; collects warnings as it goes."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.lines = split_lines(text)
        self.warnings: list[str] = []
        self.index = 0
        """The next line to read."""

    def value(self, start: int, end: int) -> Value:
        """The Value of ``text[start:end]`` with surrounding white space left out of the span."""
        while start < end and self.text[start] in _SPACE:
            start += 1
        while end > start and self.text[end - 1] in _SPACE:
            end -= 1
        return Value(clean_text(self.text[start:end]), Span(start, end))

    def line_value(self, line: Line) -> Value:
        return self.value(line.start, line.end)

    def group_value(self, line: Line, pattern: re.Pattern[str], group: str) -> Value:
        """The Value of ``group`` where ``pattern`` matches ``line`` as printed.

        The caller has matched ``pattern`` on the clean line; here it is matched again on the
        printed characters (no-break spaces read as spaces, which keeps every offset) so the
        Value spans exactly what was printed.
        """
        raw = self.text[line.start : line.end].replace("\u00a0", " ")
        match = pattern.match(raw)
        assert match is not None
        return self.value(line.start + match.start(group), line.start + match.end(group))

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(f"line {line.number}: {message}")

    def error(self, line: Line | None, message: str) -> SourceError:
        """The error to raise about ``line`` (about the end of the text when None)."""
        if line is None:
            number, column = line_and_column(self.text, len(self.text))
        else:
            number, column = line.number, 1
        return SourceError(message, path=self.path, line=number, column=column)

    def next_nonblank(self, index: int) -> int | None:
        return next_nonblank(self.lines, index)

    @property
    def last_line(self) -> Line | None:
        """The last line that is not blank."""
        index = len(self.lines) - 1
        while index >= 0 and self.lines[index].blank:
            index -= 1
        return self.lines[index] if index >= 0 else None
