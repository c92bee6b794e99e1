"""Facts stated in an entry's prose, found by rules over its paragraphs (no rdflib here).

Each rule handles one phrasing the Manual uses ("Established in 1951", "With 174 Member
States", "a presence in over 100 countries", "the following areas: a, b, and c") and keeps the
exact passage that states the fact. Rules are written for the phrasing, not for the IOM's
particular values; ``tests/test_facts.py`` tests each on the sentences it handles.

Counts keep their qualifier: "over 100" is a lower bound (``minimum``), never an exact 100.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from iomgraph.model import Entry, Paragraph, SourceDocument, Value
from iomgraph.passages import sub_value

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUMBER = r"(\d[\d,]*|" + "|".join(_WORD_NUMBERS) + r")"
_LOWER_BOUND = {"over", "more than", "at least", "upwards of"}
_MONTHS = {
    "JAN": "01", "FEB": "02", "MAR": "03", "APR": "04", "MAY": "05", "JUN": "06",
    "JUL": "07", "AUG": "08", "SEP": "09", "OCT": "10", "NOV": "11", "DEC": "12",
}  # fmt: skip


@dataclass(frozen=True)
class Count:
    """A number the entry states about the organization, true as of the entry's date."""

    key: str
    """What is counted, as a slug: ``member-states``, ``countries-of-presence`` ..."""
    label: str
    phrase: Value
    """The passage stating it, e.g. ``a presence in over 100 countries``."""
    value: int | None = None
    """The exact count, when the entry states one."""
    minimum: int | None = None
    """A lower bound ("over 100", "more than 590"); ``value`` is then None."""


@dataclass(frozen=True)
class Unit:
    """An organizational unit the prose names, with what it says of it."""

    name: Value
    part_of: str | None = None
    """Name of the unit that contains it ("... Division, which is where the ... unit is")."""
    supported_by: str | None = None
    """Name of the unit that supports it ("The Department ... supports the ... Division")."""
    roles: tuple[Value, ...] = ()
    """What it does ("is responsible for media relations")."""
    context: Value | None = None
    """The paragraph that names it (states ``part_of`` / ``supported_by``)."""


@dataclass(frozen=True)
class Quotation:
    text: Value
    page: Value | None
    context: Value


@dataclass(frozen=True)
class Publication:
    title: Value
    issued: str | None = None
    """ISO year-month from a printed ``(OCT 2021)``."""
    issued_as_printed: Value | None = None
    kind: str = "CreativeWork"
    """The schema.org class that fits: ``Report``, ``CreativeWorkSeries``, ``Book`` ..."""
    description: Value | None = None
    quotations: tuple[Quotation, ...] = ()


@dataclass(frozen=True)
class Facts:
    """What the prose of one entry states, each value with its passage(s)."""

    acronyms: tuple[Value, ...] = ()
    founding_years: tuple[Value, ...] = ()
    former_names: tuple[Value, ...] = ()
    standings: tuple[Value, ...] = ()
    """Characterisations like "the leading intergovernmental organization in the field of ..."."""
    counts: tuple[Count, ...] = ()
    observer_status_at: tuple[Value, ...] = ()
    structure: tuple[Value, ...] = ()
    """How the organization is structured ("decentralized")."""
    field_structure: tuple[tuple[Value, Value], ...] = ()
    """(kind, qualifier) pairs: (``centers``, ``African``), (``offices``, ``liaison``)."""
    documents_in_format: tuple[tuple[Value, Value], ...] = ()
    """(document, format) pairs: ("organizational chart", "Portable Document Format (PDF)")."""
    areas_of_work: tuple[Value, ...] = ()
    activities: tuple[Value, ...] = ()
    lead_roles: tuple[Value, ...] = ()
    lead_role_frameworks: tuple[Value, ...] = ()
    """The framework each lead role is held under ("the UN Cluster Approach"), same order."""
    partner_roles: tuple[Value, ...] = ()
    partner_kinds: tuple[Value, ...] = ()
    units: tuple[Unit, ...] = ()
    publications: tuple[Publication, ...] = ()
    product_kinds: tuple[Value, ...] = ()
    unit_kind_roles: tuple[tuple[Value, Value], ...] = ()
    """(kind of unit, what its people do): ("Regional office", "review and endorse ...")."""
    extra: dict[str, tuple[Value, ...]] = field(default_factory=dict)


