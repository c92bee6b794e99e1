"""The built data in data/ (when present): every competency query answers, every resource
dereferences, and the chosen engine gives the same answers as rdflib's."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from rdflib import Graph

from iomgraph.settings import load_settings
from iomgraph.web import create_app

ROOT = Path(__file__).parent.parent.parent
DATA = ROOT / "data"
pytestmark = pytest.mark.skipif(not (DATA / "iom.ttl").is_file(), reason="no built data yet")
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
BASE = "https://w3id.org/iomgraph/"


@pytest.fixture(scope="module")
def real_app() -> Iterator[Flask]:
    app = create_app(load_settings({}, data_dir=str(DATA)))
    yield app
    app.extensions["iomgraph.store"].close()


@pytest.fixture(scope="module")
def rdflib_dataset() -> Graph:
    """rdflib's engine on the union of the dumps (the queries use no GRAPH patterns)."""
    graph = Graph()
    graph.parse(DATA / "iom.ttl")
    if (DATA / "links.ttl").is_file():
        graph.parse(DATA / "links.ttl")
    return graph


def _rows(text: str) -> set[tuple[str, ...]]:
    return {tuple(row) for row in csv.reader(io.StringIO(text))}


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_competency_query_same_as_rdflib(
    real_app: Flask, rdflib_dataset: Graph, path: Path
) -> None:
    text = path.read_text(encoding="utf-8")
    accept = "text/csv, application/n-triples;q=0.9"
    answer = real_app.test_client().post(
        "/sparql", data=text, headers={"Content-Type": "application/sparql-query", "Accept": accept}
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)
    result = rdflib_dataset.query(text)
    if result.type == "SELECT":
        ours = _rows(answer.get_data(as_text=True))
        theirs = _rows(result.serialize(format="csv").decode("utf-8"))
        assert ours == theirs
    elif result.type == "CONSTRUCT":
        assert len(answer.get_data(as_text=True).strip().splitlines()) == len(result.graph)


def test_every_resource_dereferences(real_app: Flask, rdflib_dataset: Graph) -> None:
    client = real_app.test_client()
    subjects = {str(s) for s in rdflib_dataset.subjects() if str(s).startswith(BASE + "id/")}
    assert subjects
    for iri in sorted(subjects)[:400]:
        path = "/" + iri[len(BASE) :]
        assert client.get(path).status_code == 303
        doc = client.get(path.replace("/id/", "/doc/", 1), headers={"Accept": "text/html"})
        assert doc.status_code == 200, iri


def test_the_organization_page_reads_in_the_manual_s_order(real_app: Flask) -> None:
    page = real_app.test_client().get(
        "/doc/international-organization-for-migration", headers={"Accept": "text/html"}
    )
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    headings = [
        "Name and identity",
        "Offices and addresses",
        "Leadership",
        "Mission and description",
        "Structure and size",
        "Work",
        "Publications and sources of information",
        "Provenance",
    ]
    positions = [html.find(f'scope="rowgroup">{heading}<') for heading in headings]
    assert -1 not in positions, dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)
    # within a section the Manual's order, not the alphabet: the name before the acronym
    assert html.find("skos:prefLabel") < html.find("skos:altLabel") < html.find("org:hasSite")
