"""The one read-only query store behind the endpoint, the pages and ``iomgraph query``.

Queries run in a small pool of worker processes (``store/worker.py``) holding the data in
pyoxigraph. The workers fork from multiprocessing's fork server, which loads in-memory data once
(``store/preload.py``), so they share it copy-on-write. pyoxigraph cannot cancel a running
query, so a query that passes the time limit is stopped by killing its worker; a fresh one,
forked with the data already loaded, replaces it while the others keep answering.
Every query's text is checked first (``store/query_text.py``): no updates, no SERVICE/LOAD, no
remote FROM — nothing reaches the engine that could write or open a connection.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import math
import multiprocessing
import os
import pickle
import queue
import select
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from iomgraph.cache import AnswerCache
from iomgraph.errors import QueryError, QueryTimeout
from iomgraph.settings import Settings
from iomgraph.store.formats import FORMAT_NAMES, GRAPH_FORMATS, SOLUTION_FORMATS, Format
from iomgraph.store.query_text import QueryShape, check_protocol_graphs, inspect_query
from iomgraph.store.worker import (
    PRELOAD_VARIABLE,
    JobAnswer,
    QueryJob,
    StoreSource,
    TermTuple,
    dataset_version,
    serve_jobs,
)

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_S = 120.0
INSPECTED_TEXTS = 4096
"""How many query texts' shapes :meth:`QueryStore.inspect` remembers."""


@dataclass(frozen=True)
class Answer:
    """A serialized query answer: ``body`` in ``format``; ``truncated`` when the row cap cut it."""

    body: bytes
    format: Format
    truncated: bool
    count: int
    version: str
    from_cache: bool = False


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    poller: select.poll = field(default_factory=select.poll)

    def __post_init__(self) -> None:
        self.poller.register(self.conn.fileno(), select.POLLIN | select.POLLERR | select.POLLHUP)

    def ask(self, message: Any, timeout_s: float) -> Any | None:
        """Send ``message``; its answer, or None when none came within ``timeout_s``.

        :raises EOFError: when the worker died.
        """
        self.conn.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))
        if not self.poller.poll(max(0, math.ceil(timeout_s * 1000))):
            return None
        return pickle.loads(self.conn.recv_bytes())


