"""The query mix: ``queries/*.rq`` plus parametrised lookups, as bounded lists of requests.

Modes:

``distinct``  every request is unique: the ``.rq`` queries each carry a trailing
              ``VALUES ?bench_nonce { k }`` (a no-op join that changes the text, so no cache
              can answer it), and lookups walk through different IRIs and names.
``repeated``  the same cycle over and over (what a result cache is for): same composition.
``lookup``    point lookups only: ``DESCRIBE`` of a different IRI each time.
``page``      point lookups as resource pages: ``GET /doc/…`` (iomgraph only).

A cycle of the mix is every ``.rq`` query once, then as many lookups (alternating
``DESCRIBE <iri>``, ``SELECT ?p ?o WHERE { <iri> ?p ?o }`` and a label lookup by name).
"""

from __future__ import annotations

import itertools
import json
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SELECT_JSON = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
STANDIN_QUERIES = Path(__file__).parent / "standin_queries"
MODES = ("distinct", "repeated", "lookup", "page")

_PROLOGUE_LINE = re.compile(r"^\s*(#.*|PREFIX\s.*|BASE\s.*)?$", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Request:
    kind: str
    """``rq:<name>``, ``describe``, ``spo``, ``label`` or ``page`` (for per-kind latencies)."""
    path: str
    accept: str
    expect: str
    """What the body must parse as: ``select``, ``ask``, ``graph`` or ``html``."""
    nonempty: bool = False
    """The answer must have at least one row/triple (lookups of things that exist)."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    form: str


def query_form(text: str) -> str:
    """``select``, ``ask`` or ``graph`` (CONSTRUCT/DESCRIBE), read past the prologue.

    :raises ValueError: when no query form is found.
    """
    body = "\n".join(line for line in text.splitlines() if not _PROLOGUE_LINE.match(line))
    match = _FORM.search(body)
    if match is None:
        raise ValueError("no SELECT/ASK/CONSTRUCT/DESCRIBE in query")
    form = match.group(1).upper()
    return {"SELECT": "select", "ASK": "ask"}.get(form, "graph")


def load_queries(folder: Path) -> tuple[list[NamedQuery], Path]:
    """The ``.rq`` files of ``folder``, or the stand-in set while it has none."""
    if not sorted(folder.glob("*.rq")):
        folder = STANDIN_QUERIES
    queries = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        queries.append(NamedQuery(path.stem, text, query_form(text)))
    return queries, folder


@dataclass(frozen=True)
class Lookups:
    iris: list[str]
    names: list[tuple[str, str]]
    """(N-Triples literal, N-Triples predicate) pairs."""
    base: str

    @classmethod
    def read(cls, path: Path, base: str) -> Lookups:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            [iri.strip("<>") for iri in data["iris"]], [tuple(n) for n in data["names"]], base
        )


def _sparql(kind: str, query: str, form: str, *, nonempty: bool = False) -> Request:
    path = "/sparql?" + urllib.parse.urlencode({"query": query})
    accept = GRAPH_ACCEPT if form == "graph" else SELECT_JSON
    return Request(kind, path, accept, form, nonempty)


def _with_nonce(text: str, nonce: int) -> str:
    return f"{text.rstrip()}\nVALUES ?bench_nonce {{ {nonce} }}\n"


def _lookup(
    which: int, iri: str, name: tuple[str, str], nonce: int | None, describe: bool = True
) -> Request:
    if which == 0 and describe:
        query, kind, form = f"DESCRIBE <{iri}>", "describe", "graph"
    elif which == 0:
        # For servers that answer DESCRIBE wrongly (rdflib-endpoint 0.6): the same point lookup.
        query = f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"
        kind, form = "describe", "graph"
    elif which == 1:
        query, kind, form = f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}", "spo", "select"
    else:
        literal, predicate = name
        query, kind, form = f"SELECT ?s WHERE {{ ?s {predicate} {literal} }}", "label", "select"
    if nonce is not None:
        query = _with_nonce(query, nonce)
    return _sparql(kind, query, form, nonempty=True)


def page_request(iri: str, base: str) -> Request | None:
    prefix = base + "id/"
    if not iri.startswith(prefix):
        return None
    path = "/doc/" + urllib.parse.quote(iri[len(prefix) :], safe="/-._~")
    return Request("page", path, "text/html", "html", True)


def build_requests(
    mode: str, queries: list[NamedQuery], lookups: Lookups, count: int, *, describe: bool = True
) -> list[Request]:
    """At most ``count`` requests of ``mode``, in the order they are to be sent.

    ``describe=False`` sends point lookups as ``CONSTRUCT { <iri> ?p ?o }`` instead.

    :raises ValueError: for an unknown mode, or when there is nothing to look up.
    """
    if not lookups.iris or not lookups.names:
        raise ValueError("no IRIs or names to look up")
    if mode == "distinct":
        return list(itertools.islice(_distinct(queries, lookups, describe), count))
    if mode == "repeated":
        fixed = [_sparql(f"rq:{q.name}", q.text, q.form) for q in queries]
        # As many lookups as in a distinct cycle, so both modes have the same composition.
        fixed += [
            _lookup(i % 3, lookups.iris[i // 3], lookups.names[i // 3], None, describe)
            for i in range(max(3, len(queries)))
        ]
        return list(itertools.islice(itertools.cycle(fixed), count))
    if mode == "lookup":
        iris, name = lookups.iris, lookups.names[0]
        return [
            _lookup(0, iris[i % len(iris)], name, _nonce(i, lookups), describe)
            for i in range(count)
        ]
    if mode == "page":
        pages = [p for p in (page_request(iri, lookups.base) for iri in lookups.iris) if p]
        return list(itertools.islice(itertools.cycle(pages), count))
    raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")


def _nonce(index: int, lookups: Lookups) -> int | None:
    """None until the lookups wrap around; after that a number that keeps them unique."""
    return None if index < len(lookups.iris) else index


def _distinct(queries: list[NamedQuery], lookups: Lookups, describe: bool) -> Iterator[Request]:
    unique = min(len(lookups.iris), len(lookups.names))
    lookup_index = 0
    for cycle in itertools.count():
        yield from (_sparql(f"rq:{q.name}", _with_nonce(q.text, cycle), q.form) for q in queries)
        for _ in range(max(3, len(queries))):
            # Each IRI is described, then listed, while a name is looked up: unique until the
            # sample wraps around, then a nonce keeps them unique.
            step = lookup_index // 3
            iri = lookups.iris[step % len(lookups.iris)]
            name = lookups.names[step % len(lookups.names)]
            nonce = lookup_index if step >= unique else None
            yield _lookup(lookup_index % 3, iri, name, nonce, describe)
            lookup_index += 1
