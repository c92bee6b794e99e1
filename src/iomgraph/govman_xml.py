"""GOVMAN XML → small element trees with exact positions, streamed one entity at a time.

ElementTree gives no positions, so this module drives :mod:`xml.parsers.expat` itself: expat
reports each event's UTF-8 *byte* index, kept on every :class:`Node` (start tag, content,
end tag); :class:`CharIndex` converts byte indexes to *character* offsets of the document
text. A whole ``<GovernmentManual>`` edition or a fragment (one or more ``<Entity>``
elements with no root, wrapped here in a private root) is fed to expat in chunks, and each
top-level entity's tree is handed on as soon as its end tag is read, so memory holds one
entity at a time. Malformed XML is a :class:`~iomgraph.errors.SourceError` with line and
column. What the trees *say* is read by :mod:`iomgraph.govman`.
"""

from __future__ import annotations

import bisect
import logging
import mmap
import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from iomgraph.errors import SourceError

__all__ = [
    "CharIndex",
    "Fragment",
    "Node",
    "edition_date",
    "is_entity_tag",
    "iter_fragments",
    "iter_trees",
    "ordered",
]

log = logging.getLogger(__name__)

_ROOT = "GovernmentManual"
_WRAPPER = b"<GovmanFragment>"
_WRAPPER_END = b"</GovmanFragment>"
_CHUNK = 1 << 16
# Everything that may come before the first element: BOM, white space, declaration, PIs,
# comments, doctype.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf|\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)
_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.\-]*)")
_TAG = re.compile(rb"<[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>")
_EDITION_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(eq=False)
class Node:
    """One element of an entity's tree, with byte positions in the parsed data."""

    tag: str
    attrs: dict[str, str]
    parent: Node | None
    start: int
    """Byte index of ``<`` of the start tag."""
    content_start: int = 0
    content_end: int = 0
    end: int = 0
    """Byte index just past the end tag."""
    children: list[Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def step(self) -> str:
        """This element's XPath step, named by the publisher's id where it has one
        (``Address[@EntityAddressId="122"]``), else by position among same-named siblings."""
        ids = [(k, v) for k, v in self.attrs.items() if k.endswith("Id") and k != "ParentId"]
        if ids:
            return f'{self.tag}[@{ids[0][0]}="{ids[0][1]}"]'
        if self.parent is not None:
            same = [n for n in self.parent.children if n.tag == self.tag]
            if len(same) > 1:
                return f"{self.tag}[{same.index(self) + 1}]"
        return self.tag


def ordered(nodes: list[Node]) -> list[Node]:
    """Siblings in the entry's order (``SortOrder``), document order when it is missing."""
    try:
        return sorted(nodes, key=lambda node: int(node.attrs["SortOrder"]))
    except (KeyError, ValueError):
        return list(nodes)


class _TreeBuilder:
    """Expat handlers building one small tree per top-level element (entity)."""

    def __init__(self, data: bytes | mmap.mmap, shift: int) -> None:
        self.data = data
        self.shift = shift
        self.parser = xml.parsers.expat.ParserCreate("utf-8")
        self.parser.buffer_text = False
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._chars
        self.stack: list[Node] = []
        self.depth = 0
        self.root_attrs: dict[str, str] = {}
        self.completed: list[Node] = []

    def _index(self) -> int:
        return self.parser.CurrentByteIndex - self.shift

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 1:
            self.root_attrs = dict(attrs)
            return
        start = self._index()
        match = _TAG.match(self.data, start)
        tag_end = match.end() if match else start
        parent = self.stack[-1] if self.stack else None
        node = Node(tag, dict(attrs), parent, start, tag_end, tag_end, tag_end)
        if self.data[tag_end - 2 : tag_end] == b"/>":
            node.content_end = node.end = tag_end
        if parent is not None:
            parent.children.append(node)
        self.stack.append(node)

    def _end(self, tag: str) -> None:
        self.depth -= 1
        if not self.stack or self.depth == 0:
            return
        node = self.stack.pop()
        if node.end == node.content_start and self.data[node.end - 2 : node.end] == b"/>":
            pass  # an empty-element tag: positions set at the start
        else:
            node.content_end = self._index()
            match = _TAG.match(self.data, node.content_end)
            node.end = match.end() if match else node.content_end
        if not self.stack:
            self.completed.append(node)

    def _chars(self, data: str) -> None:
        if self.stack:
            self.stack[-1].parts.append(data)


class CharIndex:
    """Converts UTF-8 byte offsets of a text to character offsets (bisect over non-ASCII).

    ``base`` is the byte offset where ``text`` starts in the data the indexes refer to.
    """

    def __init__(self, text: str, base: int = 0) -> None:
        self.base = base
        self.byte_ends: list[int] = []
        self.extra: list[int] = []
        extra = 0
        for match in _NON_ASCII.finditer(text):
            width = len(match.group().encode("utf-8", "surrogatepass"))
            extra += width - 1
            self.byte_ends.append(match.start() + extra + 1)
            self.extra.append(extra)

    def char(self, byte: int) -> int:
        byte -= self.base
        k = bisect.bisect_right(self.byte_ends, byte)
        return byte - (self.extra[k - 1] if k else 0)


def is_entity_tag(tag: str) -> bool:
    """Whether ``tag`` is an entity (``Entity``) or a nested sub-entity (``SubEntityLevel…``)."""
    return tag == "Entity" or tag.startswith("SubEntityLevel")


def edition_date(path: str, root_attrs: dict[str, str]) -> str | None:
    """The edition's date: a root attribute when GovInfo states one, else the file name's
    ``GOVMAN-2025-12-31``; None for fragments that say nothing."""
    candidates = [v for k, v in sorted(root_attrs.items()) if "date" in k.lower()]
    candidates.append(Path(path).name)
    for candidate in candidates:
        match = _EDITION_DATE.search(candidate)
        if match:
            return "-".join(match.groups())
    return None


def _plan(head: bytes, path: str) -> tuple[int, bool]:
    """Where the first element starts and whether the input needs a wrapping root."""
    prolog = _PROLOG.match(head)
    position = prolog.end() if prolog else 0
    first = _FIRST_TAG.match(head, position)
    if first is None:
        raise SourceError(
            "no XML element found: expected <GovernmentManual> or <Entity>", path=path
        )
    return position, first.group(1).decode("ascii") != _ROOT


def _source_error(
    error: xml.parsers.expat.ExpatError, builder: _TreeBuilder, data: bytes | mmap.mmap, path: str
) -> SourceError:
    index = max(0, min(builder.parser.ErrorByteIndex - builder.shift, len(data)))
    line_start = data.rfind(b"\n", 0, index) + 1
    prefix = data[line_start:index].decode("utf-8", "replace")
    line = bytes(data[:index]).count(b"\n") + 1
    column = len(prefix) + 1
    reason = xml.parsers.expat.ErrorString(error.code) or str(error)
    return SourceError(f"malformed XML: {reason}", path=path, line=line, column=column)


def _entities(nodes: list[Node]) -> list[Node]:
    found = []
    for node in nodes:
        if is_entity_tag(node.tag):
            found.append(node)
        else:
            log.warning("top-level element <%s> is not an entity; not read", node.tag)
    return found


def iter_trees(data: bytes | mmap.mmap, path: str) -> Iterator[tuple[dict[str, str], list[Node]]]:
    """Feed ``data`` (UTF-8 XML) to expat in chunks; after each chunk yield the root's
    attributes and the top-level entity trees the chunk completed (other top-level
    elements are logged and skipped). Node positions are byte indexes into ``data``.

    :raises SourceError: when there is no element, or the XML is malformed (line, column).
    """
    first, wrap = _plan(bytes(data[:_CHUNK]), path)
    builder = _TreeBuilder(data, len(_WRAPPER) if wrap else 0)
    parser = builder.parser
    try:
        position = 0
        if wrap:
            parser.Parse(bytes(data[:first]), False)
            parser.Parse(_WRAPPER, False)
            position = first
        while position < len(data):
            parser.Parse(bytes(data[position : position + _CHUNK]), False)
            position += _CHUNK
            if builder.completed:
                yield builder.root_attrs, _entities(builder.completed)
                builder.completed = []
        parser.Parse(_WRAPPER_END if wrap else b"", True)
    except xml.parsers.expat.ExpatError as error:
        raise _source_error(error, builder, data, path) from None
    if builder.completed:
        yield builder.root_attrs, _entities(builder.completed)


@dataclass(frozen=True)
class Fragment:
    """One top-level entity of a file: its tree and its own lines of the file."""

    node: Node
    text: str
    """The entity's whole lines (indentation through the final newline), as in the file."""
    offset: int
    """Character offset of ``text`` in the file."""
    base: int
    """Byte offset of ``text`` in the file (the node's positions are file byte indexes)."""
    root_attrs: dict[str, str]
    index: CharIndex
    """Maps a byte index of the file to a character offset in ``text``."""


def _fragment_bounds(data: bytes | mmap.mmap, node: Node) -> tuple[int, int]:
    """The entity's whole lines: from its line's indentation through the newline after it."""
    start = node.start
    line_start = data.rfind(b"\n", 0, start) + 1
    if not data[line_start:start].strip(b" \t"):
        start = line_start
    end = node.end
    if data[end : end + 2] == b"\r\n":
        end += 2
    elif data[end : end + 1] == b"\n":
        end += 1
    return start, end


def iter_fragments(path: Path) -> Iterator[Fragment]:
    """Stream the top-level entities of a GOVMAN file (memory-mapped; one tree at a time).

    :raises SourceError: for an unreadable, empty, non-UTF-8 or malformed file (with line
        and column).
    """
    shown = str(path)
    try:
        handle = path.open("rb")
    except OSError as error:
        raise SourceError(f"cannot read GOVMAN XML: {error.strerror}", path=shown) from None
    with handle:
        if path.stat().st_size == 0:
            raise SourceError("empty file: expected GOVMAN XML", path=shown)
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            chars_before, bytes_before = 0, 0
            for root_attrs, nodes in iter_trees(data, shown):
                for node in nodes:
                    start, end = _fragment_bounds(data, node)
                    try:
                        chars_before += len(data[bytes_before:start].decode("utf-8"))
                        text = data[start:end].decode("utf-8")
                    except UnicodeDecodeError as error:
                        raise SourceError(f"not UTF-8: {error.reason}", path=shown) from None
                    bytes_before = start
                    index = CharIndex(text, base=start)
                    yield Fragment(node, text, chars_before, start, root_attrs, index)
