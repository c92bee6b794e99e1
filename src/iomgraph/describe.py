"""The dataset's own description: VoID statistics and DCAT distributions (``data/void.ttl``).

Everything here is computed from the built graphs and dump bytes, so it is deterministic:
no build timestamps; the version is a hash of the dumps.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping

from rdflib import Graph, Literal, URIRef

from iomgraph.dump import DumpFormat
from iomgraph.iris import IriMinter
from iomgraph.namespaces import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, VOID, XSD, new_graph

LICENSE = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
"""Our graph is dedicated to the public domain, like the Manual's text (a US Government work)."""

VOCABULARIES = (
    "http://www.w3.org/ns/org#",
    "https://schema.org/",
    "http://www.w3.org/2006/vcard/ns#",
    "http://xmlns.com/foaf/0.1/",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/ns/oa#",
    "https://w3id.org/iomgraph/ontology#",
)


def dataset_version(dumps: Mapping[str, bytes]) -> str:
    """A short hash of the published files: changes exactly when the data changes."""
    digest = hashlib.sha256()
    for name in sorted(dumps):
        digest.update(name.encode("utf-8") + b"\0" + dumps[name])
    return digest.hexdigest()[:16]


def _class_partitions(graph: Graph, dataset: URIRef, description: Graph) -> None:
    counts = Counter(cls for _, cls in graph.subject_objects(RDF.type) if isinstance(cls, URIRef))
    for cls, count in sorted(counts.items()):
        partition = URIRef(f"{dataset}/class/{hashlib.sha256(str(cls).encode()).hexdigest()[:12]}")
        description.add((dataset, VOID.classPartition, partition))
        description.add((partition, VOID["class"], cls))
        description.add((partition, VOID.entities, Literal(count)))


def _property_partitions(graph: Graph, dataset: URIRef, description: Graph) -> None:
    counts = Counter(predicate for predicate in graph.predicates() if isinstance(predicate, URIRef))
    for predicate, count in sorted(counts.items()):
        digest = hashlib.sha256(str(predicate).encode()).hexdigest()[:12]
        partition = URIRef(f"{dataset}/property/{digest}")
        description.add((dataset, VOID.propertyPartition, partition))
        description.add((partition, VOID.property, predicate))
        description.add((partition, VOID.triples, Literal(count)))


def describe_dataset(
    entry_graph: Graph,
    links: Graph,
    dumps: Mapping[str, bytes],
    base: str,
    sources: list[URIRef],
    roots: list[URIRef],
) -> Graph:
    """Return the VoID + DCAT description of the dataset built from ``entry_graph``.

    ``dumps`` maps each published file name (``iom.ttl`` ...) to its bytes.
    """
    minter = IriMinter(base)
    dataset = minter.dataset()
    description = new_graph(base)
    add = description.add
    for cls in (VOID.Dataset, DCAT.Dataset, SDO.Dataset, PROV.Entity):
        add((dataset, RDF.type, cls))
    title = "International Organization for Migration — US Government Manual knowledge graph"
    add((dataset, DCTERMS.title, Literal(title, lang="en")))
    add((dataset, RDFS.label, Literal(title, lang="en")))
    add((dataset, SDO.name, Literal(title, lang="en")))
    summary = (
        "Everything the US Government Manual's entry for the International Organization for "
        "Migration says, as RDF in W3C ORG, schema.org, vCard, FOAF, SKOS, DCTERMS and PROV-O; "
        "each extracted statement is traced to the exact passage of the entry that states it."
    )
    add((dataset, DCTERMS.description, Literal(summary, lang="en")))
    add((dataset, DCTERMS.license, LICENSE))
    add((dataset, SDO.license, LICENSE))
    add((dataset, OWL.versionInfo, Literal(dataset_version(dumps))))
    add((dataset, VOID.uriSpace, Literal(base + "id/")))
    add((dataset, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    for root in roots:
        add((dataset, VOID.rootResource, root))
    add((dataset, VOID.triples, Literal(len(entry_graph))))
    add(
        (
            dataset,
            VOID.entities,
            Literal(len({s for s in entry_graph.subjects() if isinstance(s, URIRef)})),
        )
    )
    add((dataset, VOID.distinctSubjects, Literal(len(set(entry_graph.subjects())))))
    add((dataset, VOID.properties, Literal(len(set(entry_graph.predicates())))))
    add((dataset, VOID.distinctObjects, Literal(len(set(entry_graph.objects())))))
    add((dataset, VOID.classes, Literal(len(set(entry_graph.objects(None, RDF.type))))))
    for vocabulary in VOCABULARIES:
        add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for source in sources:
        add((dataset, DCTERMS.source, source))
        add((dataset, PROV.wasDerivedFrom, source))
    add((dataset, FOAF.homepage, URIRef(base)))
    _class_partitions(entry_graph, dataset, description)
    _property_partitions(entry_graph, dataset, description)
    for fmt in DumpFormat:
        name = f"iom.{fmt.extension}"
        if name not in dumps:
            continue
        url = URIRef(f"{base}download/{name}")
        distribution = URIRef(f"{base}dataset/distribution/{fmt.extension}")
        add((dataset, DCAT.distribution, distribution))
        add((dataset, VOID.dataDump, url))
        add((distribution, RDF.type, DCAT.Distribution))
        add((distribution, DCTERMS.title, Literal(f"{name} ({fmt.media_type})")))
        add((distribution, DCAT.downloadURL, url))
        add((distribution, DCAT.accessURL, url))
        add(
            (
                distribution,
                DCAT.mediaType,
                URIRef(f"https://www.iana.org/assignments/media-types/{fmt.media_type}"),
            )
        )
        add((distribution, DCTERMS.format, Literal(fmt.media_type)))
        add(
            (
                distribution,
                DCAT.byteSize,
                Literal(len(dumps[name]), datatype=XSD.nonNegativeInteger),
            )
        )
        add((distribution, DCTERMS.license, LICENSE))
    linkset = minter.graph("links")
    add((dataset, VOID.subset, linkset))
    add((linkset, RDF.type, VOID.Linkset))
    add((linkset, RDF.type, PROV.Entity))
    add(
        (
            linkset,
            DCTERMS.title,
            Literal("Hand-curated links to Wikidata, GeoNames and web sites", lang="en"),
        )
    )
    add(
        (
            linkset,
            DCTERMS.description,
            Literal(
                "Identifiers checked against at least two independent public sources each; "
                "not extracted from the Manual. Kept in data/source/links.ttl.",
                lang="en",
            ),
        )
    )
    add((linkset, VOID.triples, Literal(len(links))))
    add((linkset, VOID.dataDump, URIRef(f"{base}download/links.ttl")))
    add((linkset, VOID.target, dataset))
    for target in ("http://www.wikidata.org/entity/", "https://sws.geonames.org/"):
        add((linkset, VOID.objectsTarget, URIRef(target)))
    add((linkset, VOID.linkPredicate, OWL.sameAs))
    add((linkset, VOID.linkPredicate, SDO.containedInPlace))
    return description
