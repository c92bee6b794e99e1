"""A part of a cleaned value maps back to the exact characters of its source."""

from __future__ import annotations

from iomgraph.model import SourceDocument, SourceKind, Span, Value
from iomgraph.passages import clean_text, sub_value


def doc(text: str, kind: SourceKind = SourceKind.WEBSITE_TEXT) -> SourceDocument:
    return SourceDocument("t", kind, "<t>", text, "text/plain")


def test_sub_value_across_collapsed_white_space_and_nbsp() -> None:
    raw = "xx Management\u00a0and  Reform\nAmy E. Pope yy"
    document = doc(raw)
    value = Value(clean_text(raw[3:-3]), Span(3, len(raw) - 3))
    assert value.text == "Management and Reform Amy E. Pope"
    part = sub_value(value, document, value.text.index("and"), value.text.index("Amy") - 1)
    assert part.text == "and Reform"
    assert raw[part.span.start : part.span.end] == "and  Reform"


def test_sub_value_in_xml_with_entities() -> None:
    raw = "<P>The &quot;IOM Evaluation&quot; web page</P>"
    document = doc(raw, SourceKind.GOVMAN_XML)
    start = raw.index("The")
    end = raw.index("</P>")
    value = Value('The "IOM Evaluation" web page', Span(start, end, "P"))
    part = sub_value(value, document, 5, 19)
    assert part.text == "IOM Evaluation"
    assert raw[part.span.start : part.span.end] == "IOM Evaluation"
    assert part.span.xpath == "P"


def test_unalignable_value_falls_back_to_its_whole_span() -> None:
    document = doc("abc def")
    value = Value("something else", Span(0, 7))
    assert sub_value(value, document, 0, 9).span == Span(0, 7)
