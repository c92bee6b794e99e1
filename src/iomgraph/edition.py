"""A whole Manual edition (GOVMAN XML, ≈ 8 MB, ≈ 300 entities) → one N-Triples dump, streamed.

Memory holds one entity at a time: entities are streamed with
:func:`~iomgraph.govman.iter_govman`, each is mapped on its own (an organization with its
sub-entities, offices, posts and sources of information), validated on its own, and its
triples are appended, sorted, to the dump. Entities follow in file order, so the same
edition gives the same bytes.

N-Triples is the format because it is the one RDF syntax that streams: entity after entity
can be appended with no shared prefix table or nesting, and it needs no whole-graph pass
(``longturtle`` sorts the whole graph in memory). Load it into a store to query it, or
convert it with any RDF tool.

Output, in the folder given: ``manual.nt`` and ``manual-void.ttl`` (the VoID description:
entities, organizations, triples, the edition it was built from). Both are written to temp
files and renamed only when every entity has been mapped and validated, so a failed build
leaves the previous files as they were.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from rdflib import Graph, Literal, URIRef

from iomgraph.describe import LICENSE, VOCABULARIES
from iomgraph.dump import DumpFormat, serialize
from iomgraph.errors import ValidationError
from iomgraph.govman import iter_govman
from iomgraph.iris import IriMinter, slugify
from iomgraph.mapping import entry_to_graph
from iomgraph.model import Entry
from iomgraph.namespaces import DCAT, DCTERMS, ORG, OWL, RDF, RDFS, SDO, VOID, XSD, new_graph

__all__ = [
    "DUMP_NAME",
    "VOID_NAME",
    "EditionProgress",
    "EditionResult",
    "build_edition",
]

log = logging.getLogger(__name__)

DUMP_NAME = "manual.nt"
VOID_NAME = "manual-void.ttl"


class Conformance(Protocol):
    """What a validator returns (:func:`iomgraph.validation.validate_graph`)."""

    @property
    def conforms(self) -> bool: ...

    @property
    def report(self) -> str: ...


Validator = Callable[[Graph], Conformance]


@dataclass(frozen=True)
class EditionProgress:
    """Where a build is, reported after each entity is written."""

    entities: int
    """Top-level entities written so far."""
    triples: int
    """Triples written so far."""
    entry: Entry
    """The entity just written."""
    position: int
    """Characters of the file read so far (the end of the entity just written)."""


@dataclass(frozen=True)
class EditionResult:
    entities: int
    """Top-level entities (``<Entity>``) in the edition."""
    organizations: int
    """Organizations in the graph: the entities and their nested sub-entities."""
    triples: int
    files: tuple[Path, ...]
    warnings: tuple[str, ...] = field(default=())
    """Reader warnings and IRI clashes, each prefixed with the entity's ``EntityId``."""


def _organizations(entry: Entry) -> Iterator[Entry]:
    yield entry
    for sub in entry.sub_entities:
        yield from _organizations(sub)


def _entity_label(entry: Entry) -> str:
    return f"entity {entry.entity_id or '(no EntityId)'} ({entry.name.text})"


def _default_validator() -> Validator:
    """``validate_graph`` against the project's shapes, read once for the whole edition."""
    from iomgraph.validation import load_shapes, validate_graph

    shapes = load_shapes()

    def check(graph: Graph) -> Conformance:
        return validate_graph(graph, shapes)

    return check


