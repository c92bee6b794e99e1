"""A stand-in for ``data/iom.ttl`` while the build does not exist yet: one IOM-shaped entry.

It follows the IRI scheme of ``iomgraph.iris`` and the vocabularies the mapping uses (ORG,
schema.org, vCard, SKOS, PROV, Web Annotation), with about as many triples as one Manual
entry, so the benchmark can run before ``iomgraph build`` lands. Once ``data/iom.ttl``
exists, the benchmark uses the real file and this module is not used.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

from iomgraph.iris import IriMinter, slugify

# Local on purpose: the stand-in must not break when the product's namespace module changes.
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
OA = Namespace("http://www.w3.org/ns/oa#")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")

ORG_NAME = "International Organization for Migration"

_OFFICES = (
    ("Headquarters", "17 Route des Morillons", "Geneva", "1211", "CH"),
    ("Washington Office", "1752 N Street NW., Suite 700", "Washington", "20036", "US"),
    ("New York Office", "122 E. 42d Street, 48th Floor", "New York", "10168", "US"),
)
_POSTS = (
    ("Director General", "Amy E. Pope"),
    ("Deputy Director General for Operations", "Ugochi F. Daniels"),
    ("Deputy Director General for Management and Reform", "Vacant Post Holder"),
)
_UNITS = (
    "Operations",
    "Management and Reform",
    "Administrative Centers",
    "African Capacity Building Center",
    "Global Data Institute",
    "Country Offices",
    "Liaison Offices",
    "Regional Offices",
)
_PUBLICATIONS = (
    "Institutional Strategy on Migration, Environment and Climate Change 2021-2030",
    "IOM Strategic Vision 2019-2023",
    "World Migration Report 2022",
    "Migration Data Portal",
    "Glossary on Migration",
    "Organizational Chart",
    "Missing Migrants Project",
    "Displacement Tracking Matrix",
    "IOM Blog",
    "Procurement Opportunities",
    "Career Opportunities",
    "Press Releases",
)
_COUNTS = (("member-states", "Member States", 174), ("observer-states", "Observer States", 8))


def standin_graph(base: str) -> Graph:
    """Return an rdflib Graph shaped like one built entry (about 500 triples)."""
    iri = IriMinter(base)
    org_slug = slugify(ORG_NAME)
    graph = Graph()
    graph.bind("iom", Namespace(base + "id/"))
    org = iri.organization(org_slug)
    source = iri.source(org_slug, "text")
    add = graph.add
    add((org, RDF.type, ORG.FormalOrganization))
    add((org, RDF.type, SDO.GovernmentOrganization))
    add((org, SKOS.prefLabel, Literal(ORG_NAME, lang="en")))
    add((org, RDFS.label, Literal(ORG_NAME, lang="en")))
    add((org, SKOS.altLabel, Literal("IOM", lang="en")))
    add((org, SDO.foundingDate, Literal("1951", datatype=XSD.gYear)))
    add((org, DCTERMS.source, source))
    add((org, SDO.sameAs, WIKIDATA.Q209184))
    add((source, RDF.type, PROV.Entity))
    add((source, DCTERMS.title, Literal("United States Government Manual: " + ORG_NAME)))
    offset = 0

    def passage_for(text: str) -> URIRef:
        nonlocal offset
        start, offset = offset, offset + len(text) + 7
        passage = iri.passage(org_slug, "text", start, start + len(text))
        add((passage, RDF.type, OA.SpecificResource))
        add((passage, OA.hasSource, source))
        add((passage, OA.exact, Literal(text)))
        add((passage, OA.start, Literal(start)))
        add((passage, OA.end, Literal(start + len(text))))
        return passage

    def stated(subject: URIRef, predicate: URIRef, obj: object, text: str) -> None:
        add((subject, predicate, obj))  # type: ignore[arg-type]
        statement = iri.statement(str(subject), str(predicate), str(obj))
        add((statement, RDF.type, RDF.Statement))
        add((statement, RDF.subject, subject))
        add((statement, RDF.predicate, predicate))
        add((statement, RDF.object, obj))  # type: ignore[arg-type]
        add((statement, PROV.wasDerivedFrom, passage_for(text)))

    for label, street, city, code, country in _OFFICES:
        site = iri.part(org_slug, "site", slugify(label))
        address = URIRef(str(site) + "/address")
        add((org, ORG.hasSite, site))
        add((site, RDF.type, ORG.Site))
        add((site, RDFS.label, Literal(label, lang="en")))
        add((site, ORG.siteAddress, address))
        add((address, RDF.type, VCARD.Address))
        stated(address, VCARD["street-address"], Literal(street), f"{label}: {street}")
        stated(address, VCARD.locality, Literal(city), city)
        add((address, VCARD["postal-code"], Literal(code)))
        add((address, VCARD["country-name"], Literal(country)))
        stated(site, VCARD.hasTelephone, URIRef("tel:+41227179111"), "011-41-22-717-9111")
    for title, name in _POSTS:
        post = iri.part(org_slug, "post", slugify(title))
        person = iri.part(org_slug, "person", slugify(name))
        add((post, RDF.type, ORG.Post))
        add((post, SKOS.prefLabel, Literal(title, lang="en")))
        add((post, ORG.postIn, org))
        stated(post, ORG.heldBy, person, f"{title} {name}")
        add((person, RDF.type, FOAF.Person))
        stated(person, FOAF.name, Literal(name), name)
        add((person, ORG.holds, post))
    scheme = iri.part(org_slug, "scheme", "office-kinds")
    add((scheme, RDF.type, SKOS.ConceptScheme))
    add((scheme, SKOS.prefLabel, Literal("Office kinds", lang="en")))
    for name in _UNITS:
        unit = iri.part(org_slug, "unit", slugify(name))
        concept = iri.concept(org_slug, "office-kinds", slugify(name))
        add((unit, RDF.type, ORG.OrganizationalUnit))
        add((unit, SKOS.prefLabel, Literal(name, lang="en")))
        stated(unit, ORG.unitOf, org, f"{name} of the Organization")
        add((org, ORG.hasUnit, unit))
        add((unit, ORG.classification, concept))
        add((concept, RDF.type, SKOS.Concept))
        add((concept, SKOS.inScheme, scheme))
        add((concept, SKOS.prefLabel, Literal(name, lang="en")))
    for number, name in enumerate(_PUBLICATIONS):
        publication = iri.part(org_slug, "publication", slugify(name))
        add((publication, RDF.type, SDO.CreativeWork))
        add((publication, SDO.publisher, org))
        add((publication, SDO.url, URIRef(f"https://www.iom.int/p/{number}")))
        stated(publication, SDO.name, Literal(name, lang="en"), f'"{name}"')
        add((publication, SDO.datePublished, Literal(f"{2010 + number}", datatype=XSD.gYear)))
        add((publication, SDO.about, org))
    for slug, name, value in _COUNTS:
        count = iri.part(org_slug, "count", slug)
        add((count, RDF.type, SDO.PropertyValue))
        add((count, SDO.name, Literal(name, lang="en")))
        stated(count, SDO.value, Literal(value), f"{value} {name}")
        add((org, SDO.additionalProperty, count))
    return graph


def write_standin(path: Path, base: str) -> Path:
    """Write the stand-in entry as Turtle to ``path`` (creating folders); return ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    standin_graph(base).serialize(destination=str(path), format="turtle")
    return path