# --- helpers -----------------------------------------------------------------------------


def _number(word: str) -> int:
    word = word.lower().replace(",", "")
    return _WORD_NUMBERS[word] if word in _WORD_NUMBERS else int(word)


def _split_list(text: str, separator: str) -> list[tuple[int, int]]:
    """Spans of the items of an English list ("a, b, and c"; "a; b; and c")."""
    spans: list[tuple[int, int]] = []
    position = 0
    for piece in text.split(separator):
        start = position
        position += len(piece) + len(separator)
        stripped = piece.strip()
        for lead in ("and ", "or "):
            if stripped.startswith(lead):
                stripped = stripped[len(lead) :]
        if not stripped:
            continue
        offset = start + piece.index(stripped)
        spans.append((offset, offset + len(stripped)))
    return spans


class _Reader:
    """Runs the rules over one entry's paragraphs."""

    def __init__(self, document: SourceDocument) -> None:
        self.document = document

    def part(self, value: Value, start: int, end: int) -> Value:
        return sub_value(value, self.document, start, end)

    def matches(
        self, paragraphs: Iterable[Paragraph], pattern: re.Pattern[str]
    ) -> Iterator[tuple[Value, re.Match[str]]]:
        for paragraph in paragraphs:
            for match in pattern.finditer(paragraph.text.text):
                yield paragraph.text, match

    def groups(
        self, paragraphs: Iterable[Paragraph], pattern: re.Pattern[str], group: int | str = 1
    ) -> tuple[Value, ...]:
        return tuple(
            self.part(value, match.start(group), match.end(group))
            for value, match in self.matches(paragraphs, pattern)
        )

    def list_items(
        self, paragraphs: Iterable[Paragraph], pattern: re.Pattern[str], separator: str
    ) -> tuple[Value, ...]:
        items: list[Value] = []
        for value, match in self.matches(paragraphs, pattern):
            base = match.start("list")
            for start, end in _split_list(match.group("list"), separator):
                items.append(self.part(value, base + start, base + end))
        return tuple(items)


# --- the rules ---------------------------------------------------------------------------

