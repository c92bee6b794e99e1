"""What a resource's page says: its triples, the labels of what it links to, the statements
that point to it and their source passages — read in one query, then shaped for a template."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from iomgraph.store import QueryStore
from iomgraph.store.formats import Format
from iomgraph.store.results import triples_to_bytes
from iomgraph.store.worker import TermTuple, serialization_prefixes
from iomgraph.web.sections import PAGE_ORDER, place_of

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
LABELS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://xmlns.com/foaf/0.1/name",
    "https://schema.org/name",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/ns/oa#exact",
)
ADDRESS_LINKS = ("http://www.w3.org/ns/org#siteAddress", "https://schema.org/address")
EXACT = "http://www.w3.org/ns/oa#exact"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
HAS_SELECTOR = "http://www.w3.org/ns/oa#hasSelector"

_IN = ", ".join(f"<{p}>" for p in (*LABELS, *ADDRESS_LINKS, RDF + "type"))
_ADDR = "|".join(f"<{p}>" for p in ADDRESS_LINKS)
DESCRIBE_TEMPLATE = f"""
SELECT ?s ?p ?o WHERE {{
  {{ <R> ?p ?o BIND(<R> AS ?s) }}
  UNION {{ ?s ?p <R> BIND(<R> AS ?o) }}
  UNION {{ <R> ?link ?s . FILTER(!isLiteral(?s)) ?s ?p ?o FILTER(?p IN ({_IN})) }}
  UNION {{ ?s ?link <R> . ?s ?p ?o FILTER(?p IN ({_IN})) }}
  UNION {{ <R> ?link ?site . ?site {_ADDR} ?s . ?s ?p ?o }}
  UNION {{ <R> {_ADDR} ?s . ?s ?p ?o }}
  UNION {{ ?s <{RDF}subject>|<{RDF}object> <R> . ?s ?p ?o }}
  UNION {{ ?st <{RDF}subject>|<{RDF}object> <R> . ?st <{DERIVED_FROM}> ?s . ?s ?p ?o }}
  UNION {{ ?st <{RDF}subject>|<{RDF}object> <R> .
           ?st <{DERIVED_FROM}>/<{HAS_SELECTOR}> ?s . ?s ?p ?o }}
}}
"""

Triple = tuple[TermTuple, TermTuple, TermTuple]


def describe(store: QueryStore, iri: str) -> list[Triple]:
    """The triples describing ``iri`` (empty when the dataset does not know it).

    :raises QueryError: when the store cannot answer (e.g. past the time limit).
    """
    if any(c in iri for c in '<>"{}|^`\\ \n'):
        return []
    rows = store.select_rows(DESCRIBE_TEMPLATE.replace("<R>", f"<{iri}>"))
    seen: dict[Triple, None] = {}
    for row in rows:
        seen[(row["s"], row["p"], row["o"])] = None
    return list(seen)


def _to_ox(term: TermTuple) -> Any:
    kind, value, datatype, language = term
    if kind == "iri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None)


def triples_to_document(triples: list[Triple], fmt: Format, base_iri: str) -> bytes:
    """Serialize the description in ``fmt``.

    :raises ValueError: when ``fmt`` is not an RDF format.
    """
    ox_triples = [ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in triples]
    return triples_to_bytes(ox_triples, fmt, serialization_prefixes(base_iri))


@dataclass
class Fact:
    predicate: TermTuple
    value: TermTuple
    passages: list[str] = field(default_factory=list)


@dataclass
class ResourceView:
    iri: str
    title: str
    types: list[TermTuple]
    facts: list[Fact]
    """In page order: by section (see ``web/sections.py``), then by the section's own order."""
    incoming: list[Fact]
    labels: dict[str, str]
    details: dict[str, list[tuple[TermTuple, TermTuple]]]
    addresses: dict[str, list[list[str]]] = field(default_factory=dict)

    @property
    def sections(self) -> list[tuple[str, list[Fact]]]:
        """The facts under their section headings, in page order; empty sections left out."""
        grouped: dict[int, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            grouped[place_of(fact.predicate[1])[0]].append(fact)
        return [(PAGE_ORDER[index][0], grouped[index]) for index in sorted(grouped)]


def _addresses(
    by_subject: dict[str, list[tuple[TermTuple, TermTuple]]],
) -> dict[str, list[list[str]]]:
    """For each resource with a postal address, the address's lines (labels left out)."""
    found: dict[str, list[list[str]]] = {}
    for subject, pairs in by_subject.items():
        targets = dict.fromkeys(o[1] for p, o in pairs if p[1] in ADDRESS_LINKS)
        lines = [
            list(
                dict.fromkeys(
                    o[1]
                    for p, o in by_subject.get(target, [])
                    if o[0] == "literal" and p[1] not in LABELS
                )
            )
            for target in targets
        ]
        if any(lines):
            found[subject] = [line for line in lines if line]
    return found


def _label(labels: dict[str, list[tuple[int, str]]], iri: str) -> str | None:
    options = labels.get(iri)
    return min(options)[1] if options else None


def resource_view(iri: str, triples: list[Triple]) -> ResourceView:
    """Shape the description of ``iri`` for the page template."""
    by_subject: dict[str, list[tuple[TermTuple, TermTuple]]] = defaultdict(list)
    labels: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for s, p, o in triples:
        by_subject[s[1]].append((p, o))
        if p[1] in LABELS and o[0] == "literal":
            rank = LABELS.index(p[1]) * 2 + (0 if o[3] in ("en", "") else 1)
            labels[s[1]].append((rank, o[1]))
    quotes: dict[str, list[str]] = {}
    for subject, pairs in by_subject.items():
        selectors = [o[1] for p, o in pairs if p[1] == HAS_SELECTOR]
        texts = [o[1] for sel in selectors for p, o in by_subject.get(sel, []) if p[1] == EXACT]
        if texts:
            quotes[subject] = texts
    sources: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for pairs in by_subject.values():
        fields = {p[1]: o for p, o in pairs}
        if RDF + "subject" in fields and RDF + "predicate" in fields and RDF + "object" in fields:
            key = (
                fields[RDF + "subject"][1],
                fields[RDF + "predicate"][1],
                fields[RDF + "object"][1],
            )
            for p, o in pairs:
                if p[1] == DERIVED_FROM:
                    sources[key].extend(quotes.get(o[1], []))
    sources = {key: list(dict.fromkeys(texts)) for key, texts in sources.items()}
    own = by_subject.get(iri, [])
    facts = [Fact(p, o, sources.get((iri, p[1], o[1]), [])) for p, o in own if p[1] != RDF + "type"]
    incoming = [
        Fact(p, s, sources.get((s[1], p[1], iri), []))
        for s, p, o in triples
        if o[1] == iri and s[1] != iri and not p[1].startswith(RDF)
    ]
    flat_labels = {key: _label(labels, key) or "" for key in labels}
    title = flat_labels.get(iri) or iri.rstrip("/").rsplit("/", 1)[-1]
    return ResourceView(
        iri=iri,
        title=title,
        types=[o for p, o in own if p[1] == RDF + "type"],
        facts=sorted(facts, key=lambda f: (place_of(f.predicate[1]), f.predicate[1])),
        incoming=incoming,
        labels=flat_labels,
        details={key: pairs for key, pairs in by_subject.items() if key != iri},
        addresses=_addresses(by_subject),
    )
