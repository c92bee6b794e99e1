"""Statements with their sources: every extracted triple can be traced to its exact passage.

Convention (documented in README "Provenance"): a triple ``s p o`` extracted from the entry is
also published as a reified ``rdf:Statement`` (``rdf:subject``/``rdf:predicate``/``rdf:object``)
whose ``prov:wasDerivedFrom`` names one ``oa:SpecificResource`` per passage that states it.
A passage has ``oa:hasSource`` (the source document) and two selectors from the W3C Web
Annotation model: ``oa:TextPositionSelector`` (``oa:start``/``oa:end``, character offsets into
the document's text) and ``oa:TextQuoteSelector`` (``oa:exact`` with ``oa:prefix``/``oa:suffix``);
a passage of an XML source also has an ``oa:XPathSelector``. The statement IRI is a hash of the
triple, so when two sources state the same fact it is one statement deriving from both.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from iomgraph.iris import IriMinter
from iomgraph.model import SourceDocument, SourceKind, Span, Value
from iomgraph.namespaces import DCTERMS, FOAF, OA, PROV, RDF, RDFS, SDO, XSD

_KIND_LABELS = {
    SourceKind.WEBSITE_TEXT: "US Government Manual entry, website text",
    SourceKind.GOVMAN_XML: "US Government Manual entry, GovInfo GOVMAN XML",
}

_QUOTE_CONTEXT = 32
"""Characters of prefix/suffix kept in a TextQuoteSelector, as the Web Annotation model advises."""


class Recorder:
    """Adds triples to a graph; :meth:`state` also records where each was stated."""

    def __init__(self, graph: Graph, minter: IriMinter, org_slug: str) -> None:
        self.graph = graph
        self.minter = minter
        self.org_slug = org_slug
        self._documents: dict[str, URIRef] = {}

    def add(self, subject: URIRef, predicate: URIRef, obj: Node) -> None:
        """Add a triple that is a modelling fact, not something the entry states (a type)."""
        self.graph.add((subject, predicate, obj))

    def document(self, document: SourceDocument) -> URIRef:
        """The IRI of a source document, described the first time it is seen."""
        if document.key in self._documents:
            return self._documents[document.key]
        iri = self.minter.source(self.org_slug, document.key)
        self._documents[document.key] = iri
        graph = self.graph
        graph.add((iri, RDF.type, PROV.Entity))
        graph.add((iri, RDF.type, FOAF.Document))
        graph.add((iri, RDF.type, SDO.DigitalDocument))
        label = document.title or _KIND_LABELS[document.kind]
        if document.issued:
            label += f", {document.issued} edition"
        graph.add((iri, RDFS.label, Literal(label)))
        graph.add((iri, SDO.name, Literal(label)))
        graph.add((iri, DCTERMS.format, Literal(document.media_type)))
        graph.add((iri, SDO.encodingFormat, Literal(document.media_type)))
        graph.add((iri, DCTERMS.identifier, Literal(f"sha256:{document.sha256}")))
        graph.add((iri, SDO.contentSize, Literal(f"{len(document.text)} characters")))
        if document.issued:
            graph.add((iri, DCTERMS.issued, Literal(document.issued, datatype=XSD.date)))
        return iri

    def passage(self, document: SourceDocument, span: Span) -> URIRef:
        """The IRI of a passage of ``document``, with its position and quote selectors."""
        doc_iri = self.document(document)
        iri = self.minter.passage(self.org_slug, document.key, span.start, span.end)
        if (iri, RDF.type, OA.SpecificResource) in self.graph:
            return iri
        text = document.text
        exact = text[span.start : span.end]
        graph = self.graph
        graph.add((iri, RDF.type, OA.SpecificResource))
        graph.add((iri, OA.hasSource, doc_iri))
        position = URIRef(f"{iri}/position")
        graph.add((iri, OA.hasSelector, position))
        graph.add((position, RDF.type, OA.TextPositionSelector))
        graph.add((position, OA.start, Literal(span.start)))
        graph.add((position, OA.end, Literal(span.end)))
        quote = URIRef(f"{iri}/quote")
        graph.add((iri, OA.hasSelector, quote))
        graph.add((quote, RDF.type, OA.TextQuoteSelector))
        graph.add((quote, OA.exact, Literal(exact)))
        graph.add(
            (quote, OA.prefix, Literal(text[max(0, span.start - _QUOTE_CONTEXT) : span.start]))
        )
        graph.add((quote, OA.suffix, Literal(text[span.end : span.end + _QUOTE_CONTEXT])))
        if span.xpath and document.kind is SourceKind.GOVMAN_XML:
            xpath = URIRef(f"{iri}/xpath")
            graph.add((iri, OA.hasSelector, xpath))
            graph.add((xpath, RDF.type, OA.XPathSelector))
            graph.add((xpath, RDF.value, Literal(span.xpath)))
        return iri

    def derived(self, resource: URIRef, document: SourceDocument) -> None:
        """Record that ``resource`` as a whole was derived from ``document``."""
        self.graph.add((resource, PROV.wasDerivedFrom, self.document(document)))

    def state(
        self,
        subject: URIRef,
        predicate: URIRef,
        obj: Node,
        document: SourceDocument,
        *passages: Value | Span,
    ) -> URIRef:
        """Add ``subject predicate obj`` and record the passages of ``document`` stating it.

        :raises ValueError: when no passage is given (every stated triple needs one).
        """
        if not passages:
            raise ValueError(f"no passage given for {subject} {predicate} {obj}")
        self.graph.add((subject, predicate, obj))
        statement = self.minter.statement(str(subject), str(predicate), obj.n3())
        graph = self.graph
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, subject))
        graph.add((statement, RDF.predicate, predicate))
        graph.add((statement, RDF.object, obj))
        for passage in passages:
            span = passage.span if isinstance(passage, Value) else passage
            graph.add((statement, PROV.wasDerivedFrom, self.passage(document, span)))
        return statement
