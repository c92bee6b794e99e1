"""One exception family for everything iomgraph reports to a person."""

from __future__ import annotations


class IomgraphError(Exception):
    """Base class: every error iomgraph raises on purpose derives from it."""


class SourceError(IomgraphError):
    """Input that cannot be read as a Manual entry.

    Carries the line and column (1-based) of the place that could not be read and what was
    expected there, so a person can fix the input.
    """

    def __init__(
        self, message: str, *, path: str = "<input>", line: int = 0, column: int = 0
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.reason = message
        where = f"{path}:{line}:{column}" if line else path
        super().__init__(f"{where}: {message}")


class ValidationError(IomgraphError):
    """A graph that does not conform to the SHACL shapes; ``report`` is the readable report."""

    def __init__(self, message: str, report: str = "") -> None:
        self.report = report
        super().__init__(message)


class QueryError(IomgraphError):
    """A SPARQL request that cannot be answered (syntax, update, remote access, limits)."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        self.status = status
        super().__init__(message)


class QueryTimeout(QueryError):
    """A query that ran past the configured time limit and was stopped."""

    def __init__(self, message: str) -> None:
        super().__init__(message, status=503)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based (line, column) of character ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    last_newline = text.rfind("\n", 0, offset)
    return line, offset - last_newline


class MergeError(IomgraphError):
    """Two entries that cannot be compared or merged: they describe different organizations."""
