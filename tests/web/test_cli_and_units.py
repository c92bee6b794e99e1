"""`iomgraph serve --get`, `iomgraph query`, `build-store`; the text policy, negotiation, cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from iomgraph.cache import AnswerCache
from iomgraph.cli import cli
from iomgraph.errors import QueryError
from iomgraph.settings import load_settings
from iomgraph.store import open_store
from iomgraph.store.formats import HTML, JSON_LD, SPARQL_JSON, TURTLE
from iomgraph.store.query_text import inspect_query
from iomgraph.web.negotiation import choose_format

from .conftest import FIXTURE_DATA

GRAPHS = ("https://w3id.org/iomgraph/graph/entry",)


def test_serve_get_runs_one_request() -> None:
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(FIXTURE_DATA), "--get", "/health"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["ok"] is True


def test_query_command_prints_the_answer() -> None:
    query = "SELECT ?name WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?name }"
    result = CliRunner().invoke(
        cli, ["query", query, "--format", "csv", "--data-dir", str(FIXTURE_DATA)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["name", "Amy Pope"]


def test_on_disk_store_gives_the_same_answers(tmp_path: Path) -> None:
    target = tmp_path / "store"
    built = CliRunner().invoke(cli, ["build-store", str(target), "--data-dir", str(FIXTURE_DATA)])
    assert built.exit_code == 0, built.output
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    answers = []
    for store_dir in ("", str(target)):
        store = open_store(load_settings({}, data_dir=str(FIXTURE_DATA), store_dir=store_dir))
        try:
            answers.append((store.version, store.query(count).body))
        finally:
            store.close()
    assert answers[0] == answers[1]


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("# SERVICE in a comment\nSELECT * { ?s ?p ?o }", "SELECT"),
        ("PREFIX ex: <urn:x:> CONSTRUCT { ?s ex:service ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("ask { ?s ?p 'LOAD <http://x/>' }", "ASK"),
        ("SELECT * FROM <https://w3id.org/iomgraph/graph/entry> { ?s ?p ?o }", "SELECT"),
    ],
)
def test_policy_reads_tokens_not_substrings(query: str, form: str) -> None:
    assert inspect_query(query, GRAPHS).form == form


def test_normalised_text_ignores_layout_and_comments() -> None:
    one = inspect_query("SELECT *\n  WHERE { ?s ?p ?o } # hi", GRAPHS).normalised
    assert one == inspect_query("SELECT * WHERE {\t?s ?p ?o }", GRAPHS).normalised


@pytest.mark.parametrize(
    "query", ["", "# only a comment", "PREFIX x: <urn:> ", "BASE <http://x/> SELECT * FROM <g> {}"]
)
def test_policy_refuses(query: str) -> None:
    with pytest.raises(QueryError):
        inspect_query(query, GRAPHS)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, TURTLE),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", HTML),
        ("application/ld+json;q=0.9, text/turtle;q=0.5", JSON_LD),
        ("text/*", TURTLE),
        ("application/json", JSON_LD),
        ("garbage", TURTLE),
    ],
)
def test_negotiation(accept: str | None, expected: object) -> None:
    assert choose_format((TURTLE, JSON_LD, HTML), accept, None) is expected


def test_format_parameter_wins() -> None:
    assert choose_format((TURTLE, JSON_LD), "text/turtle", "jsonld") is JSON_LD
    assert choose_format((SPARQL_JSON,), None, "application/sparql-results+json") is SPARQL_JSON


def test_cache_is_bounded_and_can_be_disabled() -> None:
    cache: AnswerCache[int] = AnswerCache(2)
    for key in "abc":
        cache.put(key, 1)
    assert len(cache) == 2
    assert cache.get("a") is None
    off: AnswerCache[int] = AnswerCache(2, enabled=False)
    off.put("a", 1)
    assert off.get("a") is None


def test_cache_keeps_to_its_byte_budget() -> None:
    cache: AnswerCache[bytes] = AnswerCache(100, max_bytes=10, size_of=len)
    cache.put("a", b"12345")
    cache.put("b", b"12345")
    cache.put("c", b"123")  # over budget: the least recently used ("a") goes
    assert cache.get("a") is None
    assert cache.get("b") == b"12345" and cache.get("c") == b"123"
    assert cache.weight == 8
    cache.put("huge", b"x" * 11)  # heavier than the whole budget: not kept, nothing evicted
    assert cache.get("huge") is None and cache.weight == 8
    cache.put("b", b"1")  # replacing re-weighs
    assert cache.weight == 4


def test_server_processes_follow_the_size_of_in_memory_data(tmp_path: Path) -> None:
    from iomgraph.settings import load_settings
    from iomgraph.store.worker import StoreSource
    from iomgraph.web.server import LARGE_IN_MEMORY_BYTES, worker_processes

    (tmp_path / "iom.ttl").write_text("", encoding="utf-8")
    small = StoreSource("http://x/", str(tmp_path))
    assert worker_processes(load_settings({}), small) == 2
    assert worker_processes(load_settings({}, workers=3), small) == 3
    with (tmp_path / "iom.ttl").open("r+b") as dump:
        dump.truncate(LARGE_IN_MEMORY_BYTES + 1)  # sparse: no disk used
    assert worker_processes(load_settings({}), small) == 1
    on_disk = StoreSource("http://x/", str(tmp_path), store_dir=str(tmp_path / "store"))
    assert worker_processes(load_settings({}), on_disk) == 2


@pytest.mark.parametrize("max_rows", [1, 2, 3, 5, 1000])
def test_json_answers_are_cut_and_flagged_whoever_writes_them(max_rows: int) -> None:
    from iomgraph.store.worker import QueryJob, StoreSource, open_engine, run_job

    engine = open_engine(StoreSource("https://w3id.org/iomgraph/", str(FIXTURE_DATA)))
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 4"
    answer = run_job(engine, QueryJob(query, "json", max_rows=max_rows), {})
    rows = json.loads(answer.body)["results"]["bindings"]
    assert len(rows) == min(4, max_rows)
    assert answer.truncated == (max_rows < 4)
    # the same rows as the engine gives when nothing is cut
    everything = run_job(engine, QueryJob(query, "json", max_rows=1000), {})
    assert rows == json.loads(everything.body)["results"]["bindings"][: len(rows)]
