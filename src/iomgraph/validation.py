"""SHACL validation: a graph against ``ontology/shapes.ttl``, with a report a person can act on.

pySHACL runs with no inference (the graph materialises every class it uses) and never
follows ``owl:imports``: nothing is fetched from the network.

The shapes and the ontology are read from the project's ``ontology/`` folder, found relative
to this package (``src/iomgraph`` → project root): the package is installed editable from
``src/``, and the ontology files are the published artefacts, so they have one home and are
not copied into the package. A wheel built without that folder raises :class:`IomgraphError`
naming the path it looked for (or pass the graphs explicitly).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from iomgraph.errors import IomgraphError
from iomgraph.namespaces import RDF, SH, new_graph

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
"""The project's ``ontology/`` folder (``shapes.ttl``, ``iom.ttl``, ``context.jsonld``)."""

SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY_FILE = ONTOLOGY_DIR / "iom.ttl"

_SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class ValidationIssue:
    """One SHACL result, its terms written compactly (``iom:…``, ``org:Post``)."""

    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    focus_node: str
    path: str
    """The property path, or ``""`` for a constraint on the node itself."""
    message: str
    value: str
    """The offending value, or ``""`` when the result names none."""
    shape: str
    """The shape that raised it."""


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of :func:`validate_graph`.

    ``conforms`` is False only for violations: warnings and infos are reported but do not
    fail a build. ``report`` is the readable text (a summary line, then one block per issue,
    ordered by severity, focus node, path and message, so it is stable between runs).
    """

    conforms: bool
    report: str
    issues: tuple[ValidationIssue, ...]
    triples: int
    """Triples in the data graph that was checked."""

    @property
    def counts(self) -> dict[str, int]:
        """Issues per severity: ``{"Violation": n, "Warning": n, "Info": n}``."""
        found = Counter(issue.severity for issue in self.issues)
        return {name: found.get(name, 0) for name in _SEVERITY_NAMES.values()}


def _load(path: Path, what: str) -> Graph:
    if not path.is_file():
        raise IomgraphError(
            f"{path}: the {what} file is missing; iomgraph reads it from the project's "
            "ontology/ folder (run from a checkout, or pass the graph explicitly)"
        )
    graph = new_graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises several unrelated types for bad Turtle
        raise IomgraphError(f"{path}: cannot parse the {what} as Turtle: {error}") from error
    return graph


def load_shapes(path: Path = SHAPES_FILE) -> Graph:
    """Read the SHACL shapes (default ``ontology/shapes.ttl``).

    :raises IomgraphError: when the file is missing or is not valid Turtle.
    """
    return _load(path, "SHACL shapes")


def load_ontology(path: Path = ONTOLOGY_FILE) -> Graph:
    """Read the project's own ontology (default ``ontology/iom.ttl``).

    :raises IomgraphError: when the file is missing or is not valid Turtle.
    """
    return _load(path, "ontology")


def validate_graph(
    data: Graph, shapes: Graph | None = None, ontology: Graph | None = None
) -> ValidationResult:
    """Check ``data`` against ``shapes`` (default: :func:`load_shapes`).

    ``ontology``, when given (e.g. :func:`load_ontology`), is mixed into a copy of the data
    for the check, so its ``rdfs:subClassOf`` axioms count for ``sh:targetClass`` and
    ``sh:class``; by default none is, since the graph asserts every class it uses.
    ``data`` itself is never changed.

    >>> from iomgraph.namespaces import ORG, RDF
    >>> from rdflib import BNode
    >>> graph = Graph()
    >>> _ = graph.add((BNode(), RDF.type, ORG.Post))
    >>> result = validate_graph(graph)
    >>> result.conforms, result.counts["Violation"] > 0
    (False, True)

    :raises IomgraphError: when the shapes cannot be read or pySHACL fails (not when the
        data does not conform: that is ``conforms=False``).
    """
    from pyshacl import validate  # local: pySHACL is slow to import and only needed here

    shapes_graph = shapes if shapes is not None else load_shapes()
    try:
        _, results_graph, _ = validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=ontology,
            inference="none",
            abort_on_first=False,
            allow_infos=True,
            allow_warnings=True,
            meta_shacl=False,
            advanced=False,
            do_owl_imports=False,
        )
    except Exception as error:  # pySHACL reports bad shapes with many exception types
        raise IomgraphError(f"SHACL validation could not run: {error}") from error
    if not isinstance(results_graph, Graph):
        raise IomgraphError("SHACL validation could not run: pySHACL returned no results graph")
    issues = _issues(data, results_graph, shapes_graph, _namespaces_for(data, shapes_graph))
    conforms = not any(issue.severity == "Violation" for issue in issues)
    return ValidationResult(conforms, _report(issues, len(data), conforms), issues, len(data))


def _namespaces_for(data: Graph, shapes: Graph) -> NamespaceManager:
    """Our prefixes, then the data's and the shapes' own (``iom:``, ``iomsh:``) where new."""
    names = new_graph()
    for graph in (data, shapes):
        for prefix, namespace in graph.namespaces():
            names.bind(prefix, namespace, override=False)
    return names.namespace_manager


def _issues(
    data: Graph, results: Graph, shapes: Graph, namespaces: NamespaceManager
) -> tuple[ValidationIssue, ...]:
    def show(node: Node | None) -> str:
        if node is None:
            return ""
        if isinstance(node, URIRef | Literal):
            return node.n3(namespaces)
        # A blank node has no stable name: say what it is, which is what a person can find.
        types = sorted(
            t.n3(namespaces) for t in data.objects(node, RDF.type) if isinstance(t, URIRef)
        )
        return f"[a blank node{', a ' + ', '.join(types) if types else ''}]"

    def show_path(node: Node | None) -> str:
        if node is None:
            return ""
        graph = results if (node, None, None) in results else shapes
        return _path_text(graph, node, namespaces)

    def shape_name(node: Node | None) -> str:
        # An anonymous property shape is named by the node shape that holds it.
        if node is None or isinstance(node, URIRef | Literal):
            return show(node)
        parent = min(
            (s for s in shapes.subjects(SH.property, node) if isinstance(s, URIRef)), default=None
        )
        path = shapes.value(node, SH.path)
        where = f" (property {_path_text(shapes, path, namespaces)})" if path is not None else ""
        return (show(parent) if isinstance(parent, URIRef) else "(anonymous shape)") + where

    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        severity_name = (
            _SEVERITY_NAMES.get(severity, str(severity))
            if isinstance(severity, URIRef)
            else "Violation"
        )
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        found.append(
            ValidationIssue(
                severity=severity_name,
                focus_node=show(results.value(result, SH.focusNode)),
                path=show_path(results.value(result, SH.resultPath)),
                message=" / ".join(messages) or "(no message)",
                value=show(results.value(result, SH.value)),
                shape=shape_name(results.value(result, SH.sourceShape)),
            )
        )
    order = list(_SEVERITY_NAMES.values())
    found.sort(
        key=lambda i: (
            order.index(i.severity) if i.severity in order else len(order),
            i.focus_node,
            i.path,
            i.message,
            i.value,
        )
    )
    return tuple(found)


def _path_text(graph: Graph, node: Node, namespaces: NamespaceManager) -> str:
    """A SHACL property path, written readably (``org:siteAddress|schema:address``)."""
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        members = list(graph.items(alternatives))
        return "|".join(_path_text(graph, m, namespaces) for m in members)
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse, namespaces)
    if isinstance(node, URIRef | Literal):
        return node.n3(namespaces)
    first = graph.value(node, RDF.first)
    if first is not None:
        return "/".join(_path_text(graph, m, namespaces) for m in graph.items(node))
    return "(a complex path)"


def _report(issues: tuple[ValidationIssue, ...], triples: int, conforms: bool) -> str:
    counts = Counter(issue.severity for issue in issues)
    summary = ", ".join(
        f"{counts.get(name, 0)} {name.lower()}(s)" for name in _SEVERITY_NAMES.values()
    )
    verdict = "conforms" if conforms else "DOES NOT CONFORM"
    lines = [f"SHACL validation: {verdict} — {triples} triples checked; {summary}"]
    for number, issue in enumerate(issues, start=1):
        lines.append("")
        lines.append(f"{number}. {issue.severity}: {issue.message}")
        lines.append(f"   focus node: {issue.focus_node}")
        if issue.path:
            lines.append(f"   path:       {issue.path}")
        if issue.value and issue.value != issue.focus_node:
            lines.append(f"   value:      {issue.value}")
        lines.append(f"   shape:      {issue.shape}")
    return "\n".join(lines) + "\n"
