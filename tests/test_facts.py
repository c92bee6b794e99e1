"""Each fact rule on the phrasing it handles, and on phrasings it must not misread."""

from __future__ import annotations

import pytest

from iomgraph.facts import Facts, read_facts
from iomgraph.model import Entry, Paragraph, Section, SourceDocument, SourceKind, Span, Value


def facts_of(*sentences: str, name: str = "International Organization for Migration") -> Facts:
    """Read facts from a made-up entry whose paragraphs are ``sentences``."""
    text = name + "\n\n" + "\n\n".join(sentences)
    document = SourceDocument("text", SourceKind.WEBSITE_TEXT, "<test>", text, "text/plain")
    paragraphs = []
    position = len(name) + 2
    for sentence in sentences:
        paragraphs.append(Paragraph(Value(sentence, Span(position, position + len(sentence)))))
        position += len(sentence) + 2
    entry = Entry(
        document=document,
        name=Value(name, Span(0, len(name))),
        description=(Section(Span(0, len(text)), None, tuple(paragraphs)),),
    )
    return read_facts(entry)


def test_acronym_only_for_the_entrys_own_name() -> None:
    facts = facts_of(
        "Established in 1951, the International Organization for Migration (IOM) leads.",
        "It works with the United Nations High Commissioner for Refugees (UNHCR).",
    )
    assert [a.text for a in facts.acronyms] == ["IOM"]


@pytest.mark.parametrize(
    "sentence",
    ["Established in 1951, the Organization grew.", "The Organization was established in 1951."],
)
def test_founding_year(sentence: str) -> None:
    assert [y.text for y in facts_of(sentence).founding_years] == ["1951"]


def test_former_name_from_both_phrasings_is_one_name_with_two_passages() -> None:
    facts = facts_of(
        "It was first known as the Provisional Intergovernmental Committee for the Movement "
        "of Migrants from Europe. The Committee was active.",
        "Originally known as the Provisional Intergovernmental Committee for the Movement of "
        "Migrants from Europe, the IOM got its start amidst the chaos.",
    )
    names = {n.text for n in facts.former_names}
    assert names == {
        "Provisional Intergovernmental Committee for the Movement of Migrants from Europe"
    }
    assert len(facts.former_names) == 2
    assert facts.former_names[0].span != facts.former_names[1].span


def test_counts_keep_exact_values_and_lower_bounds_apart() -> None:
    facts = facts_of(
        "With 174 Member States, an additional 8 states holding observer status, and a "
        "presence in over 100 countries, the IOM promotes humane and orderly migration.",
        "IOM maintains more than 590 country offices and sub-offices worldwide.",
        "Descriptions of and contact information for the IOM's nine regional offices are online.",
    )
    counts = {c.key: (c.value, c.minimum) for c in facts.counts}
    assert counts == {
        "member-states": (174, None),
        "observer-states": (8, None),
        "countries-of-presence": (None, 100),
        "country-offices-and-sub-offices": (None, 590),
        "regional-offices": (9, None),
    }


def test_a_count_without_its_phrase_is_not_a_count() -> None:
    assert facts_of("The 174 delegates met in Geneva.").counts == ()


def test_areas_list_with_oxford_comma() -> None:
    facts = facts_of(
        "The IOM works with its partners in the following areas: meeting challenges, "
        "increasing understanding of migration issues, and upholding dignity."
    )
    assert [a.text for a in facts.areas_of_work] == [
        "meeting challenges",
        "increasing understanding of migration issues",
        "upholding dignity",
    ]


def test_activities_are_split_on_semicolons_not_commas() -> None:
    facts = facts_of(
        "IOM expertise and services support the following activities: secure, reliable, and "
        "cost-effective assistance; humane management; and partnering with states."
    )
    assert [a.text for a in facts.activities] == [
        "secure, reliable, and cost-effective assistance",
        "humane management",
        "partnering with states",
    ]


