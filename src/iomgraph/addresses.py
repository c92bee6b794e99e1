"""Reading the Manual's address lines and phone numbers (pure functions, shared by the readers).

The Manual prints an office as one line: an optional label, then comma-separated parts from
the street to the country, sometimes followed by a second address after a sentence break::

    Headquarters: 17 Route des Morillons, C.P. 17, CH–1211 Geneva 19, Switzerland. Mailing
    address, P.O. Box 71, CH–1211, Geneva 19, Switzerland

:func:`parse_address_line` splits such a line into :class:`~iomgraph.model.PostalAddress`
parts, each a :class:`~iomgraph.model.Value` whose span indexes the text it was given (plus
``start``), so both the website-text reader and the XML reader can pin every part to its
source. :func:`phone_to_e164` reads a printed phone number as an E.164 number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from iomgraph.model import PostalAddress, Span, Value
from iomgraph.passages import clean_text

__all__ = ["country_code", "map_address_parts", "parse_address_line", "phone_to_e164"]

# Country names as the Manual prints them → ISO 3166-1 alpha-2. Lower-cased, apostrophes
# folded to ASCII. Not exhaustive: an unknown last part is read as a locality, never dropped.
_COUNTRIES: dict[str, str] = {
    "argentina": "AR",
    "australia": "AU",
    "austria": "AT",
    "bangladesh": "BD",
    "barbados": "BB",
    "belgium": "BE",
    "bolivia": "BO",
    "brazil": "BR",
    "canada": "CA",
    "chile": "CL",
    "china": "CN",
    "people's republic of china": "CN",
    "colombia": "CO",
    "costa rica": "CR",
    "côte d'ivoire": "CI",
    "cote d'ivoire": "CI",
    "ivory coast": "CI",
    "czech republic": "CZ",
    "denmark": "DK",
    "dominican republic": "DO",
    "ecuador": "EC",
    "egypt": "EG",
    "el salvador": "SV",
    "england": "GB",
    "ethiopia": "ET",
    "finland": "FI",
    "france": "FR",
    "germany": "DE",
    "ghana": "GH",
    "greece": "GR",
    "guatemala": "GT",
    "guyana": "GY",
    "honduras": "HN",
    "hungary": "HU",
    "india": "IN",
    "indonesia": "ID",
    "ireland": "IE",
    "israel": "IL",
    "italy": "IT",
    "jamaica": "JM",
    "japan": "JP",
    "jordan": "JO",
    "kenya": "KE",
    "korea": "KR",
    "republic of korea": "KR",
    "south korea": "KR",
    "kuwait": "KW",
    "lebanon": "LB",
    "luxembourg": "LU",
    "mexico": "MX",
    "monaco": "MC",
    "morocco": "MA",
    "netherlands": "NL",
    "the netherlands": "NL",
    "new zealand": "NZ",
    "nicaragua": "NI",
    "nigeria": "NG",
    "norway": "NO",
    "pakistan": "PK",
    "panama": "PA",
    "paraguay": "PY",
    "peru": "PE",
    "philippines": "PH",
    "the philippines": "PH",
    "poland": "PL",
    "portugal": "PT",
    "qatar": "QA",
    "russia": "RU",
    "russian federation": "RU",
    "saudi arabia": "SA",
    "senegal": "SN",
    "singapore": "SG",
    "south africa": "ZA",
    "spain": "ES",
    "sweden": "SE",
    "switzerland": "CH",
    "thailand": "TH",
    "trinidad and tobago": "TT",
    "trinidad": "TT",
    "tunisia": "TN",
    "turkey": "TR",
    "türkiye": "TR",
    "united arab emirates": "AE",
    "united kingdom": "GB",
    "uk": "GB",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "u.s.a.": "US",
    "uruguay": "UY",
    "venezuela": "VE",
}

_US_STATES = frozenset(
    re.findall(
        r"[A-Z]{2}",
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
        "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI",
    )
)

# "Washington, DC 20036", "Washington DC 20006", "DC 20036-1234" (the place may be absent).
_US_TAIL = re.compile(
    r"^(?:(?P<place>.*?\S),?\s+)?(?P<region>[A-Z]{2})\.?\s+(?P<code>\d{5}(?:-\d{4})?)$"
)
# "CH–1211 Geneva 19", "1550 Metro Manila", "F-75016 Paris": a postal code, then the place.
_CODE_FIRST = re.compile(r"^(?:(?P<prefix>[A-Z]{1,3})\s?[-–])?(?P<code>\d{3,6})\s+(?P<place>\D.*)$")
# "Tokyo 100-8959", "Amman 11181": the place, then the postal code.
_CODE_LAST = re.compile(r"^(?P<place>\D.*?)\s+(?P<code>\d{3}-\d{4}|\d{4,6})$")
# A part that is only a postal code: "CH–1211".
_CODE_ONLY = re.compile(r"^(?:(?P<prefix>[A-Z]{1,3})\s?[-–])?(?P<code>\d{3,6})$")
_PO_BOX = re.compile(
    r"^(?:P\.?\s?O\.?\s*Box|Post\s+Office\s+Box|Box|C\.?\s?P\.?|Case\s+postale|"
    r"(?:\d+\s+)?B\.?\s?P\.?|Apartado(?:\s+Postal)?|Postfach|Private\s+Bag)\s+\S+$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*(?P<label>[^:\d][^:]{0,80}?)\s*:\s+")
# A second address after a sentence break: ". Mailing address, P.O. Box 71, ...".
_NEXT_ADDRESS = re.compile(
    r"\.\s+(?P<label>(?:Mailing|Postal|Street|Physical|Delivery|Visiting)\s+address)\s*[,:]\s*",
    re.IGNORECASE,
)
_MAILING_LABEL = re.compile(r"^(?:mailing|postal)\s+address$", re.IGNORECASE)


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a country name as the Manual prints it, else None.

    >>> country_code("Côte d’Ivoire")
    'CI'
    >>> country_code("Atlantis") is None
    True
    """
    key = clean_text(name).rstrip(".").replace("’", "'").lower()
    return _COUNTRIES.get(key)


