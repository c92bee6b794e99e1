"""GovInfo GOVMAN XML → :class:`~iomgraph.model.Entry` (the model the website-text reader fills).

GOVMAN is the Manual's official bulk format: one ``<GovernmentManual>`` file per edition, one
``<Entity>`` per agency, sub-entities nested as ``Childrens/SubEntityLevelOne/...``. This reader
accepts a whole edition or a fragment (one or more ``<Entity>`` elements with no root).

:mod:`iomgraph.govman_xml` builds each entity's element tree with exact positions; this
module reads what the tree says. Every :class:`~iomgraph.model.Value` keeps the exact passage
it came from: a value's span is the element's text content as written in the file (entities
still escaped, outer white space trimmed) and its ``xpath`` names the element by the
publisher's ids, e.g. ``Entity[@EntityId="192"]/Addresses/Address[@EntityAddressId="122"]/Phone``.

Streaming (:func:`iter_govman`) keeps one entity's small tree at a time, so memory stays flat
over an 8 MB edition; each streamed entry's document is that entity's own lines (exactly the
fragment a person would copy out), with :attr:`SourceDocument.offset` locating it in the file.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from iomgraph.addresses import map_address_parts, parse_address_line, phone_to_e164
from iomgraph.errors import SourceError, line_and_column
from iomgraph.govman_xml import (
    CharIndex,
    Node,
    edition_date,
    is_entity_tag,
    iter_fragments,
    iter_trees,
    ordered,
)
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

__all__ = ["entity_to_entry", "iter_govman", "parse_govman", "read_govman"]

log = logging.getLogger(__name__)

_MEDIA_TYPE = "application/xml"
_TITLE = "The United States Government Manual (GovInfo GOVMAN XML)"


def _document(text: str, path: str, key: str, issued: str | None, offset: int) -> SourceDocument:
    return SourceDocument(
        key=key,
        kind=SourceKind.GOVMAN_XML,
        path=path,
        text=text,
        media_type=_MEDIA_TYPE,
        title=_TITLE,
        issued=issued,
        offset=offset,
    )


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
    for root_attrs, nodes in iter_trees(data, path):
        if document is None:
            document = _document(text, path, key, edition_date(path, root_attrs), 0)
        entries.extend(entity_to_entry(node, document, index.char) for node in nodes)
    return entries


def iter_govman(path: Path, *, key: str = "govman-xml") -> Iterator[Entry]:
    """Stream the entries of a GOVMAN file (an edition of ~300 entities, or a fragment).

    Each entry's document is its entity's lines (``offset`` says where they start in the
    file), so memory holds one entity at a time.

    :raises SourceError: for an unreadable or malformed file (with line and column), or an
        entity without an ``AgencyName``.
    """
    shown = str(path)
    for fragment in iter_fragments(path):
        issued = edition_date(shown, fragment.root_attrs)
        document = _document(fragment.text, shown, key, issued, fragment.offset)
        yield entity_to_entry(fragment.node, document, fragment.index.char)


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
        step = node.step
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
        return ordered([c for c in node.children if c.tag == tag]) if node else []

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
            for sub in ordered([s for c in self.children(node, "Childrens") for s in c.children])
            if is_entity_tag(sub.tag)
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
        moved = map_address_parts(address, lambda part: Value(part.text, self.part(line, part)))
        return replace(moved, span=self.part(line, address.span))

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
            if is_entity_tag(child.tag):
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