class WorkerPool:
    """Worker processes answering jobs; a job past its deadline kills (and replaces) its worker."""

    def __init__(self, source: StoreSource, size: int) -> None:
        self._source = source
        self._context = multiprocessing.get_context("forkserver")
        # The fork server starts with the first worker and reads this then: it loads the data
        # once and every worker forks from it (a fork server already running keeps its data,
        # and workers for another source load their own).
        os.environ[PRELOAD_VARIABLE] = json.dumps(dataclasses.asdict(source))
        self._context.set_forkserver_preload(["iomgraph.store.preload"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(max(1, size)):
            self._idle.put(self._start_worker())

    def _start_worker(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(
            target=serve_jobs, args=(child_end, self._source), daemon=True, name="iomgraph-query"
        )
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        if not parent_end.poll(STARTUP_TIMEOUT_S):
            self._stop(worker)
            raise QueryError("a query worker did not start in time", status=500)
        kind, _, message = pickle.loads(parent_end.recv_bytes())
        if kind != "ready":
            self._stop(worker)
            raise QueryError(message, status=500)
        with self._lock:
            self._all.add(worker)
        return worker

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        worker.process.close()

    def _replace_in_background(self, worker: _Worker) -> None:
        self._stop(worker)

        def restart() -> None:
            if self._closed:
                return
            try:
                self._idle.put(self._start_worker())
            except QueryError:
                log.exception("could not restart a query worker")

        threading.Thread(target=restart, daemon=True, name="iomgraph-restart").start()

    def call(self, op: str, payload: Any, timeout_s: float) -> Any:
        """Send one job to an idle worker and return its result within ``timeout_s`` seconds.

        :raises QueryTimeout: when no worker is free in time or the job runs past the limit.
        :raises QueryError: what the worker reported (syntax, evaluation, format).
        """
        deadline = time.monotonic() + timeout_s
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty:
            raise QueryTimeout(
                f"every query worker stayed busy for the time limit ({timeout_s:g} s); "
                "try again later"
            ) from None
        try:
            answer = worker.ask((op, payload), deadline - time.monotonic())
            if answer is None:
                self._replace_in_background(worker)
                raise QueryTimeout(
                    f"the query ran past the time limit of {timeout_s:g} s and was stopped"
                )
            status_kind, status, result = answer
        except (EOFError, OSError):
            self._replace_in_background(worker)
            raise QueryError(
                "the query stopped its worker; it was not answered", status=500
            ) from None
        self._idle.put(worker)
        if status_kind == "error":
            raise QueryError(result, status=status)
        return result

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._stop(worker)


def _weight(kept: Answer | list[dict[str, TermTuple]]) -> int:
    """Roughly how many bytes a cached answer (or list of page rows) holds."""
    if isinstance(kept, Answer):
        return len(kept.body) + 200
    return sum(100 + sum(len(term[1]) + 80 for term in row.values()) for row in kept)


class QueryStore:
    """The dataset, read-only, with a time limit, a row cap and a result cache.

    :raises QueryError: (from the constructor) when the data cannot be found or opened.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.source = StoreSource(settings.base_iri, settings.data_dir, settings.store_dir)
        self.version = dataset_version(self.source)
        self.graphs = (self.source.entry_graph, self.source.links_graph)
        self.timeout_s = settings.query_timeout_ms / 1000
        self.cache: AnswerCache[Answer | list[dict[str, TermTuple]]] = AnswerCache(
            settings.cache_entries,
            enabled=settings.cache_enabled,
            max_bytes=settings.cache_megabytes * 1_000_000,
            size_of=_weight,
        )
        self._inspect = functools.lru_cache(maxsize=INSPECTED_TEXTS)(self._inspect_uncached)
        self._pool = WorkerPool(self.source, settings.query_processes)

    def _inspect_uncached(self, text: str) -> QueryShape:
        return inspect_query(text, self.graphs)

    def inspect(self, text: str) -> QueryShape:
        """Check ``text`` against the policy and return its shape (form, normalised text).
        Shapes of recent texts are remembered (refusals are not: they are cheap to repeat).

        :raises QueryError: see :func:`iomgraph.store.query_text.inspect_query`.
        """
        shape: QueryShape = self._inspect(text)
        return shape

    def query(
        self,
        text: str,
        fmt: Format | None = None,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Answer:
        """Answer query ``text`` in ``fmt`` (default: SPARQL JSON, or Turtle for graphs).

        :raises QueryError: 400 syntax, 403 policy (update, SERVICE, LOAD, remote graph),
            406 format not fitting the form; :class:`QueryTimeout` past the time limit.
        """
        shape = self.inspect(text)
        check_protocol_graphs([*default_graphs, *named_graphs], self.graphs)
        if fmt is None:
            fmt = GRAPH_FORMATS[0] if shape.returns_graph else SOLUTION_FORMATS[0]
        key = (shape.normalised, fmt.name, self.version, tuple(default_graphs), tuple(named_graphs))
        cached = self.cache.get(key)
        if isinstance(cached, Answer):
            return dataclasses.replace(cached, from_cache=True)
        job = QueryJob(
            text, fmt.name, tuple(default_graphs), tuple(named_graphs), self.settings.max_rows
        )
        result: JobAnswer = self._pool.call("query", job, self.timeout_s)
        answer = Answer(
            result.body, FORMAT_NAMES[result.format_name], result.truncated, result.count,
            self.version,
        )  # fmt: skip
        self.cache.put(key, answer)
        return answer

    def select_rows(self, text: str, max_rows: int = 50_000) -> list[dict[str, TermTuple]]:
        """Run a SELECT built by iomgraph itself (e.g. for a page) and return its rows, at most
        ``max_rows`` (not the client-facing row cap: a page needs its whole description).

        :raises QueryError: as :meth:`query`.
        """
        shape = self.inspect(text)
        key = ("rows", shape.normalised, self.version)
        cached = self.cache.get(key)
        if isinstance(cached, list):
            return list(cached)
        rows: list[dict[str, TermTuple]] = self._pool.call("rows", (text, max_rows), self.timeout_s)
        self.cache.put(key, rows)
        return rows

    def close(self) -> None:
        """Stop the worker processes."""
        self._pool.close()


def open_store(settings: Settings) -> QueryStore:
    """Open the store ``settings`` describe (dumps in ``data_dir`` or a prebuilt ``store_dir``).

    :raises QueryError: when the data cannot be found or opened.
    """
    return QueryStore(settings)
