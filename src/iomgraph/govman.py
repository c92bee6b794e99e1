"""GovInfo GOVMAN XML → :class:`~iomgraph.model.Entry` (the model the website-text reader fills).

GOVMAN is the Manual's official bulk format: one ``<GovernmentManual>`` file per edition, one
``<Entity>`` per agency, sub-entities nested as ``Childrens/SubEntityLevelOne/...``. This reader
accepts a whole edition or a fragment (one or more ``<Entity>`` elements with no root).

Every :class:`~iomgraph.model.Value` keeps the exact passage it came from: ElementTree gives
no positions, so the reader drives :mod:`xml.parsers.expat` itself; expat reports each event's
UTF-8 *byte* index, which is converted to a *character* offset of the document text. A value's
span is the element's text content as written in the file (entities still escaped, outer white
space trimmed) and its ``xpath`` names the element by the publisher's ids, e.g.
``Entity[@EntityId="192"]/Addresses/Address[@EntityAddressId="122"]/Phone``.

Streaming (:func:`iter_govman`) keeps one entity's small tree at a time, so memory stays flat
over an 8 MB edition; each streamed entry's document is that entity's own lines (exactly the
fragment a person would copy out), with :attr:`SourceDocument.offset` locating it in the file.
"""

from __future__ import annotations

import bisect
import logging
import mmap
import re
import xml.parsers.expat
from collections.abc import Callable, Iterator
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
    PostalAddress,
    Section,
    SourceDocument,
    SourceKind,
    Span,
    Value,
)
from iomgraph.passages import clean_text, sub_value

__all__ = ["iter_govman", "parse_govman", "read_govman"]

log = logging.getLogger(__name__)

_ROOT = "GovernmentManual"
_WRAPPER = b"<GovmanFragment>"
_WRAPPER_END = b"</GovmanFragment>"
_CHUNK = 1 << 16
_MEDIA_TYPE = "application/xml"
_TITLE = "The United States Government Manual (GovInfo GOVMAN XML)"
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


def _edition_date(path: str, root_attrs: dict[str, str]) -> str | None:
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


def _run(data: bytes | mmap.mmap, path: str) -> Iterator[tuple[_TreeBuilder, list[Node]]]:
    """Feed ``data`` to expat in chunks; after each chunk yield the entities it completed."""
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
                yield builder, builder.completed
                builder.completed = []
        parser.Parse(_WRAPPER_END if wrap else b"", True)
    except xml.parsers.expat.ExpatError as error:
        raise _source_error(error, builder, data, path) from None
    if builder.completed:
        yield builder, builder.completed


def _is_entity(node: Node) -> bool:
    if node.tag == "Entity" or node.tag.startswith("SubEntityLevel"):
        return True
    log.warning("top-level element <%s> is not an entity; not read", node.tag)
    return False


def parse_govman(text: str, *, path: str = "<input>", key: str = "govman-xml") -> list[Entry]:
    """Read GOVMAN XML text (a whole edition, or one or more ``<Entity>`` elements).

    All entries share one :class:`SourceDocument` whose text is ``text``.

    :raises SourceError: for malformed XML (with line and column), or an entity without an
        ``AgencyName`` (naming its ``EntityId``).
    """
    data = text.encode("utf-8", "surrogatepass")
    index = CharIndex(text)
    entries: list[Entry] = []
    document: SourceDocument | None = None
    for builder, nodes in _run(data, path):
        if document is None:
            document = SourceDocument(
                key=key,
                kind=SourceKind.GOVMAN_XML,
                path=path,
                text=text,
                media_type=_MEDIA_TYPE,
                title=_TITLE,
                issued=_edition_date(path, builder.root_attrs),
            )
        entries.extend(
            entity_to_entry(node, document, index.char) for node in nodes if _is_entity(node)
        )
    return entries


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


