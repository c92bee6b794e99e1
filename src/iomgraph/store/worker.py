"""The engine side of the store: loads the data into pyoxigraph and answers one job at a time.

This module runs inside the worker processes of ``store.py`` (it also works in-process, for
building an on-disk store and for tests). A worker is a separate process so that a runaway query,
which pyoxigraph cannot cancel, is stopped by killing the process.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from iomgraph.errors import QueryError
from iomgraph.namespaces import PREFIXES
from iomgraph.store.formats import FORMAT_NAMES, SPARQL_JSON, Carries
from iomgraph.store.results import boolean_to_bytes, solutions_to_bytes, triples_to_bytes

ENTRY_DUMP = "iom.ttl"
LINKS_DUMP = "links.ttl"
VERSION_FILE = "iomgraph-version.txt"

TermTuple = tuple[str, str, str, str]
"""A term as plain data: (kind ``iri``/``bnode``/``literal``, value, datatype, language)."""


@dataclass(frozen=True)
class StoreSource:
    """Where a worker finds its data: the dumps in ``data_dir``, or a prebuilt ``store_dir``."""

    base_iri: str
    data_dir: str
    store_dir: str = ""

    @property
    def entry_graph(self) -> str:
        return f"{self.base_iri}graph/entry"

    @property
    def links_graph(self) -> str:
        return f"{self.base_iri}graph/links"

    def dump_paths(self) -> list[tuple[Path, str]]:
        """The dumps that exist, each with the named graph it is loaded into."""
        data = Path(self.data_dir)
        pairs = [(data / ENTRY_DUMP, self.entry_graph), (data / LINKS_DUMP, self.links_graph)]
        return [(path, graph) for path, graph in pairs if path.is_file()]


@dataclass(frozen=True)
class QueryJob:
    query: str
    format_name: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    max_rows: int = 10_000


@dataclass(frozen=True)
class JobAnswer:
    body: bytes
    format_name: str
    truncated: bool
    count: int
    """Rows or triples written; -1 when pyoxigraph wrote an answer proven under the row cap."""


def dataset_version(source: StoreSource) -> str:
    """A short hash of the data a store answers from (the dumps' bytes, or the on-disk store's
    recorded version). It changes whenever the data does; ETags and cache keys use it.

    :raises QueryError: when there is no data to serve.
    """
    if source.store_dir:
        version_file = Path(source.store_dir) / VERSION_FILE
        if not version_file.is_file():
            raise QueryError(f"{source.store_dir} is not a store built by iomgraph", status=500)
        return version_file.read_text(encoding="utf-8").strip()
    paths = source.dump_paths()
    if not paths:
        raise QueryError(f"no {ENTRY_DUMP} in {source.data_dir}: run `iomgraph build`", status=500)
    digest = hashlib.sha256()
    for path, graph in paths:
        digest.update(graph.encode() + b"\0")
        with path.open("rb") as dump:  # in blocks: a dump of millions of triples stays on disk
            digest.update(hashlib.file_digest(dump, "sha256").digest())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def load_dumps(store: Any, source: StoreSource, *, bulk: bool = False) -> None:
    """Load each dump of ``source`` into its named graph of pyoxigraph ``store``: with the
    bulk loader for an on-disk store (``bulk``), else with ``load`` (as fast in memory, and
    its peak memory is a third lower).

    :raises SyntaxError: when a dump is not valid Turtle.
    """
    for path, graph in source.dump_paths():
        load = store.bulk_load if bulk else store.load
        load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))


def open_engine(source: StoreSource) -> Any:
    """Open the pyoxigraph store of ``source``: read-only from disk, or loaded into memory.

    :raises OSError: when the on-disk store cannot be opened.
    :raises SyntaxError: when a dump is not valid Turtle.
    """
    if source.store_dir:
        return ox.Store.read_only(source.store_dir)
    store = ox.Store()
    load_dumps(store, source)
    return store


PRELOAD_VARIABLE = "IOMGRAPH_PRELOAD_SOURCE"
"""Names (as JSON) the data the query workers' fork server loads before forking any worker."""
_preloaded: tuple[StoreSource, Any] | None = None