ACRONYM = re.compile(
    r"\b(?:the )?(?P<name>(?:[A-Z][\w'’-]*\s?(?:for |of |and |the )*)+)\((?P<acronym>[A-Z]{2,})\)"
)
FOUNDED = re.compile(
    r"\b(?:Established|Founded|Created)\s+in\s+(\d{4})\b|\bwas (?:established|founded|created) in (\d{4})\b"
)
FORMER_NAME = re.compile(
    r"\b(?i:first|originally|formerly|previously) known as (?:the )?"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|for|of|the|and|in|from|on))*[\w'’-])"
)
STANDING = re.compile(
    r"\bis the (?P<standing>leading [a-z ]+?(?:organization|agency)[a-z ]*?(?: (?:in the field of|focusing on) [a-z ]+))[.,;]"
)
OBSERVER_STATUS = re.compile(
    r"\bhas observer status (?:to|at|with) (?:the )?(?P<org>[A-Z][\w ]*[A-Za-z])"
)
COUNT_PHRASES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "member-states",
        "Member States",
        re.compile(r"\b(?:[Ww]ith )?(?P<qualifier>over |more than |at least )?" + _NUMBER + r" Member States\b"),
    ),
    (
        "observer-states",
        "states holding observer status",
        re.compile(r"\b(?:an additional )?(?P<qualifier>over |more than |at least )?" + _NUMBER + r" (?:states|countries) (?:holding|with) observer status\b"),
    ),
    (
        "countries-of-presence",
        "countries with a presence",
        re.compile(r"\ba presence in (?P<qualifier>over |more than |at least )?" + _NUMBER + r" countries\b"),
    ),
    (
        "country-offices-and-sub-offices",
        "country offices and sub-offices",
        re.compile(r"\b(?P<qualifier>over |more than |at least )?" + _NUMBER + r" country offices and sub-offices\b"),
    ),
    (
        "regional-offices",
        "regional offices",
        re.compile(r"\b(?P<qualifier>over |more than |at least )?" + _NUMBER + r" regional offices\b"),
    ),
)  # fmt: skip
STRUCTURE = re.compile(r"\b[Ii]ts structure is (?P<structure>[a-z]+)\b")
FIELD_STRUCTURE = re.compile(r"\b(?P<kind>[a-z]+) \((?P<list>[^)]+)\)")
FIELD_STRUCTURE_SENTENCE = re.compile(r"\bstructure is composed of (?P<body>[^.]+)\.")
FORMAT_DOCUMENT = re.compile(
    r"\b(?P<document>organizational chart|annual report|[a-z]+ chart) is available in (?P<format>[A-Z][A-Za-z ]+\([A-Z]+\))"
)
AREAS = re.compile(r"\bin the following areas: (?P<list>[^.]+)\.")
ACTIVITIES = re.compile(r"\bsupport the following activities: (?P<list>[^.]+)\.")
LEAD_ROLE = re.compile(
    r"\bhas a lead role (?:under (?P<framework>[^,]+?) )?in (?P<role>[^,.]+?)(?:,| and is\b|\.)"
)
PARTNER_ROLE = re.compile(r"\bis a key partner in (?P<list>[^.]+)\.")
PARTNER_KINDS = re.compile(r"\bin close cooperation with (?P<list>[^.]+?) partners\b")
_UNIT_HEAD = r"(?:Division|Department|Office|Unit|Bureau|Directorate)"
_CAP = r"[A-Z][\w'’-]*"
_UNIT_NAME = (
    r"(?:" + _CAP + r" (?:and )?)*" + _UNIT_HEAD + r"(?![\w'’])"
    + r"(?: (?:of|for|to|on) (?:the )?" + _CAP + r"(?: (?:and )?" + _CAP + r")*)?"
)  # fmt: skip
_UNIT_PREFIX = r"\b(?:[Tt]he )?(?:[A-Z]+['’]s )?(?!The )"
UNIT = re.compile(_UNIT_PREFIX + r"(?P<unit>" + _UNIT_NAME + r")")
UNIT_KIND_ROLE = re.compile(r"\b(?P<kind>[A-Z][a-z]+ office) personnel (?P<role>[^.]+)\.")
UNIT_LOWER = re.compile(r"\bwhere the (?P<unit>[a-z]+ unit) is located\b")
UNIT_SUPPORTS = re.compile(
    _UNIT_PREFIX
    + r"(?P<a>"
    + _UNIT_NAME
    + r") supports "
    + _UNIT_PREFIX
    + r"(?P<b>"
    + _UNIT_NAME
    + r")"
)
UNIT_ROLE = re.compile(
    _UNIT_PREFIX + r"(?P<unit>" + _UNIT_NAME + r") is responsible for (?P<role>[^.]+)\."
)
QUOTED_TITLE = re.compile(
    r"[\"“](?P<title>[^\"”]{3,}?)[\"”](?P<after> \((?P<month>[A-Z]{3}) (?P<year>\d{4})\))?"
)
QUOTATION = re.compile(r"\b[Oo]n page (?P<page>\d+), it says: [\"“](?P<quote>[^\"”]+)[\"”]")
PUBLICATION_LIST = re.compile(r"\bpublications, which include (?P<list>[^.]+)\.")
PRODUCT_KINDS = re.compile(r"\bIt also produces (?P<list>[^.]+)\.")
_NOT_TITLES = ("web page", "page")