def iter_govman(path: Path, *, key: str = "govman-xml") -> Iterator[Entry]:
    """Stream the entries of a GOVMAN file (an edition of ~300 entities, or a fragment).

    Each entry's document is its entity's lines (``offset`` says where they start in the
    file), so memory holds one entity at a time.

    :raises SourceError: for an unreadable or malformed file (with line and column), or an
        entity without an ``AgencyName``.
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
            for builder, nodes in _run(data, shown):
                issued = _edition_date(shown, builder.root_attrs)
                for node in nodes:
                    if not _is_entity(node):
                        continue
                    start, end = _fragment_bounds(data, node)
                    try:
                        chars_before += len(data[bytes_before:start].decode("utf-8"))
                        text = data[start:end].decode("utf-8")
                    except UnicodeDecodeError as error:
                        raise SourceError(f"not UTF-8: {error.reason}", path=shown) from None
                    bytes_before = start
                    document = SourceDocument(
                        key=key,
                        kind=SourceKind.GOVMAN_XML,
                        path=shown,
                        text=text,
                        media_type=_MEDIA_TYPE,
                        title=_TITLE,
                        issued=issued,
                        offset=chars_before,
                    )
                    yield entity_to_entry(node, document, CharIndex(text, base=start).char)


def read_govman(path: Path) -> list[Entry]:
    """All entries of a GOVMAN file (see :func:`iter_govman`).

    :raises SourceError: as :func:`iter_govman`.
    """
    return list(iter_govman(path))


# ---------------------------------------------------------------------------------------------
# One entity's tree → Entry
# ---------------------------------------------------------------------------------------------

_KNOWN = frozenset(
    re.findall(
        r"\w+",
        """Entity Childrens EntityType Category IntroductoryHeader IntroductoryParagraph AgencyName
    Addresses Address Phone Phone2 Fax FooterDetails Email WebAddress Footer LeaderShipTables
    LeaderShipTable Header HeaderParagraph NameColumnHeader TitleColumnHeader ShowFootNote
    ShowHeader ShowHeaderParagraph ShowNameColumnHeader ShowTitleColumnHeader
    LeaderShipTableValues Values NameColumnValue TitleColumnValue MissionStatement Heading Record
    Paragraph OrganizationChart LegalAuthority OrganizationStatement ProgramAndActivities
    ProgramAndActivity MainParagraph PointOfContact ProgramName Activity Details Detail
    SourceOfInformationDetails EntitySourceOfInformation""",
    )
)
# Display switches and record types: known, carry no statement of the entry.
_SILENT = frozenset(
    re.findall(
        r"\w+",
        """EntityType ShowFootNote ShowHeader ShowHeaderParagraph ShowNameColumnHeader
    ShowTitleColumnHeader""",
    )
)
_SEPARATOR = re.compile(r"^[-–—_=\s]{3,}$")
_VACANT = re.compile(r"^\(?\s*(?:vacancy|vacant)\s*\)?$", re.IGNORECASE)
_ACTING = re.compile(r",?\s*\(?\bActing\)?\s*$")
_UPDATED = re.compile(
    r"\bupdated\s+(?:on\s+|in\s+)?(?P<date>\d{1,2}\s*[–-]\s*\d{4}|[A-Z][a-z]+\.?\s+\d{4}|\d{4})"
)


def _is_entity_tag(tag: str) -> bool:
    return tag == "Entity" or tag.startswith("SubEntityLevel")


def _ordered(nodes: list[Node]) -> list[Node]:
    """Siblings in the entry's order (``SortOrder``), document order when it is missing."""
    try:
        return sorted(nodes, key=lambda node: int(node.attrs["SortOrder"]))
    except (KeyError, ValueError):
        return list(nodes)