def preload_from_environment() -> None:
    """Load the in-memory data ``IOMGRAPH_PRELOAD_SOURCE`` names, once, in this process.

    Run by the fork server of the query workers (``store/preload.py``): every worker forked
    from it then starts with the data already loaded and shares its pages copy-on-write, so
    the dumps are parsed once per pool instead of once per worker, and a worker killed at the
    time limit is replaced in milliseconds. A failure here is left for the workers to report.
    """
    global _preloaded
    raw = os.environ.get(PRELOAD_VARIABLE)
    if not raw:
        return
    try:
        source = StoreSource(**json.loads(raw))
        if not source.store_dir:  # an on-disk store opens instantly in each worker
            _preloaded = (source, open_engine(source))
    except (OSError, SyntaxError, ValueError, TypeError):
        _preloaded = None


def engine_for(source: StoreSource) -> Any:
    """The preloaded engine when it holds ``source``'s data, else a newly opened one.

    :raises OSError: when the on-disk store cannot be opened.
    :raises SyntaxError: when a dump is not valid Turtle.
    """
    if _preloaded is not None and _preloaded[0] == source:
        return _preloaded[1]
    return open_engine(source)


def build_disk_store(source: StoreSource, target: str) -> str:
    """Load the dumps of ``source`` into a new on-disk store at ``target``; return its version.

    :raises FileExistsError: when ``target`` exists and is not empty.
    :raises SyntaxError: when a dump is not valid Turtle.
    """
    path = Path(target)
    if path.exists() and any(path.iterdir()):
        raise FileExistsError(f"{target} exists and is not empty")
    version = dataset_version(source)
    store = ox.Store(str(path))
    load_dumps(store, source, bulk=True)
    store.flush()
    store.optimize()
    del store
    (path / VERSION_FILE).write_text(version + "\n", encoding="utf-8")
    return version


def serialization_prefixes(base_iri: str) -> dict[str, str]:
    """The prefixes used when writing Turtle / RDF-XML / JSON-LD. The data's own IRIs stay
    whole: their paths hold ``/``, which Turtle would have to escape in a prefixed name."""
    del base_iri  # kept in the signature: a future base-relative prefix would use it
    return {name: str(ns) for name, ns in PREFIXES.items()}


_POSITION = re.compile(r"error at (\d+):(\d+)")


def _syntax_error(error: SyntaxError) -> QueryError:
    message = str(error)
    found = _POSITION.search(message)
    detail = f" (line {found.group(1)}, column {found.group(2)})" if found else ""
    return QueryError(f"SPARQL syntax error{detail}: {message}", status=400)


def _execute(store: Any, job: QueryJob) -> Any:
    options: dict[str, Any] = {"use_default_graph_as_union": not job.default_graphs}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        return store.query(job.query, **options)
    except SyntaxError as error:
        raise _syntax_error(error) from None


def _first(items: Iterable[Any], limit: int) -> tuple[list[Any], bool]:
    taken: list[Any] = []
    for item in items:
        if len(taken) == limit:
            return taken, True
        taken.append(item)
    return taken, False


MIN_JSON_ROW_BYTES = 3
"""Each row of a SPARQL JSON answer is at least ``{}`` and a comma."""


class _OverBudget(Exception):
    """Raised by :class:`_BoundedBuffer` to stop a serializer."""


class _BoundedBuffer:
    """A binary writer that refuses to hold more than ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _OverBudget
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the parts are kept in memory."""


