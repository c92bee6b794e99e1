"""GOVMAN XML → Entry: the four real fixtures, data-driven edge cases, spans, streaming, errors."""

from __future__ import annotations

import html
import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest

from entry_summary import summarize, values_of
from iomgraph.errors import SourceError
from iomgraph.govman import iter_govman, parse_govman, read_govman
from iomgraph.model import Entry, SourceKind
from iomgraph.passages import clean_text

XML = Path(__file__).resolve().parent / "fixtures" / "xml"
CASES = Path(__file__).resolve().parent / "fixtures" / "govman_cases"
FIXTURES = sorted(XML.glob("*.govman.xml"))
IOM = XML / "international-organization-for-migration.govman.xml"
AFDB = XML / "african-development-bank.govman.xml"
ADB = XML / "asian-development-bank.govman.xml"
MIGA = XML / "multilateral-investment-guarantee-agency.govman.xml"


def only(path: Path) -> Entry:
    (entry,) = read_govman(path)
    return entry


def texts(values: object) -> list[str]:
    return [v.text for v in values]  # type: ignore[attr-defined]


def assert_spans_exact(entry: Entry) -> int:
    """Every Value's span is its raw passage: unescaped and cleaned, it is the Value's text."""
    count = 0
    for value in values_of(entry):
        raw = entry.document.text[value.span.start : value.span.end]
        assert clean_text(html.unescape(raw)) == value.text, (value, raw)
        assert raw == raw.strip()
        assert value.span.xpath and value.span.xpath.startswith(("Entity[", "SubEntityLevel"))
        count += 1
    return count


# -- the four fixtures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "name", "entity_id"),
    [
        (IOM, "International Organization for Migration", "192"),
        (AFDB, "African Development Bank", "189"),
        (ADB, "Asian Development Bank", "196"),
        (MIGA, "Multilateral Investment Guarantee Agency", "305"),
    ],
)
def test_fixture_names_and_document(path: Path, name: str, entity_id: str) -> None:
    entry = only(path)
    assert entry.name.text == name
    assert entry.entity_id == entity_id
    assert entry.category is not None and entry.category.text == "International Organizations"
    document = entry.document
    assert document.kind is SourceKind.GOVMAN_XML
    assert document.media_type == "application/xml"
    assert document.text == path.read_text(encoding="utf-8")
    assert document.offset == 0 and document.issued is None
    assert entry.warnings == ()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_value_span_is_its_raw_passage(path: Path) -> None:
    assert assert_spans_exact(only(path)) > 50


def test_iom_offices() -> None:
    headquarters, washington, new_york = only(IOM).offices
    assert texts([headquarters.label, washington.label, new_york.label]) == [
        "Headquarters",
        "Washington Office",
        "New York Office",
    ]
    street, mailing = headquarters.addresses
    assert (street.kind, mailing.kind) == ("street", "mailing")
    assert street.street and street.street.text == "17 Route des Morillons"
    assert street.po_box and street.po_box.text == "C.P. 17"
    assert mailing.po_box and mailing.po_box.text == "P.O. Box 71"
    for address in (street, mailing):
        assert address.postal_code and address.postal_code.text == "1211"
        assert address.locality and address.locality.text == "Geneva 19"
        assert address.country and address.country.text == "Switzerland"
        assert address.country_code == "CH"
    (dc,) = washington.addresses
    assert dc.street and dc.street.text == "Suite 700, 1752 N Street NW."
    assert [dc.locality, dc.region, dc.postal_code] == [
        dc.locality and replace(dc.locality, text="Washington"),
        dc.region and replace(dc.region, text="DC"),
        dc.postal_code and replace(dc.postal_code, text="20036"),
    ]
    assert dc.country is None and dc.country_code == "US"
    assert [
        (p.printed.text, p.e164, p.kind)
        for o in (headquarters, washington, new_york)
        for p in o.phones
    ] == [
        ("011-41-22-717-9111", "+41227179111", "voice"),
        ("202-862-1826", "+12028621826", "voice"),
        ("212-681-7000", "+12126817000", "voice"),
    ]
    assert [texts(o.emails) for o in (headquarters, washington, new_york)] == [
        ["hq@iom.int"],
        ["IOMWashington@iom.int"],
        ["newyork@iom.int"],
    ]
    assert texts(headquarters.web_addresses) == ["http://www.iom.int"]
    assert (
        headquarters.span.xpath
        == 'Entity[@EntityId="192"]/Addresses/Address[@EntityAddressId="122"]'
    )
    assert headquarters.phones[0].printed.span.xpath == (
        'Entity[@EntityId="192"]/Addresses/Address[@EntityAddressId="122"]/Phone'
    )


