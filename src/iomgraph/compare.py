"""What two readings of one Manual entry agree on, what only one states, and where they differ.

The website text and the GOVMAN XML print the same entry, but the website loses things (web
addresses, emails, headings, list dates). :func:`compare_entries` lines the two up at the level
of facts a reader cares about — an office's address parts and contact points, who holds which
post, the prose, each source of information — and reports them for a person
(:meth:`Comparison.render_text`).

Items are matched by what identifies them on both sides, not by position: offices by label,
officials by name (by title for a vacant post), paragraphs by their normalised text (curly
quotes, dashes and white space folded; a trailing ``| Email:`` dropped).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from iomgraph.errors import MergeError
from iomgraph.model import Entry, Office, Paragraph, Section, Value
from iomgraph.passages import clean_text

__all__ = ["Comparison", "Difference", "Fact", "compare_entries", "normalize"]

# Fields holding one value per topic: both sides stating different values disagree. Every
# other field is a set (emails, phones, web addresses, paragraphs) compared member by member.
_SINGLE = frozenset(
    {
        "category",
        "label",
        "street",
        "po_box",
        "locality",
        "region",
        "postal_code",
        "country",
        "title",
        "heading",
        "status",
        "updated",
        "header",
    }
)
_ADDRESS_PARTS = ("street", "po_box", "locality", "region", "postal_code", "country")
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_EMAIL_LABEL = re.compile(r"\s*\|\s*Email:\s*$")


def normalize(text: str) -> str:
    """The form two printings of one string share.

    >>> normalize("Côte d’Ivoire  –  Abidjan | Email:")
    "Côte d'Ivoire - Abidjan"
    """
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return _EMAIL_LABEL.sub("", clean_text(text))


def _organization(name: str) -> str:
    words = re.sub(r"[^\w\s]", " ", normalize(name).casefold()).split()
    return " ".join(w for w in words if w != "the")


@dataclass(frozen=True)
class Fact:
    """One thing an entry states: ``field`` of ``topic`` is ``text``.

    ``a`` and ``b`` are the Values each side printed it as (None on a side that does not).
    """

    topic: str
    field: str
    text: str
    a: Value | None = None
    b: Value | None = None


@dataclass(frozen=True)
class Difference:
    """Both sides state ``field`` of ``topic``, with different values."""

    topic: str
    field: str
    a: Value | str
    b: Value | str


@dataclass(frozen=True)
class Comparison:
    """The facts two entries share, those only one states, and their disagreements."""

    a_name: str
    b_name: str
    both: tuple[Fact, ...]
    only_a: tuple[Fact, ...]
    only_b: tuple[Fact, ...]
    differences: tuple[Difference, ...]

    def only(self, side: str, field: str | None = None) -> tuple[Fact, ...]:
        """Facts only side ``a`` or ``b`` states (of one ``field`` when given)."""
        facts = self.only_a if side == "a" else self.only_b
        return tuple(f for f in facts if field is None or f.field == field)

    def render_text(self) -> str:
        """A report for a person: counts, then every one-sided fact and disagreement."""
        lines = [
            f"Comparing {self.a_name} (a) with {self.b_name} (b)",
            f"  both state {len(self.both)} facts; only a: {len(self.only_a)}; "
            f"only b: {len(self.only_b)}; disagreements: {len(self.differences)}",
        ]
        for title, facts in (
            (f"Only in {self.a_name}", self.only_a),
            (f"Only in {self.b_name}", self.only_b),
        ):
            if facts:
                lines += ["", f"{title}:"]
                lines += [f"  - {f.topic} · {f.field}: {_short(f.text)}" for f in facts]
        if self.differences:
            lines += ["", "Disagreements:"]
            for d in self.differences:
                lines.append(f"  - {d.topic} · {d.field}:")
                lines.append(f"      a: {_short(_text(d.a))}")
                lines.append(f"      b: {_short(_text(d.b))}")
        return "\n".join(lines) + "\n"


def _text(value: Value | str) -> str:
    return value.text if isinstance(value, Value) else value


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Facts:
    """The facts of one entry: (topic, field) → {normalised text: the Value that printed it}."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], dict[str, Value | str]] = {}

    def add(self, topic: str, field: str, value: Value | str | None, key: str = "") -> None:
        if value is None:
            return
        shown = value.text if isinstance(value, Value) else value
        if not shown:
            return
        self.found.setdefault((topic, field), {}).setdefault(key or normalize(shown), value)

    def paragraphs(self, topic: str, paragraphs: Iterable[Paragraph]) -> None:
        for paragraph in paragraphs:
            about = f"{topic} {_quote(paragraph.text.text)}"
            self.add(about, "text", paragraph.text)
            for web in paragraph.web_addresses:
                self.add(about, "web address", web, _url(web.text))
            for email in paragraph.emails:
                self.add(about, "email", email, email.text.casefold())


