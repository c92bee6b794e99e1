"""The load driver: N threads, each with one keep-alive connection, bounded in time and count.

Every answer is checked: status 200, and the body parses as what was asked for (SPARQL JSON
results with bindings or a boolean; N-Triples/Turtle by the response's Content-Type; HTML).
Lookups of things that exist must not come back empty.
"""

from __future__ import annotations

import http.client
import itertools
import json
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pyoxigraph as ox

from bench.workload import Request

REQUEST_TIMEOUT = 60.0
GRACE = 10.0
"""How long past the deadline a cell waits for answers in flight before giving up on them."""
_RDF_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


class AnswerError(ValueError):
    """An answer that is not what was asked for."""


def check_answer(request: Request, status: int, content_type: str, body: bytes) -> int:
    """Return the number of rows/triples of a good answer (1 for a boolean or a page).

    :raises AnswerError: when the status is not 200 or the body does not parse as expected.
    """
    if status != 200:
        raise AnswerError(f"HTTP {status}: {body[:120]!r}")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if request.expect in {"select", "ask"}:
        try:
            document = json.loads(body)
        except ValueError as error:
            raise AnswerError(f"not JSON ({media_type}): {error}") from None
        if request.expect == "ask":
            if not isinstance(document.get("boolean"), bool):
                raise AnswerError("ASK answer without a boolean")
            return 1
        bindings = document.get("results", {}).get("bindings")
        if not isinstance(bindings, list):
            raise AnswerError("SELECT answer without results.bindings")
        rows = len(bindings)
    elif request.expect == "graph":
        rdf_format = _RDF_FORMATS.get(media_type)
        if rdf_format is None:
            raise AnswerError(f"graph answer in unexpected type {media_type!r}")
        try:
            rows = sum(1 for _ in ox.parse(body, format=rdf_format))
        except SyntaxError as error:
            raise AnswerError(f"graph answer does not parse: {error}") from None
    else:
        if media_type != "text/html" or b"<html" not in body[:2000].lower():
            raise AnswerError(f"not an HTML page ({media_type})")
        rows = 1
    if request.nonempty and rows == 0:
        raise AnswerError(f"empty answer to a {request.kind} lookup")
    return rows


@dataclass
class CellResult:
    """What one (system, mode, concurrency) run measured."""

    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    error_samples: Counter[str] = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    """Rows of the first good answer per ``rq:`` query (compared across systems)."""

    @property
    def qps(self) -> float:
        return (self.requests - self.errors) / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float | None:
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    def summary(self) -> dict[str, object]:
        return {
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "qps": round(self.qps, 2),
            "p50_ms": _round(self.percentile(0.50)),
            "p99_ms": _round(self.percentile(0.99)),
            "p50_ms_by_kind": {
                kind: round(statistics.median(values), 3)
                for kind, values in sorted(self.by_kind.items())
            },
            "error_samples": dict(self.error_samples.most_common(5)),
            "rows": self.rows,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def drive(
    port: int,
    requests: list[Request],
    *,
    concurrency: int,
    seconds: float,
    sparql_path: str = "/sparql",
) -> CellResult:
    """Send ``requests`` in order from ``concurrency`` threads until sent or ``seconds`` pass.

    Answers in flight at the deadline are waited for up to ``GRACE`` seconds; any still
    missing then are counted as errors (``unfinished``) and their threads abandoned.
    ``sparql_path`` replaces ``/sparql`` for servers that answer SPARQL elsewhere.
    """
    result = CellResult()
    lock = threading.Lock()
    next_index = itertools.count()
    started = time.perf_counter()
    deadline = started + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        local: list[tuple[str, float, str | None, int]] = []
        try:
            while time.perf_counter() < deadline:
                index = next(next_index)
                if index >= len(requests):
                    break
                request = requests[index]
                sent = time.perf_counter()
                error: str | None = None
                rows = 0
                try:
                    path = request.path
                    if path.startswith("/sparql?"):
                        path = sparql_path + path[len("/sparql") :]
                    connection.request("GET", path, headers={"Accept": request.accept})
                    response = connection.getresponse()
                    body = response.read()
                    rows = check_answer(
                        request, response.status, response.getheader("Content-Type", ""), body
                    )
                    if response.getheader("Connection", "").lower() == "close":
                        connection.close()
                except AnswerError as problem:
                    error = str(problem)[:160]
                except (OSError, http.client.HTTPException) as problem:
                    error = f"{type(problem).__name__}: {problem}"[:160]
                    connection.close()
                local.append((request.kind, (time.perf_counter() - sent) * 1000, error, rows))
        finally:
            connection.close()
            with lock:
                # Once the cell is over (``closed``), late answers are not counted.
                for kind, latency, error, rows in [] if closed else local:
                    result.requests += 1
                    if error is not None:
                        result.errors += 1
                        result.error_samples[f"{kind}: {error}"] += 1
                        continue
                    result.latencies_ms.append(latency)
                    result.by_kind.setdefault(kind, []).append(latency)
                    if kind.startswith("rq:"):
                        result.rows.setdefault(kind, rows)

    closed = False
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline + GRACE - time.perf_counter()))
    with lock:
        closed = True
        unfinished = sum(thread.is_alive() for thread in threads)
        result.requests += unfinished
        result.errors += unfinished
        if unfinished:
            result.error_samples[f"unfinished {GRACE:g} s after the deadline"] += unfinished
        result.seconds = time.perf_counter() - started
    return result
