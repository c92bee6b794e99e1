"""Facts from the prose → RDF: history, counts, structure, work, units, publications.

Called by ``mapping`` with its :class:`~iomgraph.mapping.EntryMapper`; every triple stated
here names the passage (a :class:`~iomgraph.model.Value`) it was read from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from iomgraph.facts import Count, Facts, Publication, Unit
from iomgraph.iris import slugify
from iomgraph.model import Value
from iomgraph.namespaces import DCTERMS, FOAF, IOMO, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

if TYPE_CHECKING:
    from iomgraph.mapping import EntryMapper

_MEDIA_TYPES = {"PDF": "application/pdf"}


def map_facts(m: EntryMapper, facts: Facts) -> None:
    """Add every fact in ``facts`` about ``m.org`` to ``m``'s graph."""
    _identity(m, facts)
    for count in facts.counts:
        _count(m, count)
    _structure(m, facts)
    _work(m, facts)
    units = {unit.name.text: _unit(m, unit) for unit in facts.units}
    _unit_links(m, facts.units, units)
    _unit_kinds(m, facts)
    for publication in facts.publications:
        _publication(m, publication)


def _identity(m: EntryMapper, facts: Facts) -> None:
    org = m.org
    for acronym in facts.acronyms:
        for predicate in (SDO.alternateName, SKOS.altLabel):
            m.state(org, predicate, Literal(acronym.text), acronym)
    for year in facts.founding_years:
        m.state(org, SDO.foundingDate, Literal(year.text, datatype=XSD.gYear), year)
    for standing in facts.standings:
        m.state(org, SDO.disambiguatingDescription, Literal(standing.text), standing)
        if "intergovernmental organization" in standing.text:
            m.state(org, RDF.type, IOMO.IntergovernmentalOrganization, standing)
    former_by_name: dict[str, list[Value]] = {}
    for former_name in facts.former_names:
        former_by_name.setdefault(former_name.text, []).append(former_name)
    for name, passages in former_by_name.items():
        m.state(org, IOMO.formerName, Literal(name), *passages)
        former = m.typed(
            m.iri("former-identity", slugify(name)), ORG.FormalOrganization, SDO.Organization
        )
        m.state(former, RDFS.label, Literal(name), *passages)
        m.state(former, SDO.name, Literal(name), *passages)
        m.state(former, SKOS.prefLabel, Literal(name), *passages)
        event = m.typed(
            m.iri("event", f"renaming-from-{slugify(name)}"), ORG.ChangeEvent, PROV.Activity
        )
        m.rec.add(event, RDFS.label, Literal(f"renaming of {name}"))
        m.state(event, ORG.originalOrganization, former, *passages)
        m.state(event, ORG.resultingOrganization, org, *passages)
        m.state(org, ORG.resultedFrom, event, *passages)
        m.state(former, ORG.changedBy, event, *passages)
    for observed in facts.observer_status_at:
        other = m.minter.organization(slugify(observed.text))
        m.typed(other, ORG.FormalOrganization, SDO.Organization)
        m.state(other, RDFS.label, Literal(observed.text), observed)
        m.state(other, SDO.name, Literal(observed.text), observed)
        m.state(other, SKOS.prefLabel, Literal(observed.text), observed)
        m.state(org, IOMO.hasObserverStatusAt, other, observed)


def _count(m: EntryMapper, count: Count) -> None:
    node = m.typed(m.iri("count", count.key), SDO.PropertyValue, IOMO.StatedCount)
    m.state(m.org, SDO.additionalProperty, node, count.phrase)
    m.state(node, SDO.propertyID, Literal(count.key), count.phrase)
    m.state(node, SDO.name, Literal(count.label), count.phrase)
    m.state(node, RDFS.label, Literal(count.label), count.phrase)
    m.state(node, SDO.description, Literal(count.phrase.text), count.phrase)
    if count.value is not None:
        m.state(node, SDO.value, Literal(count.value), count.phrase)
    if count.minimum is not None:
        m.state(node, SDO.minValue, Literal(count.minimum), count.phrase)
    m.state(node, IOMO.asOf, m.rec.document(m.doc), count.phrase)


