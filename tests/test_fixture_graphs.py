"""Other real Manual entries (website text and GOVMAN XML) build graphs that validate, with
their officials, addresses and phones right: the pipeline reads the Manual's format, not the
IOM entry's strings."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from iomgraph.build import read_sources
from iomgraph.mapping import entries_to_graph
from iomgraph.namespaces import ORG, SDO
from iomgraph.validation import validate_graph

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCES = sorted([*FIXTURES.glob("text/*.txt"), *FIXTURES.glob("xml/*.xml")])
BASE = "https://example.org/manual/"


def graph_of(path: Path) -> Graph:
    return entries_to_graph(read_sources([path]), BASE)


def posts_of(graph: Graph, org_slug: str) -> dict[str, str]:
    """Title as printed → holder's name, for one organization."""
    org = URIRef(f"{BASE}id/{org_slug}")
    found = {}
    for post in graph.objects(org, ORG.hasPost):
        holder = graph.value(post, ORG.heldBy)
        found[str(graph.value(post, SDO.name))] = str(graph.value(holder, SDO.name))
    return found


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_fixture_builds_a_valid_graph(path: Path) -> None:
    result = validate_graph(graph_of(path))
    assert result.conforms, result.report


def test_legal_services_corporation_officials_and_address() -> None:
    graph = graph_of(FIXTURES / "text" / "legal-services-corporation-2017.txt")
    posts = posts_of(graph, "legal-services-corporation")
    assert posts["PRESIDENT"] == "James J. Sandman"
    assert posts["Grants Management"] == "Lynn A. Jennings"
    assert posts["Inspector General"] == "Jeffrey E. Schanz"
    org = URIRef(f"{BASE}id/legal-services-corporation")
    [site] = graph.objects(org, ORG.hasSite)
    address = graph.value(site, ORG.siteAddress)
    assert graph.value(address, SDO.streetAddress) == Literal("3333 K Street NW.")
    assert graph.value(address, SDO.postalCode) == Literal("20007")
    assert graph.value(address, SDO.addressCountry) == Literal("US")
    assert Literal("+12022951500") in set(graph.objects(site, SDO.telephone))


def test_african_development_bank_president_and_phone() -> None:
    graph = graph_of(FIXTURES / "xml" / "african-development-bank.govman.xml")
    posts = posts_of(graph, "african-development-bank")
    assert posts["PRESIDENT"] == "Akinwumi A. Adesina"


def test_federal_maritime_commission_qualifier_titles() -> None:
    graph = graph_of(FIXTURES / "text" / "federal-maritime-commission.txt")
    posts = posts_of(graph, "federal-maritime-commission")
    assert posts["Enforcement"] == "Benjamin K. Trogdon"
    assert posts["CHAIR"] == "Michael A. Khouri"
