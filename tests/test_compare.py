"""Comparing two readings of one entry: the website text and the GOVMAN XML of the IOM."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from iomgraph.compare import Comparison, compare_entries
from iomgraph.errors import MergeError
from iomgraph.govman import read_govman
from iomgraph.model import Entry, Value

ROOT = Path(__file__).resolve().parents[1]
XML = ROOT / "tests" / "fixtures" / "xml"
IOM_XML = XML / "international-organization-for-migration.govman.xml"
IOM_TEXT = ROOT / "data" / "source" / "iom.txt"


def xml_entry(path: Path = IOM_XML) -> Entry:
    (entry,) = read_govman(path)
    return entry


def facts(comparison: Comparison, side: str, field: str, topic: str = "") -> list[str]:
    return [f.text for f in comparison.only(side, field) if f.topic.startswith(topic)]


def test_an_entry_agrees_with_itself() -> None:
    entry = xml_entry()
    comparison = compare_entries(entry, entry)
    assert comparison.only_a == comparison.only_b == comparison.differences == ()
    assert len(comparison.both) > 100
    assert all(f.a is not None and f.b is not None for f in comparison.both)


def test_different_organizations_are_refused() -> None:
    with pytest.raises(MergeError, match="African Development Bank"):
        compare_entries(xml_entry(), xml_entry(XML / "african-development-bank.govman.xml"))


def test_names_are_compared_after_normalisation() -> None:
    entry = xml_entry()
    renamed = replace(
        entry, name=Value("The International  Organization for Migration", entry.name.span)
    )
    assert compare_entries(entry, renamed).differences == ()


def test_what_one_side_lost_and_where_they_disagree() -> None:
    full = xml_entry()
    (table,) = full.leadership
    headquarters = full.offices[0]
    (street, mailing) = headquarters.addresses
    assert street.locality is not None
    moved = replace(street, locality=Value("Genève", street.locality.span))
    reduced = replace(
        full,
        offices=(replace(headquarters, emails=(), addresses=(moved, mailing)), *full.offices[1:]),
        leadership=(replace(table, officials=table.officials[1:], updated=None),),
        sources_updated=None,
    )
    comparison = compare_entries(reduced, full, a_name="reduced", b_name="full")
    assert comparison.only_a == ()
    assert facts(comparison, "b", "email") == ["hq@iom.int"]
    assert facts(comparison, "b", "title") == ["DIRECTOR GENERAL"]
    assert facts(comparison, "b", "updated") == ["3–2022", "3–2022"]
    (difference,) = comparison.differences
    assert (difference.topic, difference.field) == (
        "office 'Headquarters' street address",
        "locality",
    )
    assert isinstance(difference.a, Value) and difference.a.text == "Genève"
    report = comparison.render_text()
    assert "Only in full:" in report
    assert "office 'Headquarters' · email: hq@iom.int" in report
    assert "a: Genève" in report and "b: Geneva 19" in report


def test_paragraphs_match_on_normalised_text() -> None:
    full = xml_entry()
    (paragraph,) = full.mission
    curly = replace(
        paragraph, text=Value(paragraph.text.text.replace("-", "–") + "  ", paragraph.text.span)
    )
    comparison = compare_entries(replace(full, mission=(curly,)), full)
    assert comparison.only_a == comparison.only_b == comparison.differences == ()


# -- the IOM's website text against its XML (needs the text reader, iomgraph.source) -----------


def text_entry() -> Entry:
    from iomgraph.source import parse_entry  # the website-text reader (issue 5, part 2)

    return parse_entry(IOM_TEXT.read_text(encoding="utf-8"))


def test_iom_text_against_xml() -> None:
    comparison = compare_entries(text_entry(), xml_entry(), a_name="text", b_name="xml")
    report = comparison.render_text()
    # The website states nothing the XML does not, and they never contradict each other.
    assert comparison.only_a == (), report
    assert comparison.differences == (), report
    # The Director General row and the group heading over the deputies only in XML.
    assert facts(comparison, "b", "title", "official") == ["DIRECTOR GENERAL"]
    assert facts(comparison, "b", "heading", "official") == ["DEPUTY DIRECTORS GENERAL"] * 2
    # The three offices' emails, and the Washington and New York phones.
    assert facts(comparison, "b", "email", "office") == [
        "hq@iom.int",
        "IOMWashington@iom.int",
        "newyork@iom.int",
    ]
    assert facts(comparison, "b", "phone", "office") == ["202-862-1826", "212-681-7000"]
    # Every source of information's URL.
    assert len(facts(comparison, "b", "web address", "source of information")) == 22
    # The section headings the website lost.
    assert sorted(facts(comparison, "b", "heading", "source of information headings")) == [
        "Blog",
        "Countries",
        "Evaluation",
        "Glossary",
        "History",
        "Publications",
    ]
    assert facts(comparison, "b", "heading", "description headings") == [
        "ESTABLISHMENT AND ORGANIZATION",
        "ACTIVITIES",
    ]
    # The dates the lists were updated.
    assert facts(comparison, "b", "updated") == ["3–2022", "3–2022"]
    # Every paragraph is in both.
    assert not facts(comparison, "b", "text")