def test_iom_leadership() -> None:
    (table,) = only(IOM).leadership
    rows = [
        (o.heading and o.heading.text, o.title and o.title.text, o.name and o.name.text)
        for o in table.officials
    ]
    assert rows == [
        (None, "DIRECTOR GENERAL", "António Vitorino"),
        ("DEPUTY DIRECTORS GENERAL", "Operations", "Ugochi F. Daniels"),
        ("DEPUTY DIRECTORS GENERAL", "Management and Reform", "Amy E. Pope"),
    ]
    assert table.updated and table.updated.text == "3–2022"
    assert table.header is None
    assert texts(table.web_addresses) == ["https://www.iom.int/office-director-general"]


def test_iom_sections() -> None:
    entry = only(IOM)
    assert len(entry.mission) == 1
    assert [(s.heading and s.heading.text, len(s.paragraphs)) for s in entry.description] == [
        ("ESTABLISHMENT AND ORGANIZATION", 4),
        ("ACTIVITIES", 3),
    ]
    assert texts(entry.description[0].paragraphs[0].web_addresses) == [
        "https://www.iom.int/iom-history"
    ]
    sources = entry.sources_of_information
    assert len(sources) == 22  # the 23rd record only says when the list was updated
    assert entry.sources_updated and entry.sources_updated.text == "3–2022"
    with_urls = [s for s in sources if any(p.web_addresses for p in s.paragraphs)]
    assert len(with_urls) == 22
    unheaded = [s for s in sources if s.heading is None]
    assert len(unheaded) == 4
    contact = next(s for s in sources if s.heading and s.heading.text == "Contact Information")
    assert texts(contact.paragraphs[0].emails) == ["hq@iom.int"]
    assert texts(contact.paragraphs[0].web_addresses) == ["https://www.iom.int/contact-us"]


@pytest.mark.parametrize(
    ("path", "offices", "officials", "description", "sources", "updated"),
    [
        (AFDB, 1, 1, 2, 19, "10–2020"),
        (ADB, 2, 1, 1, 12, None),
        (MIGA, 1, 2, 1, 15, None),
    ],
)
def test_other_fixture_counts(
    path: Path, offices: int, officials: int, description: int, sources: int, updated: str | None
) -> None:
    entry = only(path)
    assert len(entry.offices) == offices
    assert sum(len(t.officials) for t in entry.leadership) == officials
    assert len(entry.description) == description
    assert len(entry.sources_of_information) == sources
    assert (entry.sources_updated and entry.sources_updated.text) == updated


def test_afdb_and_adb_addresses() -> None:
    (abidjan,) = only(AFDB).offices[0].addresses
    assert [abidjan.street, abidjan.po_box, abidjan.locality, abidjan.country] == [
        abidjan.street and replace(abidjan.street, text="Avenue Jean-Paul II"),
        abidjan.po_box and replace(abidjan.po_box, text="01 BP 1387"),
        abidjan.locality and replace(abidjan.locality, text="Abidjan 01"),
        abidjan.country and replace(abidjan.country, text="Côte d'Ivoire"),
    ]
    assert abidjan.country_code == "CI"
    manila, washington = only(ADB).offices
    assert [(p.kind, p.e164) for p in manila.phones] == [
        ("voice", "+6326324444"),
        ("fax", "+6326362444"),
    ]
    assert manila.addresses[0].country_code == "PH"
    assert washington.label and washington.label.text == "ADB North American Representative Office"
    assert washington.addresses[0].region and washington.addresses[0].region.text == "DC"


# -- data-driven cases ------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(CASES.glob("*.xml")), ids=lambda p: p.stem)
def test_case(path: Path) -> None:
    entries = read_govman(path)
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert [summarize(e) for e in entries] == expected
    for entry in entries:
        assert_spans_exact(entry)


def test_escaped_and_multibyte_spans_point_at_the_raw_text() -> None:
    (entry,) = read_govman(CASES / "escapes-and-nesting.xml")
    raw = entry.document.text
    assert raw[entry.name.span.start : entry.name.span.end] == (
        "Smith &amp; Wesson Bureau — Côte d’Ivoire"
    )
    street = entry.offices[0].addresses[0].street
    assert street and raw[street.span.start : street.span.end] == "Rue de l&apos;Église 5"
    assert [s.entity_id for s in entry.sub_entities] == ["912", "911"]  # SortOrder
    assert entry.sub_entities[0].sub_entities[0].name.span.xpath == (
        'Entity[@EntityId="910"]/Childrens/SubEntityLevelOne[@EntityId="912"]'
        '/Childrens/SubEntityLevelTwo[@EntityId="913"]/AgencyName'
    )


# -- whole editions ---------------------------------------------------------------------------