@contextmanager
def _staged(target: Path) -> Iterator[tuple[IO[bytes], Path]]:
    """A temp file beside ``target``; removed if the block fails, kept for renaming if not."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream, temp
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def build_edition(
    path: Path,
    out_dir: Path,
    base: str,
    *,
    progress: Callable[[EditionProgress], None] | None = None,
    validate: Validator | None = None,
) -> EditionResult:
    """Build the graph of every entity of the GOVMAN edition at ``path`` into ``out_dir``.

    ``progress`` is called after each entity is written; ``validate`` checks each entity's
    graph (default: :func:`iomgraph.validation.validate_graph` against the shapes).

    :raises SourceError: when the edition cannot be read (malformed XML with line and
        column, an entity without a name naming its ``EntityId``).
    :raises ValidationError: naming the first entity whose graph does not conform, with the
        report.
    :raises OSError: when the files cannot be written.

    Nothing in ``out_dir`` changes unless the whole build succeeds.
    """
    check = validate or _default_validator()
    minter = IriMinter(base)
    dump_path, void_path = out_dir / DUMP_NAME, out_dir / VOID_NAME
    digest = hashlib.sha256()
    entities = organizations = triples = subjects = 0
    warnings: list[str] = []
    seen: dict[URIRef, str] = {}
    issued: str | None = None
    with _staged(dump_path) as (stream, dump_temp):
        for entry in iter_govman(path):
            label = _entity_label(entry)
            graph = entry_to_graph(entry, base)
            result = check(graph)
            if not result.conforms:
                raise ValidationError(f"{label} does not conform to the shapes", result.report)
            for unit in _organizations(entry):
                warnings += [f"{_entity_label(unit)}: {w}" for w in unit.warnings]
                iri = minter.organization(slugify(unit.name.text))
                if iri in seen:
                    # Two entities minting one IRI merge into one resource: say so.
                    warnings.append(f"{_entity_label(unit)} has the IRI of {seen[iri]}: {iri}")
                seen.setdefault(iri, _entity_label(unit))
                organizations += 1
            content = serialize(graph, DumpFormat.N_TRIPLES)
            stream.write(content)
            digest.update(content)
            entities += 1
            triples += len(graph)
            subjects += len({s for s in graph.subjects() if isinstance(s, URIRef)})
            issued = issued or entry.document.issued
            if progress is not None:
                document = entry.document
                position = document.offset + len(document.text)
                progress(EditionProgress(entities, triples, entry, position))
        void = _describe_edition(
            minter,
            path,
            issued,
            entities=entities,
            organizations=organizations,
            triples=triples,
            subjects=subjects,
            dump_bytes=stream.tell(),
            version=digest.hexdigest()[:16],
        )
        with _staged(void_path) as (void_stream, void_temp):
            void_stream.write(serialize(void, DumpFormat.TURTLE))
    # Both complete and on disk: only now replace the previous build.
    try:
        os.replace(dump_temp, dump_path)
        os.replace(void_temp, void_path)
    finally:
        dump_temp.unlink(missing_ok=True)
        void_temp.unlink(missing_ok=True)
    log.info("%s: %d entities, %d triples", path, entities, triples)
    return EditionResult(entities, organizations, triples, (dump_path, void_path), tuple(warnings))


def _describe_edition(
    minter: IriMinter,
    source: Path,
    issued: str | None,
    *,
    entities: int,
    organizations: int,
    triples: int,
    subjects: int,
    dump_bytes: int,
    version: str,
) -> Graph:
    """VoID + DCAT for the edition's dump, from counts kept while streaming (no whole graph)."""
    dataset = minter.manual_dataset()
    graph = new_graph(minter.base)
    add = graph.add
    title = "The United States Government Manual — whole edition knowledge graph"
    for cls in (VOID.Dataset, DCAT.Dataset, SDO.Dataset):
        add((dataset, RDF.type, cls))
    add((dataset, DCTERMS.title, Literal(title, lang="en")))
    add((dataset, RDFS.label, Literal(title, lang="en")))
    summary = (
        f"Every entity of the Manual's GOVMAN XML edition {source.name}"
        + (f" ({issued})" if issued else "")
        + f": {entities} entities, {organizations} organizations with their sub-units."
    )
    add((dataset, DCTERMS.description, Literal(summary, lang="en")))
    add((dataset, DCTERMS.source, Literal(source.name)))
    add((dataset, DCTERMS.license, LICENSE))
    add((dataset, OWL.versionInfo, Literal(version)))
    add((dataset, VOID.triples, Literal(triples)))
    add((dataset, VOID.entities, Literal(subjects)))
    add((dataset, VOID.uriSpace, Literal(minter.base + "id/")))
    for vocabulary in VOCABULARIES:
        add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    partition = URIRef(f"{dataset}/class/formal-organization")
    add((dataset, VOID.classPartition, partition))
    add((partition, VOID["class"], ORG.FormalOrganization))
    add((partition, VOID.entities, Literal(organizations)))
    fmt = DumpFormat.N_TRIPLES
    url = URIRef(f"{minter.base}download/{DUMP_NAME}")
    distribution = URIRef(f"{dataset}/distribution/{fmt.extension}")
    add((dataset, VOID.dataDump, url))
    add((dataset, DCAT.distribution, distribution))
    add((distribution, RDF.type, DCAT.Distribution))
    add((distribution, DCAT.downloadURL, url))
    media_type = URIRef(f"https://www.iana.org/assignments/media-types/{fmt.media_type}")
    add((distribution, DCAT.mediaType, media_type))
    add((distribution, DCTERMS.format, Literal(fmt.media_type)))
    add((distribution, DCAT.byteSize, Literal(dump_bytes, datatype=XSD.nonNegativeInteger)))
    return graph
