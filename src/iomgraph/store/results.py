"""Serialize query answers (pyoxigraph terms) to the formats of ``formats.py``.

Solutions are written here rather than by ``QuerySolutions.serialize`` because the row cap
cuts them first, and a cut answer must still be a complete, valid document.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from iomgraph.store.formats import (
    CSV,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    SPARQL_JSON,
    SPARQL_XML,
    TSV,
    TURTLE,
    Format,
)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Row = Sequence[Any]  # one solution: a pyoxigraph term or None per variable

_RDF_FORMATS = {
    TURTLE.name: ox.RdfFormat.TURTLE,
    N_TRIPLES.name: ox.RdfFormat.N_TRIPLES,
    RDF_XML.name: ox.RdfFormat.RDF_XML,
    JSON_LD.name: ox.RdfFormat.JSON_LD,
}


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value: dict[str, str] = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    return {"type": "triple", "value": str(term)}


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            dt = quoteattr(term.datatype.value)
            return f"<literal datatype={dt}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term.value)
    return str(term)


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    # str() of a pyoxigraph term is its N-Triples form; tabs and newlines are escaped there.
    return str(term)


def solutions_to_bytes(variables: Sequence[str], rows: Iterable[Row], fmt: Format) -> bytes:
    """Write SELECT solutions in ``fmt`` (one of ``formats.SOLUTION_FORMATS``).

    :raises ValueError: when ``fmt`` cannot hold solutions.
    """
    if fmt == SPARQL_JSON:
        bindings = [
            {var: _json_term(term) for var, term in zip(variables, row, strict=True) if term}
            for row in rows
        ]
        document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    if fmt == SPARQL_XML:
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables))
        out.append("</head>\n<results>")
        for row in rows:
            cells = "".join(
                f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>"
                for var, term in zip(variables, row, strict=True)
                if term is not None
            )
            out.append(f"<result>{cells}</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if fmt == CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(term) for term in row] for row in rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == TSV:
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines.extend("\t".join(_tsv_term(term) for term in row) for row in rows)
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"{fmt.media_type} cannot hold query solutions")


def boolean_to_bytes(value: bool, fmt: Format) -> bytes:
    """Write an ASK answer in ``fmt``.

    :raises ValueError: when ``fmt`` cannot hold solutions.
    """
    if fmt == SPARQL_JSON:
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == SPARQL_XML:
        text = "true" if value else "false"
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{text}</boolean></sparql>\n"
        ).encode()
    if fmt in (CSV, TSV):
        header = "_askResult" if fmt == CSV else "?_askResult"
        return f"{header}\n{'true' if value else 'false'}\n".encode()
    raise ValueError(f"{fmt.media_type} cannot hold a boolean answer")


def triples_to_bytes(triples: Iterable[Any], fmt: Format, prefixes: dict[str, str]) -> bytes:
    """Write pyoxigraph triples in ``fmt`` (one of ``formats.GRAPH_FORMATS``).

    :raises ValueError: when ``fmt`` is not an RDF graph format.
    """
    if fmt.name not in _RDF_FORMATS:
        raise ValueError(f"{fmt.media_type} cannot hold an RDF graph")
    triples = list(triples)
    used = None
    if fmt in (TURTLE, RDF_XML, JSON_LD):
        iris = {t.predicate.value for t in triples} | {
            term.value for t in triples for term in (t.subject, t.object)
            if isinstance(term, ox.NamedNode)
        }  # fmt: skip
        used = {name: ns for name, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}
    data = bytes(ox.serialize(triples, format=_RDF_FORMATS[fmt.name], prefixes=used) or b"")
    if fmt is JSON_LD:
        return compact_json_ld(data, used or {})
    return data


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    for name, namespace in prefixes.items():
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and not local.startswith("//"):
            return f"{name}:{local}"
    return iri


def compact_json_ld(expanded: bytes, prefixes: dict[str, str]) -> bytes:
    """Make pyoxigraph's expanded JSON-LD readable without changing what it says: one node
    object per subject, ``rdf:type`` as ``@type``, properties, types and datatypes as compact
    IRIs under an ``@context`` of the prefixes used. Node identifiers (``@id``) stay whole.

    >>> compact_json_ld(
    ...     b'[{"@id": "http://x/a", "https://schema.org/name": [{"@value": "A"}]}]',
    ...     {"schema": "https://schema.org/"},
    ... ).decode()
    '{"@context": {"schema": "https://schema.org/"}, "@graph": [{"@id": "http://x/a", \
"schema:name": [{"@value": "A"}]}]}'
    """
    nodes: dict[str, dict[str, Any]] = {}
    for node in json.loads(expanded or b"[]"):
        merged = nodes.setdefault(node["@id"], {"@id": node["@id"]})
        for key, values in node.items():
            if key == "@id":
                continue
            if key == RDF_TYPE and all("@id" in v for v in values):
                types = merged.setdefault("@type", [])
                types += [_compact_iri(v["@id"], prefixes) for v in values]
                continue
            for value in values:
                if "@type" in value:
                    value["@type"] = _compact_iri(value["@type"], prefixes)
            merged.setdefault(_compact_iri(key, prefixes), []).extend(values)
    document = {"@context": dict(prefixes), "@graph": list(nodes.values())}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
