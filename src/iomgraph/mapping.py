"""Model → RDF: an entry's structure (identity, offices, leadership, sources of information).

Every resource gets its ORG/FOAF/SKOS class *and* its schema.org class, so queries need no
reasoner. Every triple the entry states goes through :meth:`Recorder.state` with its passage.
What the prose says (history, counts, units, publications ...) is mapped by ``prose_mapping``.
No IO here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from iomgraph.facts import read_facts
from iomgraph.iris import IriMinter, slugify
from iomgraph.model import (
    Entry,
    LeadershipTable,
    Office,
    Official,
    Paragraph,
    PostalAddress,
    Value,
)
from iomgraph.namespaces import FOAF, IOMO, ORG, RDF, RDFS, SDO, SKOS, VCARD, XSD, new_graph
from iomgraph.prose_mapping import map_facts
from iomgraph.provenance import Recorder


def entries_to_graph(entries: Iterable[Entry], base: str) -> Graph:
    """Map one or more entries (one per source, or many organizations) into one graph.

    Entries for the same organization (same name) share IRIs, so a fact both sources state
    becomes one statement deriving from both passages.
    """
    graph = new_graph(base)
    minter = IriMinter(base)
    for entry in entries:
        _map_entry(graph, minter, entry, parent=None)
    _label_unlabelled(graph)
    return graph


def _label_unlabelled(graph: Graph) -> None:
    """Give a resource that no source names a label from its description's first sentence.

    Done after all sources are mapped: a heading one source prints (the XML's "Blog") is the
    label; only where no source names the resource is a label derived.
    """
    for subject in sorted(set(graph.subjects(RDF.type, None)), key=str):
        if (subject, RDFS.label, None) in graph:
            continue
        description = graph.value(subject, SDO.description)
        if description is not None:
            graph.add((subject, RDFS.label, Literal(_sentence_label(str(description)))))


def entry_to_graph(entry: Entry, base: str) -> Graph:
    """Map one entry to a graph. See :func:`entries_to_graph`."""
    return entries_to_graph([entry], base)


class EntryMapper:
    """Maps one entry's structure; holds what every method needs."""

    def __init__(self, recorder: Recorder, entry: Entry) -> None:
        self.rec = recorder
        self.entry = entry
        self.doc = entry.document
        self.org_slug = recorder.org_slug
        self.minter = recorder.minter
        self.org = self.minter.organization(self.org_slug)

    def iri(self, kind: str, slug: str) -> URIRef:
        return self.minter.part(self.org_slug, kind, slug)

    def typed(self, resource: URIRef, *classes: URIRef) -> URIRef:
        for cls in classes:
            self.rec.add(resource, RDF.type, cls)
        self.rec.derived(resource, self.doc)
        return resource

    def state(
        self, subject: URIRef, predicate: URIRef, obj: URIRef | Literal, *passages: object
    ) -> None:
        self.rec.state(subject, predicate, obj, self.doc, *passages)  # type: ignore[arg-type]

    def label(self, resource: URIRef, value: object, *predicates: URIRef) -> None:
        """State a name under rdfs:label, skos:prefLabel, schema:name and any ``predicates``."""
        text = Literal(str(value))
        for predicate in (RDFS.label, SKOS.prefLabel, SDO.name, *predicates):
            self.state(resource, predicate, text, value)

    # --- the organization ------------------------------------------------------------------

    def organization(self, *, as_unit: bool = False) -> None:
        entry = self.entry
        kind = ORG.OrganizationalUnit if as_unit else ORG.FormalOrganization
        self.typed(self.org, kind, SDO.Organization, FOAF.Organization)
        self.label(self.org, entry.name, FOAF.name)
        if entry.entity_id:
            self.state(self.org, IOMO.govmanEntityId, Literal(entry.entity_id), entry.name)
        if entry.category:
            self.state(self.org, IOMO.manualCategory, Literal(entry.category.text), entry.category)
        for paragraph in entry.mission:
            self.state(self.org, SDO.description, Literal(paragraph.text.text), paragraph.text)
            self.state(self.org, ORG.purpose, Literal(paragraph.text.text), paragraph.text)
        for paragraph in entry.all_paragraphs():
            if paragraph in self._source_paragraphs():
                continue  # a source of information's URL is its own page's (see below)
            for web in paragraph.web_addresses:
                self.state(self.org, RDFS.seeAlso, URIRef(web.text), web)

    def _source_paragraphs(self) -> list[Paragraph]:
        return [p for s in self.entry.sources_of_information for p in s.paragraphs]

    def paragraph_of(self, value: Value) -> Paragraph | None:
        """The paragraph whose passage contains ``value``'s passage, if any."""
        for paragraph in self.entry.all_paragraphs():
            span = paragraph.text.span
            if span.start <= value.span.start and value.span.end <= span.end:
                return paragraph
        return None

    # --- offices -----------------------------------------------------------------------------

    def offices(self) -> None:
        used: set[str] = set()
        for number, office in enumerate(self.entry.offices, start=1):
            slug = slugify(office.label.text) if office.label else f"office-{number}"
            while slug in used:
                slug += "-2"
            used.add(slug)
            self.office(office, slug, primary=number == 1)

    def office(self, office: Office, slug: str, *, primary: bool) -> None:
        site = self.typed(self.iri("site", slug), ORG.Site, SDO.Place)
        if office.label:
            self.label(site, office.label)
        else:
            self.rec.add(site, RDFS.label, Literal(f"{self.entry.name.text}, office {slug[-1]}"))
        self.state(self.org, ORG.hasSite, site, office.span)
        self.state(site, ORG.siteOf, self.org, office.span)
        if primary and office.label and re.search(r"headquarters", office.label.text, re.I):
            self.state(self.org, ORG.hasPrimarySite, site, office.label)
        for address in office.addresses:
            self.address(site, slug, address)
        for phone in office.phones:
            if phone.e164 is None:
                self.state(
                    site, IOMO.telephoneAsPrinted, Literal(phone.printed.text), phone.printed
                )
                continue
            predicate = SDO.faxNumber if phone.kind == "fax" else SDO.telephone
            self.state(site, predicate, Literal(phone.e164), phone.printed)
            vcard_predicate = VCARD.hasFax if phone.kind == "fax" else VCARD.hasTelephone
            self.state(site, vcard_predicate, URIRef(f"tel:{phone.e164}"), phone.printed)
        for email in office.emails:
            self.state(site, SDO.email, Literal(email.text), email)
            self.state(site, VCARD.hasEmail, URIRef(f"mailto:{email.text}"), email)
        for web in office.web_addresses:
            self.state(site, SDO.url, Literal(web.text, datatype=XSD.anyURI), web)

    def address(self, site: URIRef, site_slug: str, address: PostalAddress) -> None:
        suffix = "address" if address.kind == "street" else f"{address.kind}-address"
        node = self.typed(
            self.iri("site", f"{site_slug}/{suffix}"), VCARD.Address, SDO.PostalAddress
        )
        self.rec.add(node, RDFS.label, Literal(f"{address.kind} address"))
        self.state(site, ORG.siteAddress, node, address.span)
        self.state(site, SDO.address, node, address.span)
        self.state(node, SDO.contactType, Literal(f"{address.kind} address"), address.span)
        parts = (
            (address.street, SDO.streetAddress, VCARD["street-address"]),
            (address.po_box, SDO.postOfficeBoxNumber, VCARD["post-office-box"]),
            (address.locality, SDO.addressLocality, VCARD.locality),
            (address.region, SDO.addressRegion, VCARD.region),
            (address.postal_code, SDO.postalCode, VCARD["postal-code"]),
            (address.country, VCARD["country-name"], None),
        )
        for value, schema_term, vcard_term in parts:
            if value is None:
                continue
            self.state(node, schema_term, Literal(value.text), value)
            if vcard_term is not None:
                self.state(node, vcard_term, Literal(value.text), value)
        if address.country_code:
            passage = address.country or address.postal_code or address.region or address.span
            self.state(node, SDO.addressCountry, Literal(address.country_code), passage)

    # --- leadership --------------------------------------------------------------------------

    def leadership(self) -> None:
        used: set[str] = set()
        for table in self.entry.leadership:
            for official in table.officials:
                self.official(table, official, used)

    def official(self, table: LeadershipTable, official: Official, used: set[str]) -> None:
        if official.title is None and official.name is None:
            return
        # The title as printed names the post (the website text drops the group heading the
        # XML has, and both sources must name the same post); a bare name's post is named
        # by its heading and holder.
        if official.title is not None:
            slug = slugify(official.title.text)
        else:
            heading = slugify(official.heading.text) if official.heading else "member"
            slug = f"{heading}-{slugify(official.name.text)}" if official.name else heading
        base_slug, n = slug, 2
        while slug in used:
            slug, n = f"{base_slug}-{n}", n + 1
        used.add(slug)
        post = self.typed(self.iri("post", slug), ORG.Post, SDO.OrganizationRole)
        if official.title is not None:
            self.label(post, official.title, IOMO.titleAsPrinted)
        elif official.heading is not None:
            self.label(post, official.heading)
        else:
            self.rec.add(post, RDFS.label, Literal("member"))
        self.state(post, ORG.postIn, self.org, official.span)
        self.state(self.org, ORG.hasPost, post, official.span)
        if official.heading is not None:
            self.state(post, IOMO.postGroup, Literal(official.heading.text), official.heading)
            full = full_title(
                official.heading.text, official.title.text if official.title else None
            )
            passages = [v for v in (official.heading, official.title) if v]
            self.state(post, SDO.roleName, Literal(full), *passages)
        for web in table.web_addresses:
            self.state(post, RDFS.seeAlso, URIRef(web.text), web)
        if table.updated is not None:
            as_of = _month_year(table.updated.text)
            if as_of:
                self.state(
                    post, IOMO.listedAsOf, Literal(as_of, datatype=XSD.gYearMonth), table.updated
                )
        if official.vacant or official.name is None:
            self.state(post, IOMO.vacant, Literal(True), official.span)
            return
        person = self.typed(
            self.iri("person", slugify(official.name.text)), FOAF.Person, SDO.Person
        )
        self.label(person, official.name, FOAF.name)
        self.state(post, ORG.heldBy, person, official.span)
        self.state(person, ORG.holds, post, official.span)
        self.state(person, SDO.hasOccupation, post, official.span)
        if official.acting:
            self.state(post, IOMO.heldInActingCapacity, Literal(True), official.span)
        for web in official.web_addresses:
            self.state(person, SDO.url, Literal(web.text, datatype=XSD.anyURI), web)

    # --- sources of information --------------------------------------------------------------

    def sources_of_information(self) -> None:
        used: set[str] = set()
        for section in self.entry.sources_of_information:
            for number, paragraph in enumerate(section.paragraphs):
                heading = section.heading if number == 0 else None
                self.source_of_information(paragraph, heading, section.heading, used)

    def source_of_information(
        self, paragraph: Paragraph, heading: object, topic: object, used: set[str]
    ) -> None:
        slug = source_slug(paragraph.text.text)
        while slug in used:
            slug += "-2"
        used.add(slug)
        page = self.typed(
            self.iri("source-of-information", slug),
            IOMO.SourceOfInformation,
            SDO.WebPage,
            FOAF.Document,
        )
        if heading is not None:
            self.label(page, heading)
        if topic is not None and topic is not heading:
            self.state(page, SDO.keywords, Literal(str(topic)), topic)
        self.state(page, SDO.description, Literal(paragraph.text.text), paragraph.text)
        self.state(page, SDO.about, self.org, paragraph.text)
        self.state(self.org, SDO.subjectOf, page, paragraph.text)
        for web in paragraph.web_addresses:
            self.state(page, SDO.url, Literal(web.text, datatype=XSD.anyURI), web)
            self.state(page, FOAF.page, URIRef(web.text), web)
        for email in paragraph.emails:
            self.state(page, SDO.email, Literal(email.text), email)
        updated = self.entry.sources_updated
        as_of = _month_year(updated.text) if updated else None
        if updated is not None and as_of is not None:
            date = Literal(as_of, datatype=XSD.gYearMonth)
            self.state(page, IOMO.listedAsOf, date, updated)


def _map_entry(graph: Graph, minter: IriMinter, entry: Entry, parent: EntryMapper | None) -> None:
    """Map ``entry``; a GOVMAN sub-entity (``parent`` given) is an organizational unit of its
    parent, named under the parent's IRI so same-named units of different parents stay apart."""
    slug = slugify(entry.name.text)
    if parent is not None:
        slug = f"{parent.org_slug}/unit/{slug}"
    recorder = Recorder(graph, minter, slug)
    mapper = EntryMapper(recorder, entry)
    mapper.organization(as_unit=parent is not None)
    mapper.offices()
    mapper.leadership()
    mapper.sources_of_information()
    map_facts(mapper, read_facts(entry))
    if parent is not None:
        unit, whole = mapper.org, parent.org
        for subject, predicate, obj in (
            (unit, ORG.unitOf, whole),
            (whole, ORG.hasUnit, unit),
            (unit, ORG.subOrganizationOf, whole),
            (whole, ORG.hasSubOrganization, unit),
            (unit, SDO.parentOrganization, whole),
            (whole, SDO.subOrganization, unit),
        ):
            mapper.state(subject, predicate, obj, entry.name)
    # The entry is about the organization; it is the Manual's text, not the organization's.
    graph.add((recorder.document(entry.document), SDO.about, mapper.org))
    for sub_entity in entry.sub_entities:
        _map_entry(graph, minter, sub_entity, parent=mapper)


# --- naming rules (pure, tested on their own) ----------------------------------------------

_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[–-]\s*(\d{4})$")


def _month_year(printed: str) -> str | None:
    """``3–2022`` → ``2022-03``; None when the footer date has another form."""
    match = _MONTH_YEAR.match(printed.strip())
    if not match or not 1 <= int(match.group(1)) <= 12:
        return None
    return f"{match.group(2)}-{int(match.group(1)):02d}"


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("S") and not word.endswith("SS"):
        return word[:-1]
    return word


def full_title(heading: str, qualifier: str | None) -> str:
    """The full title of a post under an ALL-CAPS group heading.

    >>> full_title("DEPUTY DIRECTORS GENERAL", "Operations")
    'Deputy Director General for Operations'
    >>> full_title("DIRECTORS", "Office of Compliance and Enforcement")
    'Director, Office of Compliance and Enforcement'
    """
    words = heading.split()
    singular = " ".join(_singular(w) if w.isupper() else w for w in words)
    title = singular.title() if heading.isupper() else singular
    if qualifier is None:
        return title
    if re.match(r"(Office|Bureau|Division|Department)\b", qualifier):
        return f"{title}, {qualifier}"
    return f"{title} for {qualifier}"


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def source_slug(paragraph: str) -> str:
    """A slug for a source of information from its paragraph's opening words.

    Headings differ between the website text and the XML, the paragraph text does not, so
    the slug is read from the paragraph and both sources name the same resource.

    >>> source_slug("The IOM maintains a blog.")
    'iom-maintains-a-blog'
    """
    sentence = _LEADING_ARTICLE.sub("", paragraph.split(".")[0])
    words = re.findall(r"[A-Za-z0-9]+", sentence)
    slug = slugify(" ".join(words[:6]))
    return slug


def _sentence_label(paragraph: str) -> str:
    sentence = paragraph.split(". ")[0].rstrip(".")
    return sentence if len(sentence) <= 80 else sentence[:77].rsplit(" ", 1)[0] + "…"