@dataclass
class _Part:
    """One comma-separated part of an address: its text and offsets in the line."""

    text: str
    start: int
    end: int


def _value(line: str, start: int, end: int, offset: int) -> Value:
    return Value(clean_text(line[start:end]), Span(offset + start, offset + end))


def _split_parts(line: str, start: int, end: int) -> list[_Part]:
    parts: list[_Part] = []
    position = start
    for piece in line[start:end].split(","):
        left = len(piece) - len(piece.lstrip())
        stripped = piece.strip()
        if stripped:
            part_start = position + left
            parts.append(_Part(stripped, part_start, part_start + len(stripped)))
        position += len(piece) + 1
    return parts


def _one_address(line: str, start: int, end: int, offset: int, kind: str) -> PostalAddress | None:
    """Read ``line[start:end]`` (one address, label removed) as a PostalAddress."""
    while end > start and line[end - 1] in " \t\r\n.;\u00a0":
        # A trailing period ends the sentence, unless it ends an abbreviation (``NW.``).
        if line[end - 1] == "." and re.search(r"\b[A-Z]{1,3}\.$", line[start:end]):
            break
        end -= 1
    parts = _split_parts(line, start, end)
    if not parts:
        return None
    found: dict[str, Value] = {}
    code: str | None = None

    def take(field: str, part_start: int, part_end: int) -> None:
        found[field] = _value(line, part_start, part_end, offset)

    last = parts[-1]
    country = country_code(last.text)
    if country is not None and len(parts) > 1:
        take("country", last.start, last.end)
        code = country
        parts.pop()

    # The tail: region and postal code, postal code and place, or a bare place.
    tail = parts[-1]
    place: tuple[int, int] | None = None
    locality_from_previous = False
    us = _US_TAIL.match(tail.text)
    code_first = _CODE_FIRST.match(tail.text)
    code_last = _CODE_LAST.match(tail.text)
    if us and us.group("region") in _US_STATES and (country in (None, "US")):
        take("region", tail.start + us.start("region"), tail.start + us.end("region"))
        take("postal_code", tail.start + us.start("code"), tail.start + us.end("code"))
        code = "US"
        if us.group("place"):
            take("locality", tail.start + us.start("place"), tail.start + us.end("place"))
        else:
            locality_from_previous = True
        parts.pop()
    elif code_first and len(parts) > 1:
        take(
            "postal_code",
            tail.start + code_first.start("code"),
            tail.start + code_first.end("code"),
        )
        place = (tail.start + code_first.start("place"), tail.start + code_first.end("place"))
        parts.pop()
    elif code_last and len(parts) > 1:
        take(
            "postal_code", tail.start + code_last.start("code"), tail.start + code_last.end("code")
        )
        place = (tail.start + code_last.start("place"), tail.start + code_last.end("place"))
        parts.pop()
    elif len(parts) > 1 and not _PO_BOX.match(tail.text):
        place = (tail.start, tail.end)
        parts.pop()
        bare = _CODE_ONLY.match(parts[-1].text) if parts else None
        if bare:  # "CH–1211, Geneva 19": the postal code printed as a part of its own
            code_part = parts.pop()
            take(
                "postal_code",
                code_part.start + bare.start("code"),
                code_part.start + bare.end("code"),
            )

    if place is not None:
        # "Mandaluyong City, 1550 Metro Manila": a place-only part before the code names the
        # city; the place after the code is then the region.
        previous = parts[-1] if len(parts) > 1 else None
        if previous and "postal_code" in found and not re.search(r"\d", previous.text):
            take("locality", previous.start, previous.end)
            take("region", *place)
            parts.pop()
        else:
            take("locality", *place)
    elif locality_from_previous and len(parts) > 1 and not re.search(r"\d", parts[-1].text):
        locality = parts.pop()
        take("locality", locality.start, locality.end)

    street: list[_Part] = []
    for part in parts:
        if _PO_BOX.match(part.text) and "po_box" not in found:
            take("po_box", part.start, part.end)
        elif "po_box" in found and street:
            break  # keep the street one contiguous passage
        else:
            street.append(part)
    if street:
        take("street", street[0].start, street[-1].end)
    if not found.keys() - {"street"} and not re.search(r"\d", line[start:end]):
        return None  # no number, code or country: not an address ("ONE HUNDRED ... CONGRESS")
    if "street" not in found and kind == "street" and "po_box" in found:
        kind = "mailing"
    return PostalAddress(
        span=Span(offset + _skip_space(line, start), offset + end),
        kind=kind,
        street=found.get("street"),
        po_box=found.get("po_box"),
        locality=found.get("locality"),
        region=found.get("region"),
        postal_code=found.get("postal_code"),
        country=found.get("country"),
        country_code=code,
    )


