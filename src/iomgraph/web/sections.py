"""The order a resource's page reads in: the Manual entry's own (name, offices and addresses,
leadership, mission, structure, work, publications, sources), then anything else, then
provenance. Properties are grouped under these headings; within one, printed order is kept."""

from __future__ import annotations

from iomgraph.namespaces import IOMO, OA, PREFIXES, VCARD

_ORG, _SDO, _SKOS = PREFIXES["org"], PREFIXES["schema"], PREFIXES["skos"]
_FOAF, _RDFS, _PROV = PREFIXES["foaf"], PREFIXES["rdfs"], PREFIXES["prov"]
_DCTERMS = PREFIXES["dcterms"]

OTHER = "More"

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Name and identity",
        (
            _SKOS.prefLabel, _SDO.name, _FOAF.name, _RDFS.label, _DCTERMS.title, _SKOS.altLabel,
            _SDO.alternateName, IOMO.formerName, _SDO.foundingDate, _ORG.resultedFrom,
            _SDO.disambiguatingDescription, IOMO.hasObserverStatusAt, IOMO.manualCategory,
            IOMO.govmanEntityId,
        ),
    ),
    (
        "Offices and addresses",
        (
            _ORG.hasPrimarySite, _ORG.hasSite, _ORG.siteOf, _ORG.siteAddress, _SDO.address,
            _SDO.location, _SDO.telephone, _SDO.email, _SDO.faxNumber, VCARD.hasTelephone,
            VCARD.hasEmail, VCARD.hasAddress,
        ),
    ),
    ("Leadership", (_ORG.hasPost, _ORG.heldBy, _ORG.holds, _ORG.postIn, _ORG.role)),
    ("Mission and description", (_ORG.purpose, _SDO.description, _DCTERMS.description)),
    (
        "Structure and size",
        (
            IOMO.structure, IOMO.fieldStructureComprises, _ORG.hasUnit, _SDO.subOrganization,
            _ORG.unitOf, _SDO.parentOrganization, _SDO.additionalProperty,
        ),
    ),
    (
        "Work",
        (
            IOMO.areaOfWork, IOMO.supportsActivity, IOMO.hasLeadRoleIn, IOMO.isKeyPartnerIn,
            IOMO.cooperatesWithPartnerKind,
        ),
    ),
    (
        "Publications and sources of information",
        (IOMO.producesKindOf, _SDO.subjectOf, _SDO.about, _RDFS.seeAlso, _SDO.url),
    ),
    ("Provenance", (_PROV.wasDerivedFrom, OA.hasSelector, OA.hasSource, _DCTERMS.source)),
)  # fmt: skip

PAGE_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (*SECTIONS[:-1], (OTHER, ()), SECTIONS[-1])
"""The sections as a page shows them: anything unlisted goes under "More", before provenance."""

_PLACE: dict[str, tuple[int, int]] = {
    str(iri): (section, position)
    for section, (_, iris) in enumerate(PAGE_ORDER)
    for position, iri in enumerate(iris)
}
_OTHER_PLACE = (len(PAGE_ORDER) - 2, 0)


def place_of(predicate: str) -> tuple[int, int]:
    """Where ``predicate`` goes on a page: (index in :data:`PAGE_ORDER`, position in it).

    >>> place_of("https://schema.org/name") < place_of("http://www.w3.org/ns/org#hasPost")
    True
    >>> PAGE_ORDER[place_of("http://example.org/unknown")[0]][0]
    'More'
    """
    return _PLACE.get(predicate, _OTHER_PLACE)