class _EntityReader:
    """Reads one ``<Entity>`` (or sub-entity) tree; ``char`` maps a byte index to an offset."""

    def __init__(self, document: SourceDocument, char: Callable[[int], int]) -> None:
        self.document = document
        self.char = char
        self.read: set[int] = set()
        self.paths: dict[int, str] = {}
        self.warnings: list[str] = []

    # -- positions -------------------------------------------------------------------------

    def xpath(self, node: Node) -> str:
        known = self.paths.get(id(node))
        if known is not None:
            return known
        step = node.tag
        ids = [(k, v) for k, v in node.attrs.items() if k.endswith("Id") and k != "ParentId"]
        if ids:
            step += f'[@{ids[0][0]}="{ids[0][1]}"]'
        elif node.parent is not None:
            same = [n for n in node.parent.children if n.tag == node.tag]
            if len(same) > 1:
                step += f"[{same.index(node) + 1}]"
        path = step if node.parent is None else f"{self.xpath(node.parent)}/{step}"
        self.paths[id(node)] = path
        return path

    def span(self, node: Node) -> Span:
        return Span(self.char(node.start), self.char(node.end), self.xpath(node))

    def value(self, node: Node | None) -> Value | None:
        """The element's text as a Value (None when empty); marks the element read."""
        if node is None:
            return None
        self.read.add(id(node))
        text = clean_text(node.text)
        if not text:
            return None
        start, end = self.char(node.content_start), self.char(node.content_end)
        raw = self.document.text
        while start < end and raw[start] in " \t\r\n\u00a0":
            start += 1
        while end > start and raw[end - 1] in " \t\r\n\u00a0":
            end -= 1
        return Value(text, Span(start, end, self.xpath(node)))

    def child(self, node: Node | None, *tags: str) -> Node | None:
        for tag in tags:
            if node is None:
                return None
            node = next((c for c in node.children if c.tag == tag), None)
        return node

    def children(self, node: Node | None, tag: str) -> list[Node]:
        return _ordered([c for c in node.children if c.tag == tag]) if node else []

    def values(self, node: Node | None, tag: str) -> tuple[Value, ...]:
        found = (self.value(c) for c in self.children(node, tag))
        return tuple(v for v in found if v is not None)

    def part(self, whole: Value, part: Value | Span) -> Span:
        """A span found in ``whole.text`` (clean offsets) as a span of the source."""
        span = part.span if isinstance(part, Value) else part
        start, end = whole.span.start, whole.span.end
        if self.document.text[start:end] == whole.text:  # nothing escaped or folded: offsets agree
            return Span(start + span.start, start + span.end, whole.span.xpath)
        return sub_value(whole, self.document, span.start, span.end).span

    # -- the entry -------------------------------------------------------------------------

    def entry(self, node: Node) -> Entry:
        entity_id = node.attrs.get("EntityId")
        name = self.value(self.child(node, "AgencyName"))
        if name is None:
            line, column = line_and_column(self.document.text, self.char(node.start))
            raise SourceError(
                f"entity {entity_id or '(no EntityId)'} has no AgencyName",
                path=self.document.path,
                line=line,
                column=column,
            )
        sources, updated = self.sources(node)
        subs = tuple(
            _EntityReader(self.document, self.char).entry_with_path(sub, self.xpath(sub))
            for sub in _ordered([s for c in self.children(node, "Childrens") for s in c.children])
            if _is_entity_tag(sub.tag)
        )
        entry = Entry(
            document=self.document,
            name=name,
            entity_id=entity_id,
            category=self.value(self.child(node, "Category")),
            offices=tuple(
                self.office(a) for a in self.children(self.child(node, "Addresses"), "Address")
            ),
            leadership=tuple(
                self.table(t)
                for t in self.children(self.child(node, "LeaderShipTables"), "LeaderShipTable")
            ),
            mission=self.mission(node),
            description=self.description(node),
            sources_of_information=sources,
            sub_entities=subs,
            sources_updated=updated,
        )
        self.check(node)
        return replace(entry, warnings=tuple(self.warnings))

    def entry_with_path(self, node: Node, path: str) -> Entry:
        self.paths[id(node)] = path
        return self.entry(node)

    def office(self, node: Node) -> Office:
        label: Value | None = None
        addresses: tuple[PostalAddress, ...] = ()
        line = self.value(self.child(node, "Address"))
        if line is not None:
            found_label, found = parse_address_line(line.text)
            if found_label is not None:
                label = Value(found_label.text, self.part(line, found_label))
            addresses = tuple(self.address(line, a) for a in found)
            if not addresses:
                self.warn(f"{line.span.xpath}: not read as a postal address: {line.text!r}")
        phones = [Phone(v, phone_to_e164(v.text)) for v in self.values(node, "Phone")]
        phones += [Phone(v, phone_to_e164(v.text)) for v in self.values(node, "Phone2")]
        phones += [Phone(v, phone_to_e164(v.text), "fax") for v in self.values(node, "Fax")]
        footer = self.child(node, "FooterDetails")
        return Office(
            span=self.span(node),
            label=label,
            addresses=addresses,
            phones=tuple(phones),
            emails=self.values(footer, "Email"),
            web_addresses=self.values(footer, "WebAddress"),
        )

    def address(self, line: Value, address: PostalAddress) -> PostalAddress:
        def moved(part: Value | None) -> Value | None:
            return None if part is None else Value(part.text, self.part(line, part))

        return replace(
            address,
            span=self.part(line, address.span),
            street=moved(address.street),
            po_box=moved(address.po_box),
            locality=moved(address.locality),
            region=moved(address.region),
            postal_code=moved(address.postal_code),
            country=moved(address.country),
        )

    def updated(self, footer: Node | None) -> Value | None:
        """The date in a footer ``... was updated 3–2022.`` (None if it says something else;
        the footer is then left unread, to be reported)."""
        node = self.child(footer, "Footer")
        if node is None or not clean_text(node.text):
            return None
        whole = self.value(node)
        match = _UPDATED.search(whole.text) if whole else None
        if whole is None or match is None:
            self.read.discard(id(node))
            return None
        return sub_value(whole, self.document, match.start("date"), match.end("date"))

    def table(self, node: Node) -> LeadershipTable:
        header = self.value(self.child(node, "Header"))
        footer = self.child(node, "FooterDetails")
        officials: list[Official] = []
        group: Value | None = None
        for row in self.children(self.child(node, "LeaderShipTableValues"), "Values"):
            title = self.value(self.child(row, "TitleColumnValue"))
            name = self.value(self.child(row, "NameColumnValue"))
            if title is not None and name is None and _SEPARATOR.match(title.text):
                group = None
                continue
            if title is not None and name is None and title.text.isupper():
                group = title
                continue
            capital = title is not None and title.text.isupper()
            if capital:
                group = None
            acting = vacant = False
            if name is not None and _VACANT.match(name.text):
                name, vacant = None, True
            elif name is not None and (acting_match := _ACTING.search(name.text)):
                name, acting = sub_value(name, self.document, 0, acting_match.start()), True
            officials.append(
                Official(
                    span=self.span(row),
                    title=title,
                    name=name,
                    heading=None if capital else (group or header),
                    acting=acting,
                    vacant=vacant,
                )
            )
        return LeadershipTable(
            span=self.span(node),
            header=header,
            officials=tuple(officials),
            updated=self.updated(footer),
            web_addresses=self.values(footer, "WebAddress"),
        )

    def paragraphs(self, texts: list[Node], footer: Node | None) -> list[Paragraph]:
        """Paragraphs from ``texts``; the footer's web addresses and emails go with the last,
        its ``Footer`` text (a footnote) becomes a paragraph of its own."""
        found = [Paragraph(v) for v in (self.value(n) for n in texts) if v is not None]
        webs, emails = self.values(footer, "WebAddress"), self.values(footer, "Email")
        if found and (webs or emails):
            found[-1] = replace(found[-1], web_addresses=webs, emails=emails)
        elif webs or emails:
            for node in (*self.children(footer, "WebAddress"), *self.children(footer, "Email")):
                self.read.discard(id(node))  # nothing to attach them to: report them
        note_node = self.child(footer, "Footer")
        # A footer already read as an "updated" date is no paragraph.
        note = None if note_node is None or id(note_node) in self.read else self.value(note_node)
        if note is not None:
            found.append(Paragraph(note))
        return found

    def mission(self, node: Node) -> tuple[Paragraph, ...]:
        found: list[Paragraph] = []
        for record in self.children(self.child(node, "MissionStatement"), "Record"):
            texts = self.children(record, "Paragraph")
            found += self.paragraphs(texts, self.child(record, "FooterDetails"))
        return tuple(found)

    def described(self, node: Node | None, heading_tag: str) -> Section | None:
        """A ``LegalAuthority``-like block: its heading, and every Paragraph/Footer inside."""
        if node is None:
            return None
        texts: list[Node] = []
        stack = list(reversed(node.children))
        while stack:
            current = stack.pop()
            if current.tag in ("Paragraph", "Footer", "IntroductoryParagraph"):
                texts.append(current)
            stack.extend(reversed(current.children))
        heading = self.value(self.child(node, heading_tag))
        paragraphs = self.paragraphs(texts, None)
        if heading is None and not paragraphs:
            return None
        return Section(self.span(node), heading, tuple(paragraphs))

    def description(self, node: Node) -> tuple[Section, ...]:
        sections: list[Section] = []
        intro = self.child(node, "IntroductoryParagraph")
        intro_heading = self.value(self.child(node, "IntroductoryHeader"))
        intro_paragraphs = self.paragraphs([intro] if intro else [], None)
        if intro is not None and (intro_heading or intro_paragraphs):
            sections.append(Section(self.span(intro), intro_heading, tuple(intro_paragraphs)))
        for tag in ("LegalAuthority", "OrganizationStatement"):
            section = self.described(self.child(node, tag), "Heading")
            if section is not None:
                sections.append(section)
        programs = self.child(node, "ProgramAndActivities")
        for program in self.children(programs, "ProgramAndActivity"):
            activities = [self.activity(a) for a in self.children(program, "Activity")]
            heading = self.value(self.child(program, "ProgramName"))
            texts = [n for n in program.children if n.tag in ("MainParagraph", "PointOfContact")]
            paragraphs = self.paragraphs(texts, self.child(program, "FooterDetails"))
            if heading is None and not paragraphs:
                sections.extend(activities)
            else:
                sections.append(
                    Section(self.span(program), heading, tuple(paragraphs), tuple(activities))
                )
        return tuple(sections)

    def activity(self, node: Node) -> Section:
        """An Activity: headingless Details are its paragraphs until a Detail with a heading
        opens a subsection, which the following headingless Details continue."""
        paragraphs: list[Paragraph] = []
        subsections: list[tuple[Node, Value, list[Paragraph]]] = []
        for detail in self.children(self.child(node, "Details"), "Detail"):
            heading = self.value(self.child(detail, "Heading"))
            found = self.paragraphs(
                self.children(detail, "Paragraph"), self.child(detail, "FooterDetails")
            )
            if heading is not None:
                subsections.append((detail, heading, found))
            elif subsections:
                subsections[-1][2].extend(found)
            else:
                paragraphs.extend(found)
        return Section(
            self.span(node),
            self.value(self.child(node, "Heading")),
            tuple(paragraphs),
            tuple(
                Section(self.span(detail), heading, tuple(found))
                for detail, heading, found in subsections
            ),
        )

    def sources(self, node: Node) -> tuple[tuple[Section, ...], Value | None]:
        sections: list[Section] = []
        updated = self.updated(self.child(node, "FooterDetails"))
        details = self.child(node, "SourceOfInformationDetails")
        for item in self.children(details, "EntitySourceOfInformation"):
            footer = self.child(item, "FooterDetails")
            date = self.updated(footer)
            if date is not None:
                updated = updated or date
            heading = self.value(self.child(item, "Header"))
            paragraphs = self.paragraphs(self.children(item, "Paragraph"), footer)
            if heading is not None or paragraphs:
                sections.append(Section(self.span(item), heading, tuple(paragraphs)))
        return tuple(sections), updated

    # -- what was not read -------------------------------------------------------------------

    def warn(self, message: str) -> None:
        log.warning("%s: %s", self.document.path, message)
        self.warnings.append(message)

    def check(self, node: Node) -> None:
        """Report unknown elements and text no field holds, so nothing is lost silently."""
        for child in node.children:
            if _is_entity_tag(child.tag):
                continue  # a sub-entity reports for itself
            if child.tag not in _KNOWN:
                self.warn(f"{self.xpath(child)}: unknown element <{child.tag}> not read")
                continue
            text = clean_text(child.text)
            unread = id(child) not in self.read and child.tag not in _SILENT
            if text and not child.children and unread:
                self.warn(f"{self.xpath(child)}: text not read: {_short(text)!r}")
            self.check(child)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def entity_to_entry(node: Node, document: SourceDocument, char: Callable[[int], int]) -> Entry:
    """The Entry one entity tree states (``char`` maps byte indexes to text offsets).

    :raises SourceError: when the entity has no ``AgencyName``.
    """
    return _EntityReader(document, char).entry(node)
