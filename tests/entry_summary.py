"""Test helpers: every Value an Entry holds, and a plain-data summary of an Entry."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from iomgraph.model import Entry, Office, Official, Paragraph, Section, SourceDocument, Value


def values_of(thing: object) -> Iterator[Value]:
    """Every Value reachable from ``thing`` (a model object), sub-entities included."""
    if isinstance(thing, Value):
        yield thing
    elif isinstance(thing, tuple):
        for item in thing:
            yield from values_of(item)
    elif dataclasses.is_dataclass(thing) and not isinstance(thing, SourceDocument | type):
        for field in dataclasses.fields(thing):
            yield from values_of(getattr(thing, field.name))


def _text(value: Value | None) -> str | None:
    return None if value is None else value.text


def _office(office: Office) -> dict[str, Any]:
    return {
        "label": _text(office.label),
        "addresses": [
            {
                "kind": a.kind,
                **{
                    name: _text(getattr(a, name))
                    for name in ("street", "po_box", "locality", "region", "postal_code", "country")
                    if getattr(a, name) is not None
                },
                "country_code": a.country_code,
            }
            for a in office.addresses
        ],
        "phones": [[p.kind, p.printed.text, p.e164] for p in office.phones],
        "emails": [e.text for e in office.emails],
        "web_addresses": [w.text for w in office.web_addresses],
    }


def _official(official: Official) -> dict[str, Any]:
    found: dict[str, Any] = {
        "heading": _text(official.heading),
        "title": _text(official.title),
        "name": _text(official.name),
    }
    if official.acting:
        found["acting"] = True
    if official.vacant:
        found["vacant"] = True
    return found


def _paragraph(paragraph: Paragraph) -> Any:
    if not paragraph.web_addresses and not paragraph.emails:
        return paragraph.text.text
    return {
        "text": paragraph.text.text,
        "web_addresses": [w.text for w in paragraph.web_addresses],
        "emails": [e.text for e in paragraph.emails],
    }


def _section(section: Section) -> dict[str, Any]:
    found: dict[str, Any] = {
        "heading": _text(section.heading),
        "paragraphs": [_paragraph(p) for p in section.paragraphs],
    }
    if section.subsections:
        found["subsections"] = [_section(s) for s in section.subsections]
    return found


def summarize(entry: Entry) -> dict[str, Any]:
    """What an entry states, as JSON-ready data (for expected-output files)."""
    return {
        "name": entry.name.text,
        "entity_id": entry.entity_id,
        "category": _text(entry.category),
        "offices": [_office(o) for o in entry.offices],
        "leadership": [
            {
                "header": _text(t.header),
                "updated": _text(t.updated),
                "web_addresses": [w.text for w in t.web_addresses],
                "officials": [_official(o) for o in t.officials],
            }
            for t in entry.leadership
        ],
        "mission": [_paragraph(p) for p in entry.mission],
        "description": [_section(s) for s in entry.description],
        "sources_of_information": [_section(s) for s in entry.sources_of_information],
        "sources_updated": _text(entry.sources_updated),
        "sub_entities": [summarize(e) for e in entry.sub_entities],
        "warnings": list(entry.warnings),
    }