def _skip_space(line: str, start: int) -> int:
    """``start`` moved past white space (where an address passage begins)."""
    while start < len(line) and line[start] in " \t\r\n\u00a0":
        start += 1
    return start


def parse_address_line(
    text: str, start: int = 0, *, xpath: str | None = None
) -> tuple[Value | None, tuple[PostalAddress, ...]]:
    """Split an office's address line into its label and postal addresses.

    ``text`` is the line as printed; ``start`` is the offset of ``text`` in its source
    document, so every span is ``start + index in text`` (the source's own characters are
    ``document.text[span.start:span.end]`` when ``text`` is a verbatim slice). ``xpath`` is
    copied into every span (for XML sources).

    The label is the words before the first colon (``Headquarters``, ``Washington Office``);
    a following ``. Mailing address, ...`` starts a second address of kind ``mailing``.
    Parts are read from the end: a known country name; a US ``ST 12345`` or a postal code with
    its place (``CH–1211 Geneva 19`` → postal code ``1211``, locality ``Geneva 19``, the
    ``CH–`` prefix being the country's); a place-only part before a postal code is the city
    and the place after the code the region (``Mandaluyong City, 1550 Metro Manila``);
    post-office boxes (``P.O. Box 71``, ``C.P. 17``, ``01 BP 1387``); the rest is the street.
    A line with no number, postal code or country is no address: ``(label, ())``.

    >>> label, (street, mailing) = parse_address_line(
    ...     "Headquarters: 17 Route des Morillons, C.P. 17, CH–1211 Geneva 19, Switzerland. "
    ...     "Mailing address, P.O. Box 71, CH–1211, Geneva 19, Switzerland")
    >>> label.text, street.street.text, street.po_box.text, street.postal_code.text
    ('Headquarters', '17 Route des Morillons', 'C.P. 17', '1211')
    >>> street.locality.text, street.country.text, street.country_code
    ('Geneva 19', 'Switzerland', 'CH')
    >>> mailing.kind, mailing.po_box.text, mailing.postal_code.text, mailing.locality.text
    ('mailing', 'P.O. Box 71', '1211', 'Geneva 19')
    >>> _, (office,) = parse_address_line(
    ...     "Washington Office: Suite 700, 1752 N Street NW., Washington, DC 20036", 100)
    >>> office.street.text, office.locality.text, office.region.text, office.postal_code.text
    ('Suite 700, 1752 N Street NW.', 'Washington', 'DC', '20036')
    >>> office.country_code, office.region.span
    ('US', Span(start=161, end=163, xpath=None))
    >>> _, (abidjan,) = parse_address_line(
    ...     "Avenue Jean-Paul II, 01 BP 1387, Abidjan 01, Côte d'Ivoire")
    >>> abidjan.street.text, abidjan.po_box.text, abidjan.locality.text, abidjan.country_code
    ('Avenue Jean-Paul II', '01 BP 1387', 'Abidjan 01', 'CI')
    >>> _, (manila,) = parse_address_line(
    ...     "Headquarters: 6 ADB Avenue, Mandaluyong City, 1550 Metro Manila, Philippines")
    >>> manila.locality.text, manila.region.text, manila.postal_code.text, manila.country_code
    ('Mandaluyong City', 'Metro Manila', '1550', 'PH')
    >>> parse_address_line("ONE HUNDRED AND NINETEENTH CONGRESS")
    (None, ())
    """
    label: Value | None = None
    body_start = 0
    match = _LABEL.match(text)
    if match and not re.search(r"\d", match.group("label")):
        label = Value(
            clean_text(match.group("label")),
            Span(start + match.start("label"), start + match.end("label")),
        )
        body_start = match.end()
    first_kind = "street"
    if label is not None and _MAILING_LABEL.match(label.text):
        label, first_kind = None, "mailing"

    segments: list[tuple[int, int, str]] = []
    position, kind = body_start, first_kind
    for following in _NEXT_ADDRESS.finditer(text, body_start):
        segments.append((position, following.start() + 1, kind))
        kind = "mailing" if _MAILING_LABEL.match(following.group("label")) else "street"
        position = following.end()
    segments.append((position, len(text.rstrip()), kind))

    addresses = []
    for seg_start, seg_end, seg_kind in segments:
        address = _one_address(text, seg_start, seg_end, start, seg_kind)
        if address is not None:
            addresses.append(address)
    if xpath is not None:
        addresses = [_with_xpath(address, xpath) for address in addresses]
        if label is not None:
            label = Value(label.text, Span(label.span.start, label.span.end, xpath))
    return label, tuple(addresses)