def _scheme(m: EntryMapper, slug: str, label: str) -> URIRef:
    scheme = m.typed(m.iri("scheme", slug), SKOS.ConceptScheme, SDO.DefinedTermSet)
    m.rec.add(scheme, RDFS.label, Literal(label))
    m.rec.add(scheme, SKOS.prefLabel, Literal(label))
    m.rec.add(scheme, SDO.name, Literal(label))
    return scheme


def _concept(
    m: EntryMapper, scheme_slug: str, scheme: URIRef, label: Value, text: str | None = None
) -> URIRef:
    concept = m.typed(
        m.minter.concept(m.org_slug, scheme_slug, slugify(text or label.text)),
        SKOS.Concept,
        SDO.DefinedTerm,
    )
    for predicate in (SKOS.prefLabel, RDFS.label, SDO.name):
        m.state(concept, predicate, Literal(text or label.text), label)
    m.state(concept, SKOS.inScheme, scheme, label)
    m.state(concept, SDO.inDefinedTermSet, scheme, label)
    m.state(scheme, SKOS.hasTopConcept, concept, label)
    m.state(concept, SKOS.topConceptOf, scheme, label)
    return concept


def _structure(m: EntryMapper, facts: Facts) -> None:
    for structure in facts.structure:
        m.state(m.org, IOMO.structure, Literal(structure.text), structure)
    if facts.field_structure:
        scheme = _scheme(m, "field-structure", "field structure")
        for kind, qualifier in facts.field_structure:
            label = f"{qualifier.text} {kind.text}"
            concept = _concept(m, "field-structure", scheme, qualifier, label)
            m.state(
                concept,
                SKOS.broader,
                m.minter.concept(m.org_slug, "field-structure", slugify(kind.text)),
                kind,
            )
            m.state(m.org, IOMO.fieldStructureComprises, concept, qualifier, kind)
        for kind in {k.text: k for k, _ in facts.field_structure}.values():
            _concept(m, "field-structure", scheme, kind)
    for document, media in facts.documents_in_format:
        node = m.typed(
            m.iri("document", slugify(document.text)), SDO.DigitalDocument, FOAF.Document
        )
        for predicate in (RDFS.label, SDO.name):
            m.state(node, predicate, Literal(document.text), document)
        abbreviation = media.text[media.text.find("(") + 1 : -1] if "(" in media.text else ""
        m.state(node, DCTERMS.format, Literal(media.text), media)
        if abbreviation in _MEDIA_TYPES:
            m.state(node, SDO.encodingFormat, Literal(_MEDIA_TYPES[abbreviation]), media)
        m.state(node, SDO.about, m.org, document)
        m.state(m.org, SDO.subjectOf, node, document)
        # The paragraph's web address is the document's when it is a file of that format
        # ("… available in Portable Document Format (PDF)" + ".../Organigram.pdf").
        paragraph = m.paragraph_of(document)
        for web in paragraph.web_addresses if paragraph else ():
            if abbreviation and web.text.lower().endswith("." + abbreviation.lower()):
                m.state(node, SDO.url, Literal(web.text, datatype=XSD.anyURI), web)
                m.state(node, SDO.contentUrl, Literal(web.text, datatype=XSD.anyURI), web)


def _work(m: EntryMapper, facts: Facts) -> None:
    lists = (
        ("areas-of-work", "areas of work", IOMO.areaOfWork, facts.areas_of_work),
        (
            "activities",
            "expertise and services activities",
            IOMO.supportsActivity,
            facts.activities,
        ),
        ("partner-kinds", "kinds of partners", IOMO.cooperatesWithPartnerKind, facts.partner_kinds),
        ("emergency-lead-roles", "emergency lead roles", IOMO.hasLeadRoleIn, facts.lead_roles),
        (
            "emergency-partner-roles",
            "emergency key-partner roles",
            IOMO.isKeyPartnerIn,
            facts.partner_roles,
        ),
        ("product-kinds", "kinds of products", IOMO.producesKindOf, facts.product_kinds),
    )
    for slug, label, predicate, items in lists:
        if not items:
            continue
        scheme = _scheme(m, slug, label)
        for item in items:
            concept = _concept(m, slug, scheme, item)
            m.state(m.org, predicate, concept, item)
    for role, framework in zip(facts.lead_roles, facts.lead_role_frameworks, strict=False):
        concept = m.minter.concept(m.org_slug, "emergency-lead-roles", slugify(role.text))
        m.state(concept, IOMO.underFramework, Literal(framework.text), framework)


