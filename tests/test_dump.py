"""Dumps are deterministic and writes are atomic: a failed write leaves the old files intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from iomgraph.dump import DumpFormat, load_context, serialize, write_atomically
from iomgraph.namespaces import SDO, new_graph

CONTEXT = {"schema": "https://schema.org/"}


def small_graph() -> Graph:
    graph = new_graph("https://example.org/")
    for n in range(20):
        thing = URIRef(f"https://example.org/id/thing-{n}")
        graph.add((thing, SDO.name, Literal(f"thing {n}")))
        graph.add((thing, SDO.position, Literal(n)))
    return graph


@pytest.mark.parametrize("fmt", list(DumpFormat))
def test_serialize_is_stable_and_round_trips(fmt: DumpFormat) -> None:
    graph = small_graph()
    first = serialize(graph, fmt, CONTEXT)
    assert first == serialize(small_graph(), fmt, CONTEXT)
    parsed = Graph().parse(data=first.decode("utf-8"), format=fmt.plugin.replace("long", ""))
    assert isomorphic(parsed, graph)


def test_json_ld_uses_the_given_context() -> None:
    data = json.loads(serialize(small_graph(), DumpFormat.JSON_LD, CONTEXT))
    assert data["@context"] == CONTEXT


def test_write_atomically_writes_all(tmp_path: Path) -> None:
    write_atomically({tmp_path / "a.ttl": b"a", tmp_path / "b.ttl": b"b"})
    assert (tmp_path / "a.ttl").read_bytes() == b"a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "b.ttl"]


def test_failed_write_keeps_previous_files(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_bytes(b"old a")
    not_a_folder = tmp_path / "plain-file"
    not_a_folder.write_bytes(b"")
    with pytest.raises(OSError):
        write_atomically({tmp_path / "a.ttl": b"new a", not_a_folder / "b.ttl": b"b"})
    assert (tmp_path / "a.ttl").read_bytes() == b"old a"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_load_context_rejects_a_file_without_context(tmp_path: Path) -> None:
    path = tmp_path / "context.jsonld"
    path.write_text('{"schema": "https://schema.org/"}', encoding="utf-8")
    with pytest.raises(ValueError, match="@context"):
        load_context(path)