def edition(tmp_path: Path) -> tuple[Path, list[str]]:
    """An edition assembled from the fixtures; MIGA nested under a World Bank parent."""
    fragments = [p.read_text(encoding="utf-8") for p in (AFDB, ADB, IOM)]
    world_bank = (
        '    <Entity EntityId="198" ParentId="0" SortOrder="99">\n'
        "        <AgencyName>World Bank</AgencyName>\n"
        "        <Childrens>\n" + MIGA.read_text(encoding="utf-8") + "        </Childrens>\n"
        "    </Entity>\n"
    )
    fragments.append(world_bank)
    text = '<?xml version="1.0"?>\n<GovernmentManual>\n' + "".join(fragments)
    path = tmp_path / "GOVMAN-2025-12-31.xml"
    path.write_text(text + "</GovernmentManual>\n", encoding="utf-8")
    return path, fragments


def test_streamed_edition_gives_the_fragments_entries(tmp_path: Path) -> None:
    path, fragments = edition(tmp_path)
    whole = path.read_text(encoding="utf-8")
    entries = list(iter_govman(path))
    assert [e.name.text for e in entries] == [
        "African Development Bank",
        "Asian Development Bank",
        "International Organization for Migration",
        "World Bank",
    ]
    for entry, fragment in zip(entries, fragments, strict=True):
        assert entry.document.text == fragment
        assert whole[entry.document.offset :].startswith(fragment)
        assert entry.document.issued == "2025-12-31"
        assert_spans_exact(entry)
    for entry, fixture in zip(entries[:3], (AFDB, ADB, IOM), strict=True):
        alone = only(fixture)
        assert replace(entry, document=alone.document) == alone
    (miga,) = entries[3].sub_entities
    assert miga.name.span.xpath == (
        'Entity[@EntityId="198"]/Childrens/SubEntityLevelOne[@EntityId="305"]/AgencyName'
    )
    assert summarize(miga) == summarize(only(MIGA)) | {"warnings": []}


def test_edition_text_parses_in_one_document(tmp_path: Path) -> None:
    path, _ = edition(tmp_path)
    text = path.read_text(encoding="utf-8")
    entries = parse_govman(text, path=str(path))
    assert len(entries) == 4
    assert all(e.document is entries[0].document and e.document.text == text for e in entries)
    assert entries[0].document.issued == "2025-12-31"
    for entry in entries:
        assert_spans_exact(entry)


def test_multi_entity_fragment() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in (IOM, AFDB))
    iom, afdb = parse_govman(text)
    assert (iom.entity_id, afdb.entity_id) == ("192", "189")
    assert afdb.document.text == text
    assert_spans_exact(afdb)


# -- bad input --------------------------------------------------------------------------------


def test_malformed_xml_reports_line_and_column() -> None:
    text = (
        '<Entity EntityId="1">\n'
        "    <AgencyName>Café</AgencyName>\n"
        "    <Category>Élan</Categry>\n"
        "</Entity>\n"
    )
    with pytest.raises(SourceError) as caught:
        parse_govman(text, path="broken.xml")
    # expat points at the end tag's name; the column counts characters (É is two bytes)
    assert (caught.value.line, caught.value.column) == (3, 21)
    assert "mismatched tag" in str(caught.value)
    assert str(caught.value).startswith("broken.xml:3:21:")


def test_malformed_file_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<GovernmentManual>\n  <Entity>\n  <AgencyName>x &bogus;</AgencyName>", "utf-8")
    with pytest.raises(SourceError) as caught:
        list(iter_govman(path))
    assert (caught.value.line, caught.value.column) == (3, 17)


def test_truncated_input_is_an_error() -> None:
    with pytest.raises(SourceError) as caught:
        parse_govman(IOM.read_text(encoding="utf-8")[:5000])
    assert caught.value.line > 1


def test_unknown_element_is_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    text = (
        '<Entity EntityId="5"><AgencyName>Agency</AgencyName>'
        "<Novelty>something new</Novelty></Entity>"
    )
    with caplog.at_level(logging.WARNING, logger="iomgraph.govman"):
        (entry,) = parse_govman(text)
    assert entry.warnings == ('Entity[@EntityId="5"]/Novelty: unknown element <Novelty> not read',)
    assert "Novelty" in caplog.text


def test_entity_without_agency_name_is_an_error() -> None:
    text = '<Entity EntityId="77">\n  <AgencyName/>\n</Entity>'
    with pytest.raises(SourceError, match="entity 77 has no AgencyName") as caught:
        parse_govman(text)
    assert (caught.value.line, caught.value.column) == (1, 1)


def test_no_element_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no XML element"):
        parse_govman("   ")
    empty = tmp_path / "empty.xml"
    empty.write_text("", "utf-8")
    with pytest.raises(SourceError, match="empty"):
        read_govman(empty)