def _unit(m: EntryMapper, unit: Unit) -> URIRef:
    node = m.typed(m.iri("unit", slugify(unit.name.text)), ORG.OrganizationalUnit, SDO.Organization)
    m.label(node, unit.name)
    m.state(node, ORG.transitiveSubOrganizationOf, m.org, unit.name)
    for role in unit.roles:
        m.state(node, ORG.purpose, Literal(role.text), role)
    return node


def _unit_links(m: EntryMapper, units: tuple[Unit, ...], nodes: dict[str, URIRef]) -> None:
    for unit in units:
        node = nodes[unit.name.text]
        context = unit.context or unit.name
        if unit.part_of and unit.part_of in nodes:
            m.state(nodes[unit.part_of], ORG.hasUnit, node, context)
            m.state(node, ORG.unitOf, nodes[unit.part_of], context)
            m.state(node, ORG.subOrganizationOf, nodes[unit.part_of], context)
            m.state(node, SDO.parentOrganization, nodes[unit.part_of], context)
        else:
            m.state(m.org, ORG.hasUnit, node, unit.name)
            m.state(node, ORG.unitOf, m.org, unit.name)
            m.state(node, ORG.subOrganizationOf, m.org, unit.name)
            m.state(node, SDO.parentOrganization, m.org, unit.name)
            m.state(m.org, SDO.subOrganization, node, unit.name)
        if unit.supported_by and unit.supported_by in nodes:
            m.state(node, IOMO.supportedBy, nodes[unit.supported_by], context)


def _unit_kinds(m: EntryMapper, facts: Facts) -> None:
    counts = {count.key: count for count in facts.counts}
    for kind, role in facts.unit_kind_roles:
        plural = kind.text.lower() + "s"
        node = m.typed(m.iri("unit", slugify(plural)), ORG.OrganizationalUnit, SDO.Organization)
        for predicate in (RDFS.label, SKOS.prefLabel, SDO.name):
            m.state(node, predicate, Literal(plural[0].upper() + plural[1:]), kind)
        m.state(
            node,
            SKOS.scopeNote,
            Literal(f"the {plural} as a group, as the entry describes them"),
            kind,
        )
        m.state(node, ORG.purpose, Literal(role.text), role)
        m.state(node, ORG.unitOf, m.org, kind)
        m.state(m.org, ORG.hasUnit, node, kind)
        m.state(m.org, SDO.subOrganization, node, kind)
        count = counts.get(slugify(plural))
        if count is not None:
            m.state(node, SDO.additionalProperty, m.iri("count", count.key), count.phrase)


def _publication(m: EntryMapper, publication: Publication) -> None:
    node = m.typed(
        m.iri("publication", slugify(publication.title.text)), SDO[publication.kind], FOAF.Document
    )
    title = Literal(publication.title.text)
    for predicate in (RDFS.label, SDO.name, DCTERMS.title):
        m.state(node, predicate, title, publication.title)
    m.state(node, SDO.publisher, m.org, publication.description or publication.title)
    m.state(node, DCTERMS.publisher, m.org, publication.description or publication.title)
    if publication.issued and publication.issued_as_printed:
        date = Literal(publication.issued, datatype=XSD.gYearMonth)
        m.state(node, SDO.datePublished, date, publication.issued_as_printed)
        m.state(node, DCTERMS.issued, date, publication.issued_as_printed)
    if publication.description is not None:
        m.state(
            node, SDO.description, Literal(publication.description.text), publication.description
        )
    for number, quotation in enumerate(publication.quotations, start=1):
        quote = m.typed(
            m.iri("publication", f"{slugify(publication.title.text)}/quotation-{number}"),
            SDO.Quotation,
        )
        m.rec.add(quote, RDFS.label, Literal(f"quotation from {publication.title.text}"))
        m.state(quote, SDO.text, Literal(quotation.text.text), quotation.text)
        m.state(quote, SDO.isPartOf, node, quotation.context)
        m.state(node, SDO.hasPart, quote, quotation.context)
        if quotation.page is not None:
            m.state(quote, SDO.pagination, Literal(quotation.page.text), quotation.page)