def _counts(reader: _Reader, paragraphs: tuple[Paragraph, ...]) -> tuple[Count, ...]:
    counts: dict[str, Count] = {}
    for key, label, pattern in COUNT_PHRASES:
        for value, match in reader.matches(paragraphs, pattern):
            number = _number(match.group(2))
            qualifier = (match.group("qualifier") or "").strip()
            phrase = reader.part(value, match.start(), match.end())
            lower_bound = qualifier in _LOWER_BOUND
            counts.setdefault(
                key,
                Count(
                    key=key,
                    label=label,
                    phrase=phrase,
                    value=None if lower_bound else number,
                    minimum=number if lower_bound else None,
                ),
            )
    return tuple(counts.values())


def _field_structure(
    reader: _Reader, paragraphs: tuple[Paragraph, ...]
) -> tuple[tuple[Value, Value], ...]:
    pairs: list[tuple[Value, Value]] = []
    for value, sentence in reader.matches(paragraphs, FIELD_STRUCTURE_SENTENCE):
        body_start = sentence.start("body")
        for group in FIELD_STRUCTURE.finditer(sentence.group("body")):
            kind = reader.part(
                value, body_start + group.start("kind"), body_start + group.end("kind")
            )
            list_start = body_start + group.start("list")
            for start, end in _split_list(group.group("list"), ","):
                pairs.append((kind, reader.part(value, list_start + start, list_start + end)))
    return tuple(pairs)


def _units(reader: _Reader, paragraphs: tuple[Paragraph, ...]) -> tuple[Unit, ...]:
    found: dict[str, Unit] = {}
    supports: dict[str, str] = {}
    roles: dict[str, list[Value]] = {}
    for _, match in reader.matches(paragraphs, UNIT_SUPPORTS):
        supports[match.group("b")] = match.group("a")
    for value, match in reader.matches(paragraphs, UNIT_ROLE):
        roles.setdefault(match.group("unit"), []).append(
            reader.part(value, match.start("role"), match.end("role"))
        )
    for value, match in reader.matches(paragraphs, UNIT):
        name = reader.part(value, match.start("unit"), match.end("unit"))
        # A unit is named once; a bare "Department" or "Office" alone is not a name.
        if name.text in found or " " not in name.text:
            continue
        found[name.text] = Unit(
            name=name,
            context=value,
            supported_by=supports.get(name.text),
            roles=tuple(roles.get(name.text, ())),
        )
    for value, match in reader.matches(paragraphs, UNIT_LOWER):
        name = reader.part(value, match.start("unit"), match.end("unit"))
        before = value.text[: value.text.find(", which is where")]
        containers = [m.group("unit") for m in UNIT.finditer(before)]
        found.setdefault(
            name.text,
            Unit(name=name, part_of=containers[-1] if containers else None, context=value),
        )
    return tuple(found.values())


