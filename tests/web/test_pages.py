"""Dereferencing (303 /id/ → /doc/), documents by Accept, pages, escaping, downloads."""

from __future__ import annotations

import gzip
import json

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from .conftest import Caller

BASE = "https://w3id.org/iomgraph/"
ORG = "international-organization-for-migration"
POST = ORG + "/post/director-general"


def test_thing_redirects_to_its_document(http: Caller) -> None:
    answer = http.get(f"/id/{ORG}", headers={"Accept": "text/turtle"})
    assert answer.status == 303
    assert answer.headers["Location"].endswith(f"/doc/{ORG}")


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_document_describes_the_resource(http: Caller, accept: str, rdflib_format: str) -> None:
    answer = http.get(f"/doc/{POST}", headers={"Accept": accept})
    assert answer.status == 200
    assert answer.type == accept
    assert answer.headers["Vary"] == "Accept"
    graph = Graph().parse(data=answer.body, format=rdflib_format)
    post = URIRef(BASE + "id/" + POST)
    person = URIRef(BASE + f"id/{ORG}/person/amy-pope")
    assert (post, URIRef("http://www.w3.org/ns/org#heldBy"), person) in graph
    # label of what it links to, statements pointing to it, their passages
    assert (person, URIRef("http://xmlns.com/foaf/0.1/name"), None) in graph
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    assert (None, URIRef(rdf + "subject"), post) in graph
    exact = URIRef("http://www.w3.org/ns/oa#exact")
    assert any("Amy Pope leads" in str(o) for o in graph.objects(None, exact))


def test_html_page_shows_the_passage_beside_the_fact(http: Caller) -> None:
    answer = http.get(f"/doc/{POST}", headers={"Accept": "text/html"})
    assert answer.status == 200
    assert answer.type == "text/html"
    assert "Director General" in answer.text
    assert 'class="passage"' in answer.text
    assert "Amy Pope leads the IOM." in answer.text
    assert f'href="/doc/{ORG}/person/amy-pope"' in answer.text


def test_organization_page_links_offices_and_address(http: Caller) -> None:
    page = http.get(f"/doc/{ORG}", headers={"Accept": "text/html"}).text
    assert "International Organization for Migration" in page
    assert f'href="/doc/{ORG}/site/headquarters"' in page
    assert "17 Route des Morillons" in page


def test_literal_with_script_is_escaped(http: Caller) -> None:
    page = http.get(f"/doc/{ORG}", headers={"Accept": "text/html"}).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
    query = 'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) }'
    result_page = http.get("/query", query=[("query", query)]).text
    assert "<script>alert(1)" not in result_page
    assert "&lt;script&gt;alert(1)" in result_page


@pytest.mark.parametrize(
    ("accept", "media_type"), [("text/html", "text/html"), ("text/turtle", "text/turtle")]
)
def test_unknown_iri_is_404(http: Caller, accept: str, media_type: str) -> None:
    answer = http.get(f"/doc/{ORG}/nothing", headers={"Accept": accept})
    assert answer.status == 404
    assert answer.type == media_type


def test_head_and_etag(http: Caller) -> None:
    head = http.request("HEAD", f"/doc/{ORG}", headers={"Accept": "text/turtle"})
    assert head.status == 200
    assert head.body == b""
    etag = head.headers["ETag"]
    again = http.get(f"/doc/{ORG}", headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert again.status == 304
    assert http.get(f"/doc/{ORG}", headers={"Accept": "text/turtle"}).headers["ETag"] == etag


def test_answers_whatever_the_host(http: Caller) -> None:
    answer = http.get(f"/doc/{ORG}", headers={"Host": "example.net", "Accept": "text/turtle"})
    assert answer.status == 200
    assert BASE + "id/" + ORG in answer.text


def test_landing_page_links_everything(http: Caller) -> None:
    page = http.get("/").text
    for link in (
        "/download/iom.ttl", "/download/iom.jsonld", "/download/iom.nt", "/sparql",
        "/ontology/iom.ttl", "/ontology/shapes.ttl", "/query?example=", f"/doc/{ORG}",
    ):  # fmt: skip
        assert f'href="{link}' in page, link


def test_query_page_without_javascript(http: Caller) -> None:
    page = http.get("/query", query=[("example", "02-leadership")]).text
    assert page.count('class="result-row"') == 1
    assert "Amy Pope" in page
    construct = http.get("/query", query=[("example", "03-describe-org")]).text
    assert 'id="turtle-result"' in construct
    broken = http.get("/query", query=[("query", "SELECT * WHERE { ?s }")]).text
    assert 'id="query-error"' in broken
    assert "line 1, column" in broken


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("iom.ttl", "text/turtle"),
        ("iom.jsonld", "application/ld+json"),
        ("iom.nt", "application/n-triples"),
        ("iom.ttl.gz", "application/gzip"),
        ("iom.nt.gz", "application/gzip"),
    ],
)
def test_dumps(http: Caller, name: str, media_type: str) -> None:
    answer = http.get(f"/download/{name}")
    assert answer.status == 200
    assert answer.type == media_type
    assert f'filename="{name}"' in answer.headers["Content-Disposition"]
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    if name.endswith(".gz"):
        assert gzip.decompress(answer.body)
    etag = answer.headers["ETag"]
    assert http.get(f"/download/{name}", headers={"If-None-Match": etag}).status == 304
    since = answer.headers["Last-Modified"]
    assert http.get(f"/download/{name}", headers={"If-Modified-Since": since}).status == 304


def test_ontology_shapes_void_health(http: Caller) -> None:
    assert http.get("/ontology/iom.ttl").type == "text/turtle"
    assert http.get("/ontology/shapes.ttl").status == 200
    void = http.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert void.type == "application/ld+json"
    assert Graph().parse(data=void.body, format="json-ld")
    assert http.get("/.well-known/void").type == "text/turtle"
    health = json.loads(http.get("/health").body)
    assert health["ok"] is True
    assert http.get("/dataset").status == 303


def test_json_ld_is_compact_and_says_what_turtle_says(http: Caller) -> None:
    turtle = http.get(f"/doc/{POST}", headers={"Accept": "text/turtle"})
    json_ld = http.get(f"/doc/{POST}", headers={"Accept": "application/ld+json"})
    document = json.loads(json_ld.body)
    assert document["@context"]["org"] == "http://www.w3.org/ns/org#"
    post = next(n for n in document["@graph"] if n["@id"] == BASE + "id/" + POST)
    assert "org:heldBy" in post and "org:Post" in post["@type"]
    ids = [node["@id"] for node in document["@graph"]]
    assert len(ids) == len(set(ids))  # one node object per subject
    assert isomorphic(
        Graph().parse(data=json_ld.body, format="json-ld"),
        Graph().parse(data=turtle.body, format="turtle"),
    )
