"""The website-text reader (``iomgraph.source``): real entries, edge cases by glob, errors."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from iomgraph.errors import SourceError
from iomgraph.model import Entry, Office, SourceKind, Value
from iomgraph.passages import clean_text
from iomgraph.source import parse_entry, read_entry

ROOT = Path(__file__).resolve().parent.parent
IOM_TEXT = ROOT / "data" / "source" / "iom.txt"
TEXTS = Path(__file__).parent / "fixtures" / "text"
CASES = Path(__file__).parent / "fixtures" / "source_cases"
CASE_FILES = sorted(CASES.glob("*.txt"))
REAL_FILES = [IOM_TEXT, *sorted(TEXTS.glob("*.txt"))]


def read(name: str) -> Entry:
    return read_entry(IOM_TEXT if name == "iom" else TEXTS / f"{name}.txt")


# -- what an entry says, as plain data (compared with the cases' expected JSON) ---------------


def _text(value: Value | None) -> str | None:
    return None if value is None else value.text


def _office(office: Office) -> dict[str, Any]:
    parts = ("street", "po_box", "locality", "region", "postal_code", "country")
    return {
        "label": _text(office.label),
        "addresses": [
            {
                "kind": a.kind,
                **{p: _text(getattr(a, p)) for p in parts},
                "country_code": a.country_code,
            }
            for a in office.addresses
        ],
        "phones": [[p.printed.text, p.e164, p.kind] for p in office.phones],
        "emails": [e.text for e in office.emails],
        "email_label_without_address": office.email_label_without_address,
        "web_addresses": [w.text for w in office.web_addresses],
    }


def summarize(entry: Entry) -> dict[str, Any]:
    def sections(found: tuple[Any, ...]) -> list[Any]:
        return [
            [_text(s.heading), [p.text.text for p in s.paragraphs], sections(s.subsections)]
            for s in found
        ]

    return {
        "name": entry.name.text,
        "offices": [_office(o) for o in entry.offices],
        "tables": [
            {
                "header": _text(t.header),
                "updated": _text(t.updated),
                "web_addresses": [w.text for w in t.web_addresses],
                "officials": [
                    [_text(o.heading), _text(o.title), _text(o.name), o.acting, o.vacant]
                    + ([[w.text for w in o.web_addresses]] if o.web_addresses else [])
                    for o in t.officials
                ],
            }
            for t in entry.leadership
        ],
        "mission": [p.text.text for p in entry.mission],
        "description": sections(entry.description),
        "sources_of_information": sections(entry.sources_of_information),
        "paragraph_extras": [
            [p.text.text[:40], [w.text for w in p.web_addresses], p.email_label_without_address]
            for p in entry.all_paragraphs()
            if p.web_addresses or p.email_label_without_address or p.emails
        ],
        "truncated": None
        if entry.truncated is None
        else entry.document.text[entry.truncated.start : entry.truncated.end],
        "warnings": list(entry.warnings),
    }


# -- every value keeps its exact passage ------------------------------------------------------


def iter_values(thing: object) -> Iterator[Value]:
    """Every Value held anywhere in ``thing`` (dataclasses and tuples, recursively)."""
    if isinstance(thing, Value):
        yield thing
    elif isinstance(thing, tuple):
        for item in thing:
            yield from iter_values(item)
    elif dataclasses.is_dataclass(thing) and not isinstance(thing, type):
        for f in dataclasses.fields(thing):
            if f.name != "document":
                yield from iter_values(getattr(thing, f.name))


def _readable_cases() -> list[Path]:
    return [p for p in CASE_FILES if not p.name.startswith("error-")]


@pytest.mark.parametrize("path", REAL_FILES + _readable_cases(), ids=lambda p: p.name)
def test_every_value_spans_its_exact_passage(path: Path) -> None:
    entry = read_entry(path)
    text = entry.document.text
    values = list(iter_values(entry))
    assert len(values) > 5
    for value in values:
        raw = text[value.span.start : value.span.end]
        assert value.text, value
        assert raw == raw.strip(" \t\r\n\u00a0"), (value, raw)
        assert clean_text(raw) == value.text, (value, raw)
    assert entry.document.kind is SourceKind.WEBSITE_TEXT
    assert entry.document.media_type == "text/plain"
    assert entry.document.text == path.read_text(encoding="utf-8")


# -- data-driven edge cases: one .txt and its expected .json --------------------------------


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    if "error" in expected:
        with pytest.raises(SourceError) as caught:
            read_entry(path)
        error = caught.value
        assert (error.line, error.column) == (
            expected["error"]["line"],
            expected["error"]["column"],
        )
        assert expected["error"]["contains"] in error.reason
        assert error.path == str(path)
        return
    found = summarize(read_entry(path))
    for key in expected.keys() - {"warnings_contain"}:
        assert found[key] == expected[key], key
    for part in expected.get("warnings_contain", []):
        assert any(part in warning for warning in found["warnings"]), (part, found["warnings"])


def test_every_case_has_its_expectation() -> None:
    assert CASE_FILES
    assert [p for p in CASE_FILES if not p.with_suffix(".json").is_file()] == []


# -- the IOM entry -----------------------------------------------------------------------------


def test_iom_offices() -> None:
    entry = read("iom")
    assert entry.name.text == "International Organization for Migration"
    headquarters, washington, new_york = entry.offices
    assert _text(headquarters.label) == "Headquarters"
    street, mailing = headquarters.addresses
    assert (street.kind, _text(street.street), _text(street.po_box)) == (
        "street",
        "17 Route des Morillons",
        "C.P. 17",
    )
    assert (_text(street.locality), _text(street.postal_code), street.country_code) == (
        "Geneva 19",
        "1211",
        "CH",
    )
    assert _text(street.country) == "Switzerland"
    assert (mailing.kind, _text(mailing.street), _text(mailing.po_box)) == (
        "mailing",
        None,
        "P.O. Box 71",
    )
    assert (_text(mailing.locality), _text(mailing.postal_code), mailing.country_code) == (
        "Geneva 19",
        "1211",
        "CH",
    )
    (phone,) = headquarters.phones
    assert (phone.printed.text, phone.e164, phone.kind) == (
        "011-41-22-717-9111",
        "+41227179111",
        "voice",
    )
    # "| Email:" with nothing after it: the flag, never an invented address.
    assert headquarters.email_label_without_address and headquarters.emails == ()

    assert _text(washington.label) == "Washington Office"
    (address,) = washington.addresses
    assert _text(address.street) == "Suite 700, 1752 N Street NW."
    assert (_text(address.locality), _text(address.region), _text(address.postal_code)) == (
        "Washington",
        "DC",
        "20036",
    )
    assert address.country_code == "US" and address.country is None
    assert washington.phones == () and not washington.email_label_without_address

    (address,) = new_york.addresses
    assert _text(address.street) == "122 E. 42d Street, 48th Floor"
    assert (_text(address.locality), _text(address.region), _text(address.postal_code)) == (
        "New York",
        "NY",
        "10168",
    )


def test_iom_leadership_keeps_nbsp_in_source_only() -> None:
    entry = read("iom")
    (table,) = entry.leadership
    assert [(_text(o.title), _text(o.name)) for o in table.officials] == [
        ("Operations", "Ugochi F. Daniels"),
        ("Management and Reform", "Amy E. Pope"),
    ]
    name = table.officials[0].name
    assert name is not None
    assert entry.document.text[name.span.start : name.span.end] == "Ugochi F.\u00a0Daniels"


def test_iom_prose() -> None:
    entry = read("iom")
    (mission,) = entry.mission
    assert mission.text.text.startswith("The International Organization for Migration analyzes")
    # The website dropped ESTABLISHMENT AND ORGANIZATION and ACTIVITIES: two unheaded sections.
    assert [(s.heading, len(s.paragraphs)) for s in entry.description] == [(None, 4), (None, 3)]
    headings = [_text(s.heading) for s in entry.sources_of_information]
    # Blog, Countries, Evaluation, Glossary, History and Publications lost their headings.
    assert headings == [
        None,
        "Business Opportunities",
        "Career Opportunities",
        "Climate Change",
        "Contact Information",
        None,
        "Data / Research",
        "Español / Français",
        None,
        None,
        None,
        "Internal Audit Reports",
        "Press Room",
        None,
        "Regional Offices",
        "Site Map",
        "Social Media",
        "United Nations",
    ]
    contact = entry.sources_of_information[4]
    assert [p.email_label_without_address for p in contact.paragraphs] == [True, True]
    assert contact.paragraphs[0].text.text.endswith("available online.")
    assert all("Email:" not in p.text.text for p in entry.all_paragraphs())
    last = entry.sources_of_information[-1].paragraphs[-1]
    assert last.email_label_without_address and last.emails == ()
    # It ends with "| Email:" and no line break: complete, not truncated.
    assert entry.truncated is None
    assert entry.warnings == ()


# -- the other entries (each cut off after ~2,000 characters) ---------------------------------


def officials(entry: Entry) -> list[tuple[str | None, str | None]]:
    return [(_text(o.title), _text(o.name)) for t in entry.leadership for o in t.officials]


def test_african_development_bank() -> None:
    entry = read("african-development-bank")
    assert entry.name.text == "African Development Bank"
    (office,) = entry.offices
    (address,) = office.addresses
    assert (_text(address.street), _text(address.po_box), _text(address.locality)) == (
        "Avenue Jean-Paul II",
        "01 BP 1387",
        "Abidjan 01",
    )
    assert (_text(address.country), address.country_code) == ("Côte d'Ivoire", "CI")
    assert [(p.printed.text, p.e164) for p in office.phones] == [
        ("+225 20 26 10 20", "+22520261020")
    ]
    assert office.email_label_without_address and office.emails == ()
    assert officials(entry) == [("PRESIDENT", "Akinwumi A. Adesina")]
    assert _text(entry.leadership[0].updated) == "10–2020"  # printed twice, read once
    assert entry.truncated is not None
    assert entry.document.text[: entry.truncated.end].endswith("programs that are li")
    assert any("cut" in warning for warning in entry.warnings)


def test_international_monetary_fund() -> None:
    entry = read("international-monetary-fund")
    (office,) = entry.offices
    (address,) = office.addresses
    assert (_text(address.street), _text(address.postal_code)) == (
        "700 Nineteenth Street NW.",
        "20431",
    )
    # The second bare number is the XML's Phone2 or Fax: the text cannot tell, kept as voice.
    assert [(p.printed.text, p.e164, p.kind) for p in office.phones] == [
        ("202-623-7000", "+12026237000", "voice"),
        ("202-623-4661", "+12026234661", "voice"),
    ]
    assert any("202-623-4661" in warning for warning in entry.warnings)
    assert [w.text for w in office.web_addresses] == ["http://www.imf.org"]
    assert officials(entry) == [
        ("MANAGING DIRECTOR / CHAIR OF THE EXECUTIVE BOARD", "Kristalina Georgieva"),
        ("FIRST DEPUTY MANAGING DIRECTOR", "Gita Gopinath"),
        (None, "Bo Li"),
        (None, "Kenji Okamura"),
        (None, "Antoinette M. Sayeh"),
    ]
    first, deputies = entry.leadership
    assert [w.text for w in first.officials[0].web_addresses] == [
        "https://www.imf.org/en/About/senior-officials/Bios/kristalina-georgieva"
    ]
    assert _text(deputies.header) == "Deputy Managing Directors"
    (section,) = entry.description
    assert _text(section.heading) == "ESTABLISHMENT AND ORGANIZATION"
    assert [w.text for w in section.paragraphs[0].web_addresses] == [
        "https://www.govinfo.gov/content/pkg/USCODE-2017-title22/html/"
        "USCODE-2017-title22-chap7-subchapXV-sec286.htm"
    ]
    assert entry.truncated is not None


def test_legal_services_corporation_2017() -> None:
    entry = read("legal-services-corporation-2017")
    (office,) = entry.offices
    assert [p.e164 for p in office.phones] == ["+12022951500", "+12023376797"]
    (table,) = entry.leadership
    rows = [(_text(o.heading), _text(o.title), _text(o.name), o.acting) for o in table.officials]
    assert rows == [
        (None, "PRESIDENT", "James J. Sandman", False),
        (None, "Chief of Staff", "Rebecca Fertig Cohen", False),
        ("VICE PRESIDENTS", "Government Relations and Public Affairs", "Carol A. Bergman", False),
        ("VICE PRESIDENTS", "Grants Management", "Lynn A. Jennings", False),
        (
            "VICE PRESIDENTS",
            "Legal Affairs / General Counsel / Corporate Secretary",
            "Ronald S. Flagg",
            False,
        ),
        (None, "Chief Information Officer", "Rebecca Fertig Cohen", True),
        ("DIRECTORS", "Office of Compliance and Enforcement", "Lora Rath", False),
        ("DIRECTORS", "Office of Data Governance and Analysis", "Carlos A. Manjarrez", False),
        ("DIRECTORS", "Office of Human Resources", "Traci Higgins", False),
        ("DIRECTORS", "Office of Institutional Advancement", "Nadia Elguindy", False),
        ("DIRECTORS", "Office of Program Performance", "Edward Caspar", False),
        (None, "Treasurer / Comptroller", "David L. Richardson", False),
        (None, "Inspector General", "Jeffrey E. Schanz", False),
    ]
    assert _text(table.updated) == "09–2017"
    assert [w.text for w in table.officials[-1].web_addresses] == [
        "https://www.oig.lsc.gov/about-oig/meet-the-ig"
    ]


def test_legal_services_corporation_pipes() -> None:
    entry = read("legal-services-corporation-pipes")
    # The page prints the site title, not the agency name: read from the mission statement.
    assert entry.name.text == "Legal Services Corporation"
    assert any("site title" in warning for warning in entry.warnings)
    assert [_text(t.header) for t in entry.leadership] == [
        "BOARD OF DIRECTORS",
        "LEADERSHIP",
        "Chief Officers",
        "Office Directors",
    ]
    board, leadership, chiefs, directors = entry.leadership
    assert officials(entry)[:4] == [
        ("CHAIR", "John G. Levi"),
        ("Vice-Chair", "Fr. Pius Pietrzyk, O.P."),
        (None, "Robert J. Grey, Jr."),
        (None, "Matthew Keenan"),
    ]
    assert (None, "Gloria Valencia-Weber") in officials(entry)
    assert len(board.officials) == 11
    assert [_text(o.heading) for o in leadership.officials] == [None, None] + [
        "VICE PRESIDENTS"
    ] * 6
    vacant = chiefs.officials[0]
    assert (_text(vacant.title), vacant.name, vacant.vacant) == (
        "Data",
        None,
        True,
    )
    assert (_text(directors.officials[4].title), _text(directors.officials[4].name)) == (
        "Program Performance",
        "Joyce McGee",
    )
    # A URL glued to the next paragraph goes with the paragraph before it.
    first, second = entry.description[0].paragraphs
    assert [w.text for w in first.web_addresses] == [
        "https://www.govinfo.gov/content/pkg/STATUTE-88/pdf/STATUTE-88-Pg378.pdf"
    ]
    assert second.text.text.startswith("The President appoints")


def test_federal_maritime_commission() -> None:
    entry = read("federal-maritime-commission")
    (office,) = entry.offices
    (address,) = office.addresses
    assert (_text(address.street), _text(address.postal_code), address.country_code) == (
        "800 North Capitol Street NW.",
        "20573",
        "US",
    )
    assert [_text(t.header) for t in entry.leadership] == [
        "The Commission",
        "Bureaus and Offices",
        "Office of Inspector General",
    ]
    assert officials(entry) == [
        ("CHAIR", "Michael A. Khouri"),
        (None, "Rebecca F. Dye"),
        (None, "Daniel B. Maffei"),
        (None, "Louis E. Sola"),
        ("Certification and Licensing", "Sandra L. Kusumoto"),
        ("Enforcement", "Benjamin K. Trogdon"),
        ("Trade Analysis", "Florence A. Carr"),
        ("Consumer Affairs and Dispute Resolution Services", "Rebecca A. Fenneman"),
        ("Chief Administrative Law Judge", "Erin M. Wirth"),
        ("Equal Employment Opportunity Director", "Ebony Jarrett"),
        ("General Counsel", "Tyler J. Wood"),
        ("Secretary", "Rachel E. Dickon"),
        ("Inspector General", "Jonathan Hatfield"),
    ]
    assert entry.truncated is not None
    assert entry.document.text[entry.truncated.start : entry.truncated.end].endswith("or less. A")


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ("", 1, 1, "empty input"),
        ("Getting Started\n\nAgency\x00\n", 3, 7, "U+0000"),
        ("Getting Started\n", 2, 1, "only page chrome"),
        (
            "Getting Started\n\nA sentence stands where the agency name should be printed.\n",
            3,
            1,
            "agency name",
        ),
    ],
)
def test_parse_errors_name_line_and_column(text: str, line: int, column: int, reason: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_entry(text, path="entry.txt")
    assert (caught.value.line, caught.value.column) == (line, column)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"entry.txt:{line}:{column}: ")


def test_read_entry_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        read_entry(tmp_path / "missing.txt")


def test_parse_entry_key_and_path() -> None:
    entry = parse_entry(IOM_TEXT.read_text(encoding="utf-8"), path="iom.txt", key="website")
    assert (entry.document.key, entry.document.path) == ("website", "iom.txt")


def test_contact_line_with_an_email_address() -> None:
    entry = parse_entry(
        "Getting Started\n\nSome Agency\n\n3333 K Street NW., Washington, DC 20007\n\n"
        "202-295-1500 | Email: info@example.gov\n\nThe Some Agency does things for the people "
        "of the Nation every day.\n"
    )
    (office,) = entry.offices
    assert [e.text for e in office.emails] == ["info@example.gov"]
    assert not office.email_label_without_address
    assert [p.e164 for p in office.phones] == ["+12022951500"]
    assert entry.truncated is None and entry.warnings == ()