def _with_xpath(address: PostalAddress, xpath: str) -> PostalAddress:
    moved = map_address_parts(
        address, lambda part: replace(part, span=replace(part.span, xpath=xpath))
    )
    return replace(moved, span=replace(address.span, xpath=xpath))


def map_address_parts(address: PostalAddress, function: Callable[[Value], Value]) -> PostalAddress:
    """``address`` with ``function`` applied to each part it has (street, P.O. box, locality,
    region, postal code, country); its span, kind and country code are kept.

    Readers use it to re-base the parts found in one line onto where that line stands. It
    raises only what ``function`` raises.

    >>> _, (address,) = parse_address_line("1752 N Street NW., Washington, DC 20036")
    >>> upper = map_address_parts(address, lambda part: Value(part.text.upper(), part.span))
    >>> upper.locality.text, upper.region.text, upper.po_box
    ('WASHINGTON', 'DC', None)
    """

    def mapped(part: Value | None) -> Value | None:
        return None if part is None else function(part)

    return replace(
        address,
        street=mapped(address.street),
        po_box=mapped(address.po_box),
        locality=mapped(address.locality),
        region=mapped(address.region),
        postal_code=mapped(address.postal_code),
        country=mapped(address.country),
    )


_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x)\s*\d+\s*$", re.IGNORECASE)


def phone_to_e164(printed: str) -> str | None:
    """The E.164 form of a phone number as the Manual prints it, or None if it is not one.

    The Manual is a US publication: ``011`` is the US international prefix, and a 10-digit
    number (or 11 digits starting with ``1``) is a North American number. A number that
    starts with ``+`` is already international. An extension is dropped (E.164 has none);
    letters (``1-800-FLY-SAFE``) or an implausible length give None.

    >>> phone_to_e164("011-41-22-717-9111")
    '+41227179111'
    >>> phone_to_e164("202-862-1826")
    '+12028621826'
    >>> phone_to_e164("+225 20 26 10 20")
    '+22520261020'
    >>> phone_to_e164("(202) 728-1500 ext. 12")
    '+12027281500'
    >>> phone_to_e164("1-800-FLY-SAFE") is None
    True
    """
    text = _EXTENSION.sub("", clean_text(printed))
    if not text or re.search(r"[^\d\s().+\-–/]", text):
        return None
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        international = digits
    elif digits.startswith("011"):
        international = digits[3:]
    elif len(digits) == 10 and digits[0] not in "01":
        international = "1" + digits
    elif len(digits) == 11 and digits.startswith("1"):
        international = digits
    else:
        return None
    if not 8 <= len(international) <= 15 or international.startswith("0"):
        return None
    return "+" + international
