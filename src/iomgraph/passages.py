"""Pinning a part of a cleaned :class:`~iomgraph.model.Value` back to its exact source passage.

Readers clean what they extract (non-breaking spaces folded, white space collapsed, XML
entities decoded), so an offset in ``Value.text`` is not an offset in the source. Fact rules
match on the clean text; :func:`sub_value` maps the match back to the raw characters, so the
published selector quotes the source exactly.
"""

from __future__ import annotations

import html
import re

from iomgraph.model import SourceDocument, SourceKind, Span, Value

_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def clean_text(raw: str) -> str:
    """Fold non-breaking spaces and collapse runs of white space; strip the ends.

    >>> clean_text("Operations\\u00a0 Ugochi\\nF.  Daniels ")
    'Operations Ugochi F. Daniels'
    """
    return " ".join(raw.replace("\u00a0", " ").split())


def _clean_with_offsets(raw: str, decode_entities: bool) -> tuple[str, list[int]]:
    """Clean ``raw`` and return, for each clean character, its offset in ``raw``.

    The list has one extra item: the raw offset just past the last clean character.
    """
    chars: list[str] = []
    offsets: list[int] = []
    end_of_last = 0
    pending_space: int | None = None
    i = 0
    while i < len(raw):
        char = raw[i]
        width = 1
        if decode_entities and char == "&":
            match = _ENTITY.match(raw, i)
            if match:
                char = html.unescape(match.group(0))
                width = len(match.group(0))
        if char.isspace() or char == "\u00a0":
            if chars and pending_space is None:
                pending_space = i
        else:
            if pending_space is not None:
                chars.append(" ")
                offsets.append(pending_space)
                pending_space = None
            chars.extend(char)
            offsets.extend([i] * len(char))
            end_of_last = i + width
        i += width
    offsets.append(end_of_last)
    return "".join(chars), offsets


def sub_value(value: Value, document: SourceDocument, start: int, end: int) -> Value:
    """The part ``value.text[start:end]`` as a Value whose span is its exact source passage.

    Falls back to the whole value's span when the source cannot be aligned with the clean
    text (the statement then points at the enclosing passage, which is still true).
    """
    part = value.text[start:end]
    raw = document.text[value.span.start : value.span.end]
    clean, offsets = _clean_with_offsets(raw, document.kind is SourceKind.GOVMAN_XML)
    if clean != value.text or not 0 <= start < end <= len(clean):
        return Value(clean_text(part), value.span)
    raw_start = value.span.start + offsets[start]
    raw_end = value.span.start + (offsets[end] if end < len(clean) else offsets[-1])
    if end < len(clean):
        # offsets[end] is where the next clean character starts; trim white space before it.
        while raw_end > raw_start and document.text[raw_end - 1] in " \t\r\n\u00a0":
            raw_end -= 1
    return Value(clean_text(part), Span(raw_start, raw_end, value.span.xpath))
