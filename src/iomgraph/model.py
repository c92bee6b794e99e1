"""What a Government Manual entry says, as frozen dataclasses (no rdflib here).

One model, several readers: ``source.py`` reads the website text, ``govman.py`` the official
GOVMAN XML. Every value the readers extract is a :class:`Value` that keeps the exact passage
it came from (a :class:`Span` of character offsets into the source document's text, and for
XML the path of the element), so every published statement can be traced to it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class SourceKind(StrEnum):
    """The form a source document comes in."""

    WEBSITE_TEXT = "text"
    """The Manual's website page, as plain text (``data/source/iom.txt``)."""
    GOVMAN_XML = "govman-xml"
    """GovInfo's GOVMAN bulk XML: one ``<Entity>`` element, or a whole edition."""


@dataclass(frozen=True)
class SourceDocument:
    """One document read: its identity and its full text (offsets index into ``text``)."""

    key: str
    """Short stable name used in IRIs, e.g. ``text`` or ``govman-xml``."""
    kind: SourceKind
    path: str
    """Where it was read from, relative to the project when possible (for messages)."""
    text: str
    media_type: str
    title: str = ""
    issued: str | None = None
    """Date of the edition when the source states it (ISO 8601), else None."""
    offset: int = 0
    """Character offset of ``text`` in the file at ``path`` when ``text`` is an excerpt of it
    (one entity streamed out of a whole GOVMAN edition); 0 when ``text`` is the whole file."""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, order=True)
class Span:
    """A passage of a source document: ``text[start:end]``; ``xpath`` for XML elements."""

    start: int
    end: int
    xpath: str | None = None


@dataclass(frozen=True)
class Value:
    """A string the entry states, normalised for publishing, with the passage it came from.

    ``text`` is cleaned (non-breaking spaces folded, whitespace collapsed); the source's own
    characters are ``document.text[span.start:span.end]``.
    """

    text: str
    span: Span

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Phone:
    printed: Value
    """As the entry prints it, e.g. ``011-41-22-717-9111``."""
    e164: str | None
    """E.164 form (``+41227179111``) when the printed form can be read as one, else None."""
    kind: str = "voice"
    """``voice`` or ``fax``."""


@dataclass(frozen=True)
class PostalAddress:
    """One postal address; every part is optional because entries vary."""

    span: Span
    kind: str = "street"
    """``street`` (where the office is) or ``mailing`` (where post goes)."""
    street: Value | None = None
    """Street line(s) incl. suite/floor, e.g. ``Suite 700, 1752 N Street NW.``."""
    po_box: Value | None = None
    """Post office box as printed, e.g. ``C.P. 17`` or ``P.O. Box 71``."""
    locality: Value | None = None
    region: Value | None = None
    """State or province code as printed, e.g. ``DC``."""
    postal_code: Value | None = None
    country: Value | None = None
    """Country name as printed; absent when the address leaves it implicit."""
    country_code: str | None = None
    """ISO 3166-1 alpha-2, derived from ``country`` or a US state/ZIP pattern."""


@dataclass(frozen=True)
class Office:
    """An address block of the entry: a site of the organization with its contact points."""

    span: Span
    label: Value | None = None
    """``Headquarters``, ``Washington Office`` ...; None for an unlabelled address."""
    addresses: tuple[PostalAddress, ...] = ()
    phones: tuple[Phone, ...] = ()
    emails: tuple[Value, ...] = ()
    email_label_without_address: bool = False
    """The entry prints ``Email:`` with nothing after it (the website drops the address)."""
    web_addresses: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Official:
    """One row of a leadership table."""

    span: Span
    title: Value | None
    """The title as printed (``Operations``, ``PRESIDENT``); None for a bare name."""
    name: Value | None
    """The holder's name without suffixes; None when the post is vacant."""
    heading: Value | None = None
    """The group heading governing the row (``DEPUTY DIRECTORS GENERAL``), if printed."""
    acting: bool = False
    vacant: bool = False
    web_addresses: tuple[Value, ...] = ()
    """A URL printed right after the row (a biography page)."""


@dataclass(frozen=True)
class LeadershipTable:
    span: Span
    header: Value | None = None
    officials: tuple[Official, ...] = ()
    updated: Value | None = None
    """The footer's date as printed (``3–2022``) from "The above list ... was updated ..."."""
    web_addresses: tuple[Value, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose, with any web address or email printed with it."""

    text: Value
    web_addresses: tuple[Value, ...] = ()
    emails: tuple[Value, ...] = ()
    email_label_without_address: bool = False


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under one heading (the heading may be unprinted: None)."""

    span: Span
    heading: Value | None
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Entry:
    """Everything one Manual entry says, in the order it says it."""

    document: SourceDocument
    name: Value
    entity_id: str | None = None
    """GOVMAN ``EntityId`` when read from XML."""
    category: Value | None = None
    offices: tuple[Office, ...] = ()
    leadership: tuple[LeadershipTable, ...] = ()
    mission: tuple[Paragraph, ...] = ()
    description: tuple[Section, ...] = ()
    """The body before "Sources of Information": establishment, organization, activities."""
    sources_of_information: tuple[Section, ...] = ()
    """One section per sub-heading under "Sources of Information" (heading None if unprinted)."""
    sub_entities: tuple[Entry, ...] = ()
    """Nested GOVMAN sub-entities (organizational units with entries of their own)."""
    truncated: Span | None = None
    """Where the input broke off mid-entry (the text after ``start`` was cut), else None."""
    warnings: tuple[str, ...] = field(default=())
    """Things a reader skipped or could not place, for the build report."""
    sources_updated: Value | None = None
    """The date the Sources of Information were updated, as printed (``3–2022``), if stated."""

    def all_paragraphs(self) -> tuple[Paragraph, ...]:
        """Mission, description and sources-of-information paragraphs, in entry order."""
        found: list[Paragraph] = list(self.mission)
        for section in (*self.description, *self.sources_of_information):
            found.extend(_section_paragraphs(section))
        return tuple(found)


def _section_paragraphs(section: Section) -> list[Paragraph]:
    found = list(section.paragraphs)
    for sub in section.subsections:
        found.extend(_section_paragraphs(sub))
    return found