def _quote(text: str, words: int = 12) -> str:
    shown = normalize(text).split()
    return "“" + " ".join(shown[:words]) + ("…”" if len(shown) > words else "”")


def _url(text: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", text.strip().casefold()).rstrip("/")


def _office(facts: _Facts, office: Office, number: int) -> None:
    topic = f"office {office.label.text!r}" if office.label else f"office #{number}"
    for address in office.addresses:
        for part in _ADDRESS_PARTS:
            facts.add(f"{topic} {address.kind} address", part, getattr(address, part))
    for phone in office.phones:
        key = phone.e164 or re.sub(r"\D", "", phone.printed.text)
        facts.add(topic, "fax" if phone.kind == "fax" else "phone", phone.printed, key)
    for email in office.emails:
        facts.add(topic, "email", email, email.text.casefold())
    for web in office.web_addresses:
        facts.add(topic, "web address", web, _url(web.text))


def _sections(facts: _Facts, topic: str, sections: Iterable[Section]) -> None:
    """Each paragraph is a topic of its own; the heading belongs to a section's first one
    (so a heading one printing lost shows as that paragraph's missing heading)."""
    for section in sections:
        if section.heading is not None:
            facts.add(f"{topic} headings", "heading", section.heading)
        for number, paragraph in enumerate(section.paragraphs):
            if number == 0 and section.heading is not None:
                facts.add(f"{topic} {_quote(paragraph.text.text)}", "heading", section.heading)
            facts.paragraphs(topic, [paragraph])
        _sections(facts, topic, section.subsections)


def _facts(entry: Entry) -> _Facts:
    facts = _Facts()
    facts.add("organization", "category", entry.category)
    for number, office in enumerate(entry.offices, 1):
        _office(facts, office, number)
    for number, table in enumerate(entry.leadership, 1):
        table_topic = f"leadership table #{number}"
        facts.add(table_topic, "header", table.header)
        facts.add(table_topic, "updated", table.updated)
        for web in table.web_addresses:
            facts.add(table_topic, "web address", web, _url(web.text))
        for official in table.officials:
            who = official.name.text if official.name else None
            topic = f"official {who!r}" if who else f"vacant post {_text_of(official.title)!r}"
            facts.add(topic, "title", official.title)
            facts.add(topic, "heading", official.heading)
            if official.acting or official.vacant:
                facts.add(topic, "status", "acting" if official.acting else "vacant")
            for web in official.web_addresses:
                facts.add(topic, "web address", web, _url(web.text))
    facts.paragraphs("mission", entry.mission)
    _sections(facts, "description", entry.description)
    _sections(facts, "source of information", entry.sources_of_information)
    facts.add("sources of information", "updated", entry.sources_updated)
    for sub in entry.sub_entities:
        facts.add("organization", "sub-entity", sub.name)
    return facts


def _text_of(value: Value | None) -> str:
    return value.text if value else ""


def compare_entries(a: Entry, b: Entry, *, a_name: str = "", b_name: str = "") -> Comparison:
    """Compare two readings of one entry (e.g. the website text and the GOVMAN XML).

    ``a_name``/``b_name`` name the sides in the report (default: each document's key).

    :raises MergeError: when the entries name different organizations.
    """
    if _organization(a.name.text) != _organization(b.name.text):
        raise MergeError(
            f"cannot compare entries of different organizations: {a.name.text!r} "
            f"({a.document.path}) and {b.name.text!r} ({b.document.path})"
        )
    left, right = _facts(a).found, _facts(b).found
    both: list[Fact] = []
    only_a: list[Fact] = []
    only_b: list[Fact] = []
    differences: list[Difference] = []
    for key in list(left) + [k for k in right if k not in left]:
        topic, field = key
        mine, theirs = left.get(key, {}), right.get(key, {})
        if (
            field in _SINGLE
            and len(mine) == 1
            and len(theirs) == 1
            and mine.keys() != theirs.keys()
        ):
            differences.append(Difference(topic, field, *mine.values(), *theirs.values()))
            continue
        for norm, value in mine.items():
            if norm in theirs:
                both.append(Fact(topic, field, _text(value), _value(value), _value(theirs[norm])))
            else:
                only_a.append(Fact(topic, field, _text(value), a=_value(value)))
        only_b += [
            Fact(topic, field, _text(value), b=_value(value))
            for norm, value in theirs.items()
            if norm not in mine
        ]
    return Comparison(
        a_name or a.document.key,
        b_name or b.document.key,
        tuple(both),
        tuple(only_a),
        tuple(only_b),
        tuple(differences),
    )


def _value(value: Value | str) -> Value | None:
    return value if isinstance(value, Value) else None