def test_emergency_roles_and_partner_kinds() -> None:
    facts = facts_of(
        "It has a lead role under the UN Cluster Approach in camp coordination and management "
        "in natural disasters and is a key partner in emergency shelter, logistics, and early "
        "recovery.",
        "It works in close cooperation with governmental, intergovernmental, and "
        "nongovernmental partners.",
    )
    assert [r.text for r in facts.lead_roles] == [
        "camp coordination and management in natural disasters"
    ]
    assert [f.text for f in facts.lead_role_frameworks] == ["the UN Cluster Approach"]
    assert [r.text for r in facts.partner_roles] == [
        "emergency shelter",
        "logistics",
        "early recovery",
    ]
    assert [k.text for k in facts.partner_kinds] == [
        "governmental",
        "intergovernmental",
        "nongovernmental",
    ]


def test_observer_status_structure_and_field_structure() -> None:
    facts = facts_of(
        "The IOM has observer status to the United Nations.",
        "Its structure is decentralized. The Organization's field structure is composed of "
        "centers (administrative, African, and global) and offices (country, and regional).",
    )
    assert [o.text for o in facts.observer_status_at] == ["United Nations"]
    assert [s.text for s in facts.structure] == ["decentralized"]
    assert [(k.text, q.text) for k, q in facts.field_structure] == [
        ("centers", "administrative"),
        ("centers", "African"),
        ("centers", "global"),
        ("offices", "country"),
        ("offices", "regional"),
    ]


def test_units_their_containment_support_and_roles() -> None:
    facts = facts_of(
        "The Media and Communications Division is responsible for media relations.",
        "The Department of International Cooperation and Partnerships supports the Migration "
        "Policy Research Division, which is where the publications unit is located.",
        "Regional office personnel review and endorse projects and provide technical support "
        "to Country Offices.",
    )
    units = {u.name.text: u for u in facts.units}
    assert set(units) == {
        "Media and Communications Division",
        "Department of International Cooperation and Partnerships",
        "Migration Policy Research Division",
        "publications unit",
    }
    assert [r.text for r in units["Media and Communications Division"].roles] == ["media relations"]
    assert (
        units["Migration Policy Research Division"].supported_by
        == "Department of International Cooperation and Partnerships"
    )
    assert units["publications unit"].part_of == "Migration Policy Research Division"
    assert [(k.text, r.text[:19]) for k, r in facts.unit_kind_roles] == [
        ("Regional office", "review and endorse ")
    ]


def test_publications_dates_quotations_and_lists() -> None:
    facts = facts_of(
        'The "IOM Strategic Vision 2019–2023: Setting a course for IOM" (NOV 2019) addresses '
        'climate change. On page 7, it says: "While some groups will be affected."',
        'The "Media Contacts" web page lists spokespeople.',
        "The IOM produces many publications, which include National Migration Profiles, the "
        "Migration Research Series, the World Migration Report, and other studies and reports. "
        "It also produces flyers, journals, and thematic catalogues.",
    )
    publications = {p.title.text: p for p in facts.publications}
    assert set(publications) == {
        "IOM Strategic Vision 2019–2023: Setting a course for IOM",
        "National Migration Profiles",
        "Migration Research Series",
        "World Migration Report",
    }
    vision = publications["IOM Strategic Vision 2019–2023: Setting a course for IOM"]
    assert vision.issued == "2019-11"
    assert [(q.page.text if q.page else None, q.text.text) for q in vision.quotations] == [
        ("7", "While some groups will be affected.")
    ]
    assert publications["Migration Research Series"].kind == "CreativeWorkSeries"
    assert [k.text for k in facts.product_kinds] == ["flyers", "journals", "thematic catalogues"]


def test_every_fact_value_quotes_its_source_exactly() -> None:
    sentence = "With 174 Member States, an additional 8 states holding observer status."
    facts = facts_of(sentence)
    text = "International Organization for Migration\n\n" + sentence
    for count in facts.counts:
        assert text[count.phrase.span.start : count.phrase.span.end] == count.phrase.text
