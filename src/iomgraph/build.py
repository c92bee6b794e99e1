"""The build: sources → entries → validated graph → dumps, linkset, description; written atomically.

``build_dataset`` is pure (bytes out); ``write_build`` is the only step that touches the
output folder, and it writes everything or nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from iomgraph.compare import compare_entries
from iomgraph.describe import describe_dataset
from iomgraph.dump import DumpFormat, load_context, serialize, write_atomically
from iomgraph.errors import SourceError, ValidationError
from iomgraph.iris import IriMinter, slugify
from iomgraph.mapping import entries_to_graph
from iomgraph.model import Entry, SourceKind
from iomgraph.namespaces import DCTERMS, PROV, RDF, RDFS, new_graph
from iomgraph.validation import validate_graph

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
DEFAULT_SOURCES = (
    PROJECT_ROOT / "data" / "source" / "iom.txt",
    PROJECT_ROOT / "data" / "source" / "iom.GOVMAN-2025-12-31.xml",
)
LINKS_SOURCE = PROJECT_ROOT / "data" / "source" / "links.ttl"


@dataclass(frozen=True)
class BuildResult:
    entries: tuple[Entry, ...]
    graph: Graph
    links: Graph
    description: Graph
    files: dict[str, bytes]
    """Output file name → content: iom.ttl, iom.jsonld, iom.nt, links.ttl, void.ttl."""
    report: str
    """What the sources state alike, what only one states, where they disagree."""


def read_sources(paths: Sequence[Path]) -> list[Entry]:
    """Read each source: GOVMAN XML by its content, website text otherwise.

    :raises SourceError: when a source cannot be read (names the file, line and column).
    """
    from iomgraph.source import read_entry  # local: the readers are only needed to build

    entries: list[Entry] = []
    for path in paths:
        if not path.is_file():
            raise SourceError("no such file", path=str(path))
        head = path.read_bytes()[:512].lstrip()
        if head.startswith(b"<"):
            from iomgraph.govman import read_govman

            entries.extend(read_govman(path))
        else:
            entries.append(read_entry(path))
    return entries


def load_links(base: str, path: Path = LINKS_SOURCE) -> Graph:
    """The hand-curated linkset, its relative IRIs resolved against ``base``.

    :raises SourceError: when the linkset file cannot be parsed.
    """
    graph = new_graph(base)
    try:
        graph.parse(path, format="turtle", publicID=base)
    except Exception as error:  # rdflib raises several unrelated types for bad Turtle
        raise SourceError(f"cannot parse the linkset: {error}", path=str(path)) from error
    linkset = IriMinter(base).graph("links")
    graph.add((linkset, RDF.type, PROV.Entity))
    graph.add((linkset, RDFS.label, Literal("hand-curated linkset", lang="en")))
    note = "curated by the iomgraph maintainers; each identifier checked against two public sources"
    graph.add((linkset, DCTERMS.description, Literal(note, lang="en")))
    return graph


def build_dataset(
    entries: Sequence[Entry], base: str, links_path: Path = LINKS_SOURCE
) -> BuildResult:
    """Map, validate and serialize. Nothing is written.

    :raises ValidationError: when the graph does not conform to the shapes (with the report).
    :raises SourceError: when the entries name different organizations that cannot be merged.
    """
    report = merge_report(entries)
    graph = entries_to_graph(entries, base)
    result = validate_graph(graph)
    if not result.conforms:
        raise ValidationError(
            "the built graph does not conform to ontology/shapes.ttl", result.report
        )
    links = load_links(base, links_path)
    _check_links(graph, links, base)
    context = load_context(ONTOLOGY_DIR / "context.jsonld")
    files = {f"iom.{fmt.extension}": serialize(graph, fmt, context) for fmt in DumpFormat}
    files["links.ttl"] = serialize(links, DumpFormat.TURTLE)
    minter = IriMinter(base)
    sources = sorted({minter.source(slugify(e.name.text), e.document.key) for e in entries})
    roots = sorted({minter.organization(slugify(e.name.text)) for e in entries})
    description = describe_dataset(graph, links, files, base, list(sources), roots)
    files["void.ttl"] = serialize(description, DumpFormat.TURTLE)
    files["build-report.txt"] = report.encode("utf-8")
    return BuildResult(tuple(entries), graph, links, description, files, report)


def merge_report(entries: Sequence[Entry]) -> str:
    """Compare every source of the same organization with the first one read.

    A website-text source describes exactly one organization, so when one is among the
    sources every entry must name that organization.

    :raises MergeError: when a text source and another source name different organizations.
    """
    texts = [e for e in entries if e.document.kind is SourceKind.WEBSITE_TEXT]
    if texts and len(entries) > 1:
        for other in entries:
            if other is not texts[0]:
                compare_entries(texts[0], other)  # raises MergeError for another organization
    by_name: dict[str, list[Entry]] = {}
    for entry in entries:
        by_name.setdefault(slugify(entry.name.text), []).append(entry)
    sections = []
    for group in by_name.values():
        first = group[0]
        for other in group[1:]:
            comparison = compare_entries(
                first, other, a_name=source_name(first), b_name=source_name(other)
            )
            sections.append(comparison.render_text())
    if not sections:
        return "one source per organization: nothing to compare\n"
    return "\n\n".join(sections).rstrip("\n") + "\n"


def source_name(entry: Entry) -> str:
    return f"{Path(entry.document.path).name} ({entry.document.kind.value})"


def _check_links(graph: Graph, links: Graph, base: str) -> None:
    """Every linkset subject under our base must exist in the entry graph (no dangling links).

    :raises ValidationError: naming the links whose subject the graph does not have.
    """
    ours = base + "id/"
    missing = sorted(
        str(s)
        for s in set(links.subjects())
        if isinstance(s, URIRef)
        and str(s).startswith(ours)
        and "/identifier/" not in str(s)
        and (s, RDF.type, None) not in graph
    )
    if missing:
        raise ValidationError(
            "the linkset names resources the graph does not have: " + ", ".join(missing)
        )


def write_build(result: BuildResult, out_dir: Path) -> list[Path]:
    """Write every output file atomically into ``out_dir``; return the paths written.

    :raises OSError: when the files cannot be written (the previous files are kept).
    """
    targets = {out_dir / name: content for name, content in sorted(result.files.items())}
    write_atomically(targets)
    return list(targets)
