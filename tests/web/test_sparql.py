"""The SPARQL 1.1 Protocol at /sparql, through the test client and over HTTP."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from .conftest import Caller

NAMES = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?thing ?name WHERE { ?thing skos:prefLabel ?name } ORDER BY ?name"
)
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <http://www.w3.org/ns/org#Post> ; ?p ?o }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def names_of(answer_json: bytes) -> list[str]:
    bindings = json.loads(answer_json)["results"]["bindings"]
    return [b["name"]["value"] for b in bindings]


def test_get_returns_sparql_json(http: Caller) -> None:
    answer = http.get("/sparql", query=[("query", NAMES)])
    assert answer.status == 200
    assert answer.type == "application/sparql-results+json"
    assert "International Organization for Migration" in names_of(answer.body)


def test_post_form_and_post_query_give_the_same_answer(http: Caller) -> None:
    by_form = http.post("/sparql", data={"query": NAMES})
    direct = http.post("/sparql", data=NAMES, headers={"Content-Type": "application/sparql-query"})
    assert by_form.status == direct.status == 200
    assert names_of(by_form.body) == names_of(direct.body)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("application/*", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_select_formats_by_accept(http: Caller, accept: str, media_type: str) -> None:
    answer = http.get("/sparql", query=[("query", NAMES)], headers={"Accept": accept})
    assert answer.status == 200
    assert answer.type == media_type
    assert answer.headers["Vary"] == "Accept"


def test_select_results_parse(http: Caller) -> None:
    as_xml = http.get("/sparql", query=[("query", NAMES), ("format", "xml")])
    root = ET.fromstring(as_xml.body)
    assert len(root.findall(".//{http://www.w3.org/2005/sparql-results#}result")) == 2
    as_csv = http.get("/sparql", query=[("query", NAMES), ("format", "csv")])
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == ["thing", "name"]
    as_tsv = http.get("/sparql", query=[("query", NAMES), ("format", "tsv")])
    assert as_tsv.text.splitlines()[0] == "?thing\t?name"


def test_ask(http: Caller) -> None:
    answer = http.get("/sparql", query=[("query", "ASK { ?s ?p ?o }")])
    assert json.loads(answer.body) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_formats(http: Caller, accept: str, rdflib_format: str) -> None:
    answer = http.get("/sparql", query=[("query", CONSTRUCT)], headers={"Accept": accept})
    assert answer.status == 200
    assert answer.type == accept
    graph = Graph().parse(data=answer.body, format=rdflib_format)
    assert len(graph) >= 4


def test_default_and_named_graph_parameters(http: Caller, settings: object) -> None:
    links = "https://w3id.org/iomgraph/graph/links"
    query = "SELECT ?o WHERE { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o }"
    only_links = http.get("/sparql", query=[("query", query), ("default-graph-uri", links)])
    assert len(json.loads(only_links.body)["results"]["bindings"]) == 1
    entry = "https://w3id.org/iomgraph/graph/entry"
    only_entry = http.get("/sparql", query=[("query", query), ("default-graph-uri", entry)])
    assert json.loads(only_entry.body)["results"]["bindings"] == []
    named = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    answer = http.get("/sparql", query=[("query", named), ("named-graph-uri", links)])
    graphs = [b["g"]["value"] for b in json.loads(answer.body)["results"]["bindings"]]
    assert graphs == [links]


def test_not_acceptable(http: Caller) -> None:
    answer = http.get("/sparql", query=[("query", NAMES)], headers={"Accept": "image/png"})
    assert answer.status == 406
    assert json.loads(answer.body)["status"] == 406
    turtle_for_select = http.get("/sparql", query=[("query", NAMES), ("format", "turtle")])
    assert turtle_for_select.status == 406


def test_syntax_error_gives_message_and_position(http: Caller) -> None:
    answer = http.get("/sparql", query=[("query", "SELECT * WHERE { ?s ?p }")])
    assert answer.status == 400
    error = json.loads(answer.body)
    assert error["ok"] is False
    assert "line 1, column" in error["error"]


def test_two_query_parameters(http: Caller) -> None:
    answer = http.get("/sparql", query=[("query", NAMES), ("query", NAMES)])
    assert answer.status == 400


def test_unsupported_content_type(http: Caller) -> None:
    answer = http.post("/sparql", data=b"{}", headers={"Content-Type": "application/json"})
    assert answer.status == 415
    assert json.loads(answer.body)["status"] == 415


def test_request_size_cap(http: Caller) -> None:
    big = NAMES + " #" + "x" * 30_000
    answer = http.post("/sparql", data=big, headers={"Content-Type": "application/sparql-query"})
    assert answer.status == 413
    assert http.get("/sparql", query=[("query", big)]).status in (413, 414)


def test_row_cap_is_announced(http: Caller) -> None:
    answer = http.get("/sparql", query=[("query", "SELECT * WHERE { ?s ?p ?o }")])
    assert answer.status == 200
    assert answer.headers["X-Iomgraph-Truncated"] == "true"
    assert answer.headers["X-Iomgraph-Row-Limit"] == "20"
    assert len(json.loads(answer.body)["results"]["bindings"]) == 20
    small = http.get("/sparql", query=[("query", NAMES)])
    assert "X-Iomgraph-Truncated" not in small.headers


def test_etag_and_conditional_get(http: Caller) -> None:
    first = http.get("/sparql", query=[("query", NAMES)])
    etag = first.headers["ETag"]
    again = http.get("/sparql", query=[("query", NAMES)], headers={"If-None-Match": etag})
    assert again.status == 304
    assert again.body == b""


def test_cors_and_preflight(http: Caller) -> None:
    answer = http.get("/sparql", query=[("query", NAMES)])
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    preflight = http.request(
        "OPTIONS",
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.status in (200, 204)
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")],
)
def test_service_description(http: Caller, accept: str, rdflib_format: str) -> None:
    answer = http.get("/sparql", headers={"Accept": accept})
    assert answer.status == 200
    graph = Graph().parse(data=answer.body, format=rdflib_format)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    formats = {str(o) for _, p, o in graph if str(p) == sd + "resultFormat"}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert any(str(o) == "http://rdfs.org/ns/void#Dataset" for o in graph.objects())
    assert any("Time limit" in str(o) for o in graph.objects())


def test_service_description_for_browsers(http: Caller) -> None:
    answer = http.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert answer.status == 200
    assert answer.type == "text/html"
