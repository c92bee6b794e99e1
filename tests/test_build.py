"""The build: committed dumps reproduced byte for byte, the same graph in every format, nothing
invented, every statement traced to a passage that really says it, failures leave data/ intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from iomgraph.build import DEFAULT_SOURCES, BuildResult, build_dataset, read_sources
from iomgraph.cli import cli
from iomgraph.namespaces import DCTERMS, FOAF, OA, ORG, PROV, RDF, SDO, VCARD
from iomgraph.settings import DEFAULT_BASE_IRI

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "data"
BASE = DEFAULT_BASE_IRI
IOM = URIRef(BASE + "id/international-organization-for-migration")


@pytest.fixture(scope="module")
def built() -> BuildResult:
    return build_dataset(read_sources(list(DEFAULT_SOURCES)), BASE)


@pytest.fixture(scope="module")
def text_only() -> BuildResult:
    return build_dataset(read_sources([DATA / "source" / "iom.txt"]), BASE)


def source_texts() -> dict[str, str]:
    """Each source file's text by the sha256 the graph records for its document."""
    import hashlib

    found = {}
    for path in DEFAULT_SOURCES:
        text = path.read_text(encoding="utf-8")
        found["sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()] = text
    return found


def test_build_reproduces_the_committed_files(built: BuildResult) -> None:
    for name, content in built.files.items():
        assert (DATA / name).read_bytes() == content, f"data/{name} is stale: run `iomgraph build`"


def test_the_three_dumps_are_one_graph() -> None:
    turtle = Graph().parse(DATA / "iom.ttl")
    assert isomorphic(turtle, Graph().parse(DATA / "iom.nt"))
    assert isomorphic(turtle, Graph().parse(DATA / "iom.jsonld", format="json-ld"))


def test_no_blank_nodes(built: BuildResult) -> None:
    assert not [t for t in built.graph if any(isinstance(term, BNode) for term in t)]


def test_every_resource_is_derived_from_a_source(built: BuildResult) -> None:
    typed = {s for s in built.graph.subjects(RDF.type, None) if str(s).startswith(BASE + "id/")}
    underived = [
        s
        for s in typed
        if (s, PROV.wasDerivedFrom, None) not in built.graph
        and (s, RDF.type, RDF.Statement) not in built.graph
        and (s, RDF.type, OA.SpecificResource) not in built.graph
        and (s, RDF.type, PROV.Entity) not in built.graph
        and "/passage/" not in str(s)
    ]
    assert underived == []


def test_every_passage_quotes_its_source_exactly(built: BuildResult) -> None:
    texts = source_texts()
    graph = built.graph
    checked = 0
    for passage in graph.subjects(RDF.type, OA.SpecificResource):
        document = graph.value(passage, OA.hasSource)
        text = texts[str(graph.value(document, DCTERMS.identifier))]
        selectors = list(graph.objects(passage, OA.hasSelector))
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph)
        start = int(graph.value(position, OA.start))  # type: ignore[arg-type]
        end = int(graph.value(position, OA.end))  # type: ignore[arg-type]
        assert text[start:end] == str(graph.value(quote, OA.exact))
        assert text[:start].endswith(str(graph.value(quote, OA.prefix)))
        checked += 1
    assert checked > 100


def test_the_text_alone_gives_no_url_and_no_email(text_only: BuildResult) -> None:
    graph = text_only.graph
    for predicate in (SDO.url, SDO.email, VCARD.hasEmail, FOAF.page):
        assert list(graph.subject_objects(predicate)) == [], predicate


def test_every_url_and_email_is_printed_in_a_source(built: BuildResult) -> None:
    everything = "\n".join(source_texts().values())
    values = [
        str(o)
        for p in (SDO.url, SDO.email)
        for o in built.graph.objects(None, p)
        if isinstance(o, Literal)
    ]
    assert values, "the XML source gives URLs and emails"
    assert [v for v in values if v not in everything] == []


def test_counts_are_stated_by_their_passages_and_bounds_stay_bounds(built: BuildResult) -> None:
    words = {"nine": 9, "eight": 8}
    graph = built.graph
    for predicate in (SDO.value, SDO.minValue):
        for statement in graph.subjects(RDF.predicate, predicate):
            number = int(graph.value(statement, RDF.object))  # type: ignore[arg-type]
            for passage in graph.objects(statement, PROV.wasDerivedFrom):
                quote = next(
                    str(graph.value(s, OA.exact))
                    for s in graph.objects(passage, OA.hasSelector)
                    if (s, OA.exact, None) in graph
                )
                numbers = [int(n) for n in re.findall(r"\d+", quote)]
                numbers += [v for w, v in words.items() if w in quote.lower()]
                assert number in numbers, quote
                if predicate == SDO.minValue:
                    assert re.search(r"\b(over|more than|at least)\b", quote), quote
    presence = URIRef(f"{IOM}/count/countries-of-presence")
    assert (presence, SDO.value, None) not in graph
    assert graph.value(presence, SDO.minValue) == Literal(100)


def test_a_fact_both_sources_state_is_one_statement_from_both(built: BuildResult) -> None:
    graph = built.graph
    [statement] = [
        s for s in graph.subjects(RDF.subject, IOM) if (s, RDF.predicate, SDO.foundingDate) in graph
    ]
    documents = {
        graph.value(passage, OA.hasSource)
        for passage in graph.objects(statement, PROV.wasDerivedFrom)
    }
    assert len(documents) == 2


def test_the_xml_adds_the_director_general_and_office_contacts(built: BuildResult) -> None:
    graph = built.graph
    holders = {
        str(graph.value(graph.value(post, ORG.heldBy), SDO.name)): str(
            graph.value(post, SDO.roleName) or graph.value(post, SDO.name)
        )
        for post in graph.objects(IOM, ORG.hasPost)
    }
    assert holders["Ugochi F. Daniels"] == "Deputy Director General for Operations"
    assert holders["Amy E. Pope"] == "Deputy Director General for Management and Reform"
    assert "António Vitorino" in holders
    for site in graph.objects(IOM, ORG.hasSite):
        assert graph.value(site, SDO.telephone) is not None, site
        assert graph.value(site, SDO.email) is not None, site


def test_build_report_lists_what_only_one_source_states(built: BuildResult) -> None:
    report = built.report
    assert "António Vitorino" in report
    assert "IOMWashington@iom.int" in report


def test_a_bad_source_leaves_the_previous_files(tmp_path: Path) -> None:
    (tmp_path / "iom.ttl").write_bytes(b"previous")
    bad = tmp_path / "bad.xml"
    bad.write_text("<Entity EntityId='1'>\n  <AgencyName>X</AgencyName>\n  <Oops>\n</Entity>\n")
    result = CliRunner().invoke(cli, ["build", str(bad), "--data-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert (tmp_path / "iom.ttl").read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xml", "iom.ttl"]


def test_sources_for_different_organizations_are_refused(tmp_path: Path) -> None:
    other = PROJECT / "tests" / "fixtures" / "xml" / "african-development-bank.govman.xml"
    result = CliRunner().invoke(
        cli, ["build", str(DATA / "source" / "iom.txt"), str(other), "--data-dir", str(tmp_path)]
    )
    assert result.exit_code != 0
    assert list(tmp_path.iterdir()) == []
