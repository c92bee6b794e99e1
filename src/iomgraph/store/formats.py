"""Every format iomgraph serves, as data: name, media type, file extension and what it carries.

Content negotiation (``web/negotiation.py``) and the serializers (``results.py``) both read this
table, so a format is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Carries(Enum):
    """What a format can hold: query solutions (SELECT/ASK), an RDF graph, or a web page."""

    SOLUTIONS = "solutions"
    GRAPH = "graph"
    PAGE = "page"


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    carries: Carries
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header value (text formats are UTF-8)."""
        if self.media_type.startswith("text/") or self.media_type.endswith(("json", "xml")):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


SPARQL_JSON = Format(
    "json", "application/sparql-results+json", "srj", Carries.SOLUTIONS, ("application/json",)
)
SPARQL_XML = Format(
    "xml", "application/sparql-results+xml", "srx", Carries.SOLUTIONS, ("application/xml",)
)
CSV = Format("csv", "text/csv", "csv", Carries.SOLUTIONS)
TSV = Format("tsv", "text/tab-separated-values", "tsv", Carries.SOLUTIONS)
TURTLE = Format("turtle", "text/turtle", "ttl", Carries.GRAPH, ("application/x-turtle",))
JSON_LD = Format("jsonld", "application/ld+json", "jsonld", Carries.GRAPH, ("application/json",))
N_TRIPLES = Format("ntriples", "application/n-triples", "nt", Carries.GRAPH, ("text/plain",))
RDF_XML = Format("rdfxml", "application/rdf+xml", "rdf", Carries.GRAPH, ("application/xml",))
HTML = Format("html", "text/html", "html", Carries.PAGE, ("application/xhtml+xml",))

SOLUTION_FORMATS: tuple[Format, ...] = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
ALL_FORMATS: tuple[Format, ...] = (*SOLUTION_FORMATS, *GRAPH_FORMATS, HTML)

FORMAT_NAMES: dict[str, Format] = {f.name: f for f in ALL_FORMATS} | {
    "ttl": TURTLE,
    "nt": N_TRIPLES,
    "rdf": RDF_XML,
    "json-ld": JSON_LD,
    "srj": SPARQL_JSON,
    "srx": SPARQL_XML,
}


def format_named(name: str) -> Format | None:
    """The format called ``name`` (a short name like ``turtle``/``ttl`` or a media type)."""
    lowered = name.strip().lower()
    if lowered in FORMAT_NAMES:
        return FORMAT_NAMES[lowered]
    return next((f for f in ALL_FORMATS if f.media_type == lowered), None)