def _json_within_row_cap(answer: Any, max_rows: int) -> bytes | None:
    """``answer`` written by pyoxigraph's own JSON serializer when its size proves it holds at
    most ``max_rows`` rows (fewer than ``3 × (max_rows + 1) − 1`` bytes); None, having stopped
    writing at that size, when it might hold more (the caller then counts rows itself)."""
    buffer = _BoundedBuffer(MIN_JSON_ROW_BYTES * (max_rows + 1) - 2)
    try:
        answer.serialize(buffer, format=ox.QueryResultsFormat.JSON)
    except _OverBudget:
        return None
    return b"".join(buffer.parts)


def run_job(store: Any, job: QueryJob, prefixes: dict[str, str]) -> JobAnswer:
    """Run ``job`` on pyoxigraph ``store`` and serialize at most ``job.max_rows`` results.

    :raises QueryError: 400 for a syntax or evaluation error, 406 when the format does not fit
        the query form.
    """
    fmt = FORMAT_NAMES[job.format_name]
    try:
        answer = _execute(store, job)
        if isinstance(answer, ox.QueryBoolean):
            if fmt.carries is not Carries.SOLUTIONS:
                raise QueryError(f"an ASK answer cannot be written as {fmt.media_type}", status=406)
            return JobAnswer(boolean_to_bytes(bool(answer), fmt), fmt.name, False, 1)
        if isinstance(answer, ox.QuerySolutions):
            if fmt.carries is not Carries.SOLUTIONS:
                raise QueryError(f"solutions cannot be written as {fmt.media_type}", status=406)
            if fmt is SPARQL_JSON:
                body = _json_within_row_cap(answer, job.max_rows)
                if body is not None:
                    return JobAnswer(body, fmt.name, False, -1)
                answer = _execute(store, job)  # too long to prove: again, counting rows
            variables = [v.value for v in answer.variables]
            rows, cut = _first(([s[v] for v in variables] for s in answer), job.max_rows)
            return JobAnswer(solutions_to_bytes(variables, rows, fmt), fmt.name, cut, len(rows))
        if fmt.carries is not Carries.GRAPH:
            raise QueryError(f"a graph cannot be written as {fmt.media_type}", status=406)
        triples, cut = _first(answer, job.max_rows)
        return JobAnswer(triples_to_bytes(triples, fmt, prefixes), fmt.name, cut, len(triples))
    except (OSError, RuntimeError, ValueError, TypeError) as error:
        raise QueryError(f"the query could not be evaluated: {error}", status=400) from None


def term_tuple(term: Any) -> TermTuple:
    """``term`` (a pyoxigraph term) as plain, picklable data."""
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value, "", "")
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, "", "")
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language or "")
    return ("literal", str(term), "", "")


def run_rows(store: Any, query: str, max_rows: int) -> list[dict[str, TermTuple]]:
    """Run a SELECT and return its solutions as plain data (for pages).

    :raises QueryError: for a syntax error or a query that is not a SELECT.
    """
    answer = _execute(store, QueryJob(query, "json", max_rows=max_rows))
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError("expected a SELECT query", status=400)
    names = [v.value for v in answer.variables]
    rows, _ = _first(answer, max_rows)
    return [{n: term_tuple(row[n]) for n in names if row[n] is not None} for row in rows]


def serve_jobs(conn: Connection, source: StoreSource) -> None:
    """Worker process loop: open the engine, say ``ready``, then answer jobs until EOF."""
    try:
        store = engine_for(source)
    except (OSError, SyntaxError, ValueError) as error:
        _reply(conn, ("error", 500, f"cannot open the data: {error}"))
        return
    prefixes = serialization_prefixes(source.base_iri)
    _reply(conn, ("ready", 0, ""))
    while True:
        try:
            op, payload = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            if op == "query":
                result: Any = run_job(store, payload, prefixes)
            else:
                result = run_rows(store, payload[0], payload[1])
            _reply(conn, ("ok", 200, result))
        except QueryError as error:
            _reply(conn, ("error", error.status, str(error)))


def _reply(conn: Connection, message: tuple[str, int, Any]) -> None:
    conn.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))
