"""The SPARQL Service Description of ``/sparql``, with the dataset's VoID merged in."""

from __future__ import annotations

from pathlib import Path

from flask import Response, render_template, request
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from iomgraph.namespaces import SD, new_graph
from iomgraph.store.formats import (
    GRAPH_FORMATS,
    HTML,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    SOLUTION_FORMATS,
    TURTLE,
    Format,
)
from iomgraph.web.http import current_settings, current_store, etag_for, not_modified
from iomgraph.web.negotiation import choose_format

FORMATS_NS = "http://www.w3.org/ns/formats/"
RESULT_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "jsonld": "JSON-LD",
    "ntriples": "N-Triples",
    "rdfxml": "RDF_XML",
}
RDFLIB_NAMES = {TURTLE: "turtle", JSON_LD: "json-ld", N_TRIPLES: "nt", RDF_XML: "xml"}


def service_description_graph(endpoint: str) -> Graph:
    """The description of the service at ``endpoint``: formats, features, limits, VoID."""
    settings = current_settings()
    store = current_store()
    graph = new_graph(settings.base_iri)
    void_path = Path(settings.data_dir) / "void.ttl"
    if void_path.is_file():
        graph.parse(void_path, format="turtle")
    service = URIRef(endpoint)
    dataset = URIRef(settings.base_iri + "dataset")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in (*SOLUTION_FORMATS, *GRAPH_FORMATS):
        graph.add((service, SD.resultFormat, URIRef(FORMATS_NS + RESULT_FORMAT_IRIS[fmt.name])))
    default = BNode()
    graph.add((service, SD.defaultDataset, default))
    graph.add((default, RDF.type, SD.Dataset))
    graph.add((default, RDFS.seeAlso, dataset))
    graph.add((service, RDFS.seeAlso, dataset))
    union = BNode()
    graph.add((default, SD.defaultGraph, union))
    graph.add((union, RDFS.comment, Literal("the union of every named graph")))
    for name in store.graphs:
        named = BNode()
        graph.add((default, SD.namedGraph, named))
        graph.add((named, SD.name, URIRef(name)))
    limits = (
        f"Read-only: updates, SERVICE, LOAD and FROM naming graphs outside this dataset are "
        f"refused (403) and never open a connection. Time limit {settings.query_timeout_ms} ms "
        f"per query (503 past it). At most {settings.max_rows} results per answer (a cut "
        f"answer carries the header X-Iomgraph-Truncated: true). Requests up to "
        f"{settings.max_request_bytes} bytes. Dataset version {store.version}."
    )
    graph.add((service, RDFS.comment, Literal(limits, lang="en")))
    return graph


def service_description_response() -> Response:
    """The description in the format the client asks for (HTML for browsers)."""
    fmt: Format = choose_format(
        (TURTLE, JSON_LD, RDF_XML, N_TRIPLES, HTML),
        request.headers.get("Accept"),
        request.values.get("format"),
    )
    etag = etag_for("sd-" + fmt.name)
    if not_modified(etag):
        response = Response(status=304)
    else:
        graph = service_description_graph(request.base_url)
        if fmt is HTML:
            turtle = graph.serialize(format="turtle")
            body = render_template("service.html", turtle=turtle, settings=current_settings())
        else:
            body = graph.serialize(format=RDFLIB_NAMES[fmt])
        response = Response(body, content_type=fmt.content_type)
    response.set_etag(etag)
    response.headers["Vary"] = "Accept"
    return response