def _publications(reader: _Reader, paragraphs: tuple[Paragraph, ...]) -> tuple[Publication, ...]:
    found: dict[str, Publication] = {}
    for paragraph in paragraphs:
        value = paragraph.text
        quotes = [
            Quotation(
                text=reader.part(value, q.start("quote"), q.end("quote")),
                page=reader.part(value, q.start("page"), q.end("page")),
                context=value,
            )
            for q in QUOTATION.finditer(value.text)
        ]
        quoted_spans = [
            (q.start("quote") - 1, q.end("quote") + 1) for q in QUOTATION.finditer(value.text)
        ]
        for match in QUOTED_TITLE.finditer(value.text):
            if any(start <= match.start() < end for start, end in quoted_spans):
                continue
            title = reader.part(value, match.start("title"), match.end("title"))
            after = value.text[match.end() : match.end() + 12]
            if after.strip().startswith(_NOT_TITLES):
                continue  # "the "Media Contacts" web page" names a page, not a publication
            issued = None
            printed = None
            if match.group("month"):
                issued = f"{match.group('year')}-{_MONTHS[match.group('month')]}"
                printed = reader.part(value, match.start("month"), match.end("year"))
            found.setdefault(
                title.text,
                Publication(
                    title=title,
                    issued=issued,
                    issued_as_printed=printed,
                    kind="Report" if issued else "Book",
                    description=value,
                    quotations=tuple(quotes),
                ),
            )
            quotes = []
        for item in reader.list_items((paragraph,), PUBLICATION_LIST, ","):
            text = re.sub(r"^the ", "", item.text)
            if text.startswith("other "):
                continue
            title = reader.part(item_parent(paragraph), *_relative(paragraph, item, text))
            kind = "CreativeWorkSeries" if re.search(r"\b(Series|Profiles)$", text) else "Report"
            found.setdefault(text, Publication(title=title, kind=kind, description=value))
    return tuple(found.values())


def item_parent(paragraph: Paragraph) -> Value:
    return paragraph.text


def _relative(paragraph: Paragraph, item: Value, text: str) -> tuple[int, int]:
    """Clean-text offsets of ``text`` (a suffix of ``item``) inside the paragraph."""
    start = paragraph.text.text.find(item.text)
    start += len(item.text) - len(text)
    return start, start + len(text)


def read_facts(entry: Entry) -> Facts:
    """Apply every rule to the entry's paragraphs and return what they found."""
    reader = _Reader(entry.document)
    paragraphs = entry.all_paragraphs()
    acronyms: dict[str, Value] = {}
    for value, match in reader.matches(paragraphs, ACRONYM):
        if match.group("name").strip() == entry.name.text:
            acronym = reader.part(value, match.start("acronym"), match.end("acronym"))
            acronyms.setdefault(acronym.text, acronym)
    founding = tuple(
        reader.part(value, match.start(g), match.end(g))
        for value, match in reader.matches(paragraphs, FOUNDED)
        for g in (1, 2)
        if match.group(g)
    )
    documents = tuple(
        (
            reader.part(value, match.start("document"), match.end("document")),
            reader.part(value, match.start("format"), match.end("format")),
        )
        for value, match in reader.matches(paragraphs, FORMAT_DOCUMENT)
    )
    return Facts(
        acronyms=tuple(acronyms.values()),
        founding_years=founding,
        former_names=reader.groups(paragraphs, FORMER_NAME, "name"),
        standings=reader.groups(paragraphs, STANDING, "standing"),
        counts=_counts(reader, paragraphs),
        observer_status_at=reader.groups(paragraphs, OBSERVER_STATUS, "org"),
        structure=reader.groups(paragraphs, STRUCTURE, "structure"),
        field_structure=_field_structure(reader, paragraphs),
        documents_in_format=documents,
        areas_of_work=reader.list_items(paragraphs, AREAS, ","),
        activities=reader.list_items(paragraphs, ACTIVITIES, ";"),
        lead_roles=reader.groups(paragraphs, LEAD_ROLE, "role"),
        lead_role_frameworks=reader.groups(paragraphs, LEAD_ROLE, "framework"),
        partner_roles=reader.list_items(paragraphs, PARTNER_ROLE, ","),
        partner_kinds=reader.list_items(paragraphs, PARTNER_KINDS, ","),
        units=_units(reader, paragraphs),
        publications=_publications(reader, paragraphs),
        product_kinds=reader.list_items(paragraphs, PRODUCT_KINDS, ","),
        unit_kind_roles=tuple(
            (
                reader.part(value, match.start("kind"), match.end("kind")),
                reader.part(value, match.start("role"), match.end("role")),
            )
            for value, match in reader.matches(paragraphs, UNIT_KIND_ROLE)
        ),
    )
