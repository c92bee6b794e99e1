"""Address lines and phone numbers as the Manual prints them (shared by both readers)."""

from __future__ import annotations

import doctest

import pytest

from iomgraph import addresses
from iomgraph.addresses import country_code, parse_address_line, phone_to_e164
from iomgraph.model import PostalAddress

PARTS = ("street", "po_box", "locality", "region", "postal_code", "country")


def parts(address: PostalAddress) -> dict[str, str]:
    found = {name: getattr(address, name).text for name in PARTS if getattr(address, name)}
    found["kind"] = address.kind
    if address.country_code:
        found["country_code"] = address.country_code
    return found


def test_doctests_run() -> None:
    assert doctest.testmod(addresses).failed == 0


@pytest.mark.parametrize(
    ("line", "label", "expected"),
    [
        (
            "Headquarters: 17 Route des Morillons, C.P. 17, CH–1211 Geneva 19, Switzerland. "
            "Mailing address, P.O. Box 71, CH–1211, Geneva 19, Switzerland",
            "Headquarters",
            [
                {
                    "kind": "street",
                    "street": "17 Route des Morillons",
                    "po_box": "C.P. 17",
                    "postal_code": "1211",
                    "locality": "Geneva 19",
                    "country": "Switzerland",
                    "country_code": "CH",
                },
                {
                    "kind": "mailing",
                    "po_box": "P.O. Box 71",
                    "postal_code": "1211",
                    "locality": "Geneva 19",
                    "country": "Switzerland",
                    "country_code": "CH",
                },
            ],
        ),
        (
            "Washington Office: Suite 700, 1752 N Street NW., Washington, DC 20036",
            "Washington Office",
            [
                {
                    "kind": "street",
                    "street": "Suite 700, 1752 N Street NW.",
                    "locality": "Washington",
                    "region": "DC",
                    "postal_code": "20036",
                    "country_code": "US",
                }
            ],
        ),
        (
            "New York Office: 122 E. 42d Street, 48th Floor, New York, NY 10168",
            "New York Office",
            [
                {
                    "kind": "street",
                    "street": "122 E. 42d Street, 48th Floor",
                    "locality": "New York",
                    "region": "NY",
                    "postal_code": "10168",
                    "country_code": "US",
                }
            ],
        ),
        (
            "ADB North American Representative Office: 900 17th Street NW., Suite 900, "
            "Washington DC 20006",
            "ADB North American Representative Office",
            [
                {
                    "kind": "street",
                    "street": "900 17th Street NW., Suite 900",
                    "locality": "Washington",
                    "region": "DC",
                    "postal_code": "20006",
                    "country_code": "US",
                }
            ],
        ),
        (
            "Avenue Jean-Paul II, 01 BP 1387, Abidjan 01, Côte d'Ivoire",
            None,
            [
                {
                    "kind": "street",
                    "street": "Avenue Jean-Paul II",
                    "po_box": "01 BP 1387",
                    "locality": "Abidjan 01",
                    "country": "Côte d'Ivoire",
                    "country_code": "CI",
                }
            ],
        ),
        (
            "Headquarters: 6 ADB Avenue, Mandaluyong City, 1550 Metro Manila, Philippines",
            "Headquarters",
            [
                {
                    "kind": "street",
                    "street": "6 ADB Avenue",
                    "locality": "Mandaluyong City",
                    "region": "Metro Manila",
                    "postal_code": "1550",
                    "country": "Philippines",
                    "country_code": "PH",
                }
            ],
        ),
        (
            "Mailing address: P.O. Box 1234, Washington, DC 20013-1234",
            None,
            [
                {
                    "kind": "mailing",
                    "po_box": "P.O. Box 1234",
                    "locality": "Washington",
                    "region": "DC",
                    "postal_code": "20013-1234",
                    "country_code": "US",
                }
            ],
        ),
        ("ONE HUNDRED AND NINETEENTH CONGRESS", None, []),
    ],
)
def test_parse_address_line(line: str, label: str | None, expected: list[dict[str, str]]) -> None:
    found_label, found = parse_address_line(line)
    assert (found_label.text if found_label else None) == label
    assert [parts(a) for a in found] == expected


def test_spans_are_offsets_into_the_document() -> None:
    document = "Intro\n\nHeadquarters:  17 Route des Morillons, CH–1211 Geneva 19, Switzerland\n"
    start = document.index("Headquarters")
    line = document[start:].rstrip("\n")
    label, (address,) = parse_address_line(line, start, xpath="X/Address")
    assert label is not None
    for value in (label, address.street, address.postal_code, address.locality, address.country):
        assert value is not None
        assert document[value.span.start : value.span.end] == value.text
        assert value.span.xpath == "X/Address"
    assert document[address.span.start : address.span.end] == (
        "17 Route des Morillons, CH–1211 Geneva 19, Switzerland"
    )


@pytest.mark.parametrize(
    ("printed", "e164"),
    [
        ("011-41-22-717-9111", "+41227179111"),
        ("202-862-1826", "+12028621826"),
        ("212-681-7000", "+12126817000"),
        ("(202) 728-1500", "+12027281500"),
        ("202 728 1505", "+12027281505"),
        ("1-800-555-0100", "+18005550100"),
        ("+225 20 26 10 20", "+22520261020"),
        ("+632 632-4444", "+6326324444"),
        ("202-862-1826 ext. 4", "+12028621826"),
        ("862-1826", None),
        ("1-800-FLY-SAFE", None),
        ("", None),
        ("011-0-123", None),
    ],
)
def test_phone_to_e164(printed: str, e164: str | None) -> None:
    assert phone_to_e164(printed) == e164


@pytest.mark.parametrize(
    ("name", "code"),
    [("Switzerland", "CH"), ("Côte d’Ivoire", "CI"), ("Philippines.", "PH"), ("Narnia", None)],
)
def test_country_code(name: str, code: str | None) -> None:
    assert country_code(name) == code
