"""Every competency query in queries/ gives the result written beside it.

A SELECT's expected result is ``NAME.expected.tsv`` (header of variable names, then one row
per solution; IRIs as ``<iri>``, literals as their lexical form, unbound as empty), compared as
a multiset of rows. A CONSTRUCT's is ``NAME.expected.ttl``, compared as a graph.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

PROJECT = Path(__file__).resolve().parents[1]
QUERIES = sorted((PROJECT / "queries").glob("*.rq"))


def published_graph() -> Graph:
    graph = Graph()
    graph.parse(PROJECT / "data" / "iom.ttl")
    graph.parse(PROJECT / "data" / "links.ttl")
    return graph


def render_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return str(term).replace("\t", "\\t").replace("\n", "\\n")
    return str(term)


def result_as_tsv(result: Result) -> list[str]:
    variables = [str(v) for v in result.vars or []]
    lines = ["\t".join(variables)]
    for row in result:
        lines.append("\t".join(render_term(row[v]) for v in variables))  # type: ignore[index]
    return lines


@pytest.fixture(scope="module")
def graph() -> Graph:
    return published_graph()


def test_there_are_competency_queries() -> None:
    assert len(QUERIES) >= 8


@pytest.mark.parametrize("query_path", QUERIES, ids=[p.stem for p in QUERIES])
def test_query_gives_expected_result(graph: Graph, query_path: Path) -> None:
    text = query_path.read_text(encoding="utf-8")
    assert text.startswith("# title: "), "each query starts with a '# title:' comment"
    result = graph.query(text)
    if result.type == "CONSTRUCT":
        expected = Graph().parse(query_path.with_suffix(".expected.ttl"))
        assert result.graph is not None
        assert isomorphic(result.graph, expected)
        return
    expected_lines = query_path.with_suffix(".expected.tsv").read_text(encoding="utf-8")
    expected = expected_lines.rstrip("\n").split("\n")
    actual = result_as_tsv(result)
    assert actual[0] == expected[0], "variables differ"
    assert sorted(actual[1:]) == sorted(expected[1:])
    assert len(actual) > 1, "a competency query must answer something"


def write_expected_results() -> None:
    """Rewrite every expected result from the current data (review the diff before committing)."""
    graph = published_graph()
    for query_path in QUERIES:
        result = graph.query(query_path.read_text(encoding="utf-8"))
        if result.type == "CONSTRUCT":
            assert result.graph is not None
            result.graph.serialize(query_path.with_suffix(".expected.ttl"), format="longturtle")
        else:
            lines = result_as_tsv(result)
            query_path.with_suffix(".expected.tsv").write_text(
                "\n".join(lines) + "\n", encoding="utf-8"
            )


if __name__ == "__main__":
    write_expected_results()
