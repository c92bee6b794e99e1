"""Every prefix the project uses, in one place.

The data's own base IRI is a setting (see ``settings.py`` and ``iris.py``); the ontology's
namespace is fixed, because terms are shared by every build whatever its base.
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    VOID,
    XSD,
)

IOMO = Namespace("https://w3id.org/iomgraph/ontology#")
"""Our own terms (``ontology/iom.ttl``), used only where no standard term fits."""

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
"""vCard 4 ontology (rdflib ships only the older 2001 namespace under this name)."""

OA = Namespace("http://www.w3.org/ns/oa#")
"""W3C Web Annotation: selectors that pin a statement to its source passage."""

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
GEONAMES = Namespace("https://sws.geonames.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace] = {
    "iomo": IOMO,
    "org": Namespace(str(ORG)),
    "schema": Namespace(str(SDO)),
    "vcard": Namespace(str(VCARD)),
    "foaf": Namespace(str(FOAF)),
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "oa": OA,
    "dcat": Namespace(str(DCAT)),
    "void": Namespace(str(VOID)),
    "sd": SD,
    "sh": Namespace(str(SH)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "wd": WIKIDATA,
    "gn": GEONAMES,
}


def new_graph(base: str | None = None) -> Graph:
    """Return an empty graph with exactly our prefixes bound (none of rdflib's defaults).

    ``base`` (the data's base IRI), when given, binds ``iom`` to its ``id/`` space, so dumps
    stay readable and stable.
    """
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    if base is not None:
        graph.bind("iom", Namespace(base + "id/"), override=True, replace=True)
    return graph


__all__ = [
    "DCAT",
    "DCTERMS",
    "FOAF",
    "GEONAMES",
    "IOMO",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SD",
    "SDO",
    "SH",
    "SKOS",
    "VCARD",
    "VOID",
    "WIKIDATA",
    "XSD",
    "new_graph",
]
