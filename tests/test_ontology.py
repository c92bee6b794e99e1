"""The ontology file parses offline and documents itself (header in the style of W3C org.ttl)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from iomgraph.dump import DumpFormat, load_context, serialize
from iomgraph.namespaces import DCTERMS, IOMO, OWL, PREFIXES, RDF, RDFS, SDO
from iomgraph.validation import ONTOLOGY_DIR, load_ontology, load_shapes

ONTOLOGY_IRI = URIRef(str(IOMO).rstrip("#"))
VANN = "http://purl.org/vocab/vann/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def test_ontology_has_its_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    for field in (
        DCTERMS.title,
        DCTERMS.description,
        OWL.versionInfo,
        DCTERMS.license,
        DCTERMS.created,
        DCTERMS.modified,
        RDFS.seeAlso,
    ):
        assert ontology.value(ONTOLOGY_IRI, field) is not None, f"the header needs {field}"
    prefix = ontology.value(ONTOLOGY_IRI, URIRef(VANN + "preferredNamespacePrefix"))
    namespace = ontology.value(ONTOLOGY_IRI, URIRef(VANN + "preferredNamespaceUri"))
    assert prefix == Literal("iomo")
    assert namespace == Literal(str(IOMO))


def test_ontology_imports_nothing(ontology: Graph) -> None:
    # Read offline: nothing to fetch, for us or for pySHACL.
    assert not list(ontology.objects(None, OWL.imports))
    assert not list(load_shapes().objects(None, OWL.imports))


def test_every_term_is_documented(ontology: Graph) -> None:
    terms = {s for s in ontology.subjects(RDFS.isDefinedBy, ONTOLOGY_IRI)}
    typed = {
        s
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(IOMO))
    }
    assert terms and terms == typed
    for term in terms:
        for annotation in (RDFS.label, RDFS.comment):
            value = ontology.value(term, annotation)
            assert isinstance(value, Literal) and value.language == "en", (term, annotation)


def test_ontology_file_has_section_banners() -> None:
    text = (ONTOLOGY_DIR / "iom.ttl").read_text(encoding="utf-8")
    assert len(re.findall(r"^# =+$", text, re.M)) >= 8


def test_context_prefixes_match_the_namespaces_module() -> None:
    context = load_context(ONTOLOGY_DIR / "context.jsonld")
    for prefix, namespace in PREFIXES.items():
        if prefix in {"sd", "sh"}:
            continue  # not used in the data dumps
        assert context.get(prefix) == str(namespace), prefix


def test_context_round_trips_a_graph_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    context = load_context(ONTOLOGY_DIR / "context.jsonld")
    graph = load_ontology()
    thing = URIRef("https://example.org/id/x")
    graph.add((thing, RDFS.label, Literal("x")))
    graph.add((thing, SDO.name, Literal("x", lang="en")))
    dumped = serialize(graph, DumpFormat.JSON_LD, context)
    data = json.loads(dumped)
    assert data["@context"] == context
    back = Graph().parse(data=dumped, format="json-ld")
    assert isomorphic(graph, back)


def test_ontology_directory_is_found_from_the_package() -> None:
    assert Path(__file__).resolve().parents[1] / "ontology" == ONTOLOGY_DIR
