"""A whole edition → one graph: every entity with its offices and posts, valid, deterministic,
all or nothing; bad input is a one-line error from the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from iomgraph.cli import cli
from iomgraph.edition import DUMP_NAME, VOID_NAME, EditionProgress, EditionResult, build_edition
from iomgraph.errors import SourceError, ValidationError
from iomgraph.govman import read_govman
from iomgraph.iris import slugify
from iomgraph.namespaces import IOMO, ORG, RDF, VOID
from iomgraph.settings import DEFAULT_BASE_IRI

XML = Path(__file__).resolve().parent / "fixtures" / "xml"
FIXTURES = sorted(XML.glob("*.govman.xml"))
BASE = DEFAULT_BASE_IRI
NAMES = {
    "189": "African Development Bank",
    "196": "Asian Development Bank",
    "192": "International Organization for Migration",
    "305": "Multilateral Investment Guarantee Agency",
}


def write_edition(folder: Path, fragments: list[str] | None = None) -> Path:
    """An edition file made of the four fixtures (or ``fragments``), in a GovernmentManual."""
    body = fragments if fragments is not None else [p.read_text("utf-8") for p in FIXTURES]
    path = folder / "GOVMAN-2025-12-31.xml"
    text = '<?xml version="1.0" encoding="UTF-8"?>\n<GovernmentManual>\n' + "".join(body)
    path.write_text(text + "</GovernmentManual>\n", encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@dataclass(frozen=True)
class Verdict:
    conforms: bool
    report: str


def failing_for(entity_id: str) -> Callable[[Graph], Verdict]:
    """A validator that rejects the graph of the entity with ``entity_id``."""

    def check(graph: Graph) -> Verdict:
        if (None, IOMO.govmanEntityId, Literal(entity_id)) in graph:
            return Verdict(False, f"Results (1): the shapes reject entity {entity_id}")
        return Verdict(True, "")

    return check


def accept_all(graph: Graph) -> Verdict:
    return Verdict(True, "")


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, EditionResult]:
    folder = tmp_path_factory.mktemp("edition")
    result = build_edition(write_edition(folder), folder / "out", BASE)
    return folder / "out", result


@pytest.fixture(scope="module")
def graph(edition: tuple[Path, EditionResult]) -> Graph:
    out, _ = edition
    loaded = Graph()
    loaded.parse(out / DUMP_NAME, format="nt")
    return loaded


def test_one_graph_that_validates(edition: tuple[Path, EditionResult], graph: Graph) -> None:
    from iomgraph.validation import validate_graph

    out, result = edition
    assert (result.entities, result.organizations) == (4, 4)
    assert result.files == (out / DUMP_NAME, out / VOID_NAME)
    assert sorted(p.name for p in out.iterdir()) == [VOID_NAME, DUMP_NAME]
    assert result.triples == len(graph)  # no triple written twice
    verdict = validate_graph(graph)
    assert verdict.conforms, verdict.report


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_each_organization_with_its_offices_and_posts(graph: Graph, path: Path) -> None:
    (entry,) = read_govman(path)
    org = URIRef(BASE + "id/" + slugify(entry.name.text))
    assert entry.entity_id is not None and NAMES[entry.entity_id] == entry.name.text
    assert (org, RDF.type, ORG.FormalOrganization) in graph
    assert (org, IOMO.govmanEntityId, Literal(entry.entity_id)) in graph
    sites = set(graph.objects(org, ORG.hasSite))
    assert len(sites) == len(entry.offices) > 0
    officials = [o for t in entry.leadership for o in t.officials if o.title or o.name]
    posts = set(graph.objects(org, ORG.hasPost))
    assert len(posts) == len(officials) > 0
    assert all((post, ORG.postIn, org) in graph for post in posts)


def test_void_counts_what_was_written(edition: tuple[Path, EditionResult]) -> None:
    out, result = edition
    void = Graph().parse(out / VOID_NAME, format="turtle")
    dataset = URIRef(BASE + "dataset/manual")
    assert void.value(dataset, VOID.triples) == Literal(result.triples)
    lines = (out / DUMP_NAME).read_bytes().count(b"\n")
    assert lines == result.triples
    partition = void.value(dataset, VOID.classPartition)
    assert void.value(partition, VOID.entities) == Literal(4)


def test_build_is_deterministic(tmp_path: Path, edition: tuple[Path, EditionResult]) -> None:
    out, _ = edition
    again = tmp_path / "again"
    build_edition(write_edition(tmp_path), again, BASE)
    assert snapshot(again) == snapshot(out)


def test_entities_in_file_order_each_sorted(tmp_path: Path) -> None:
    steps: list[EditionProgress] = []
    out = tmp_path / "out"
    build_edition(write_edition(tmp_path), out, BASE, progress=steps.append, validate=accept_all)
    assert [s.entry.entity_id for s in steps] == ["189", "196", "192", "305"]
    assert [s.entities for s in steps] == [1, 2, 3, 4]
    assert [s.position for s in steps] == sorted(s.position for s in steps)
    lines = (out / DUMP_NAME).read_text("utf-8").splitlines()
    start = 0
    for step in steps:  # each entity's block of lines is sorted on its own
        block = lines[start : step.triples]
        assert block and block == sorted(block)
        assert any(line.endswith(f'"{step.entry.entity_id}" .') for line in block)
        start = step.triples
    assert start == len(lines)


def test_sub_entities_are_units_of_their_parent(tmp_path: Path) -> None:
    miga = (XML / "multilateral-investment-guarantee-agency.govman.xml").read_text("utf-8")
    world_bank = (
        '    <Entity EntityId="198" ParentId="0" SortOrder="99">\n'
        "        <AgencyName>World Bank</AgencyName>\n"
        f"        <Childrens>\n{miga}        </Childrens>\n"
        "    </Entity>\n"
    )
    out = tmp_path / "out"
    result = build_edition(write_edition(tmp_path, [world_bank]), out, BASE)
    assert (result.entities, result.organizations) == (1, 2)
    graph = Graph().parse(out / DUMP_NAME, format="nt")
    parent = URIRef(BASE + "id/world-bank")
    child = URIRef(BASE + "id/world-bank/unit/multilateral-investment-guarantee-agency")
    assert (child, RDF.type, ORG.OrganizationalUnit) in graph
    assert (child, ORG.unitOf, parent) in graph
    assert (parent, ORG.hasUnit, child) in graph
    assert (child, ORG.subOrganizationOf, parent) in graph
    assert (parent, ORG.hasSubOrganization, child) in graph


def test_invalid_entity_fails_naming_it_and_writes_nothing(
    tmp_path: Path, edition: tuple[Path, EditionResult]
) -> None:
    out = tmp_path / "out"
    build_edition(write_edition(tmp_path), out, BASE, validate=accept_all)
    before = snapshot(out)
    with pytest.raises(ValidationError) as caught:
        build_edition(write_edition(tmp_path), out, BASE, validate=failing_for("192"))
    assert "entity 192 (International Organization for Migration)" in str(caught.value)
    assert "the shapes reject entity 192" in caught.value.report
    assert snapshot(out) == before  # previous output intact, no temp file left


def test_malformed_edition_leaves_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_edition(write_edition(tmp_path), out, BASE, validate=accept_all)
    before = snapshot(out)
    fragments = [p.read_text("utf-8") for p in FIXTURES]
    fragments[2] = fragments[2].replace("</AgencyName>", "</AgencyNam>", 1)
    with pytest.raises(SourceError) as caught:
        build_edition(write_edition(tmp_path, fragments), out, BASE, validate=accept_all)
    assert caught.value.line > 1 and caught.value.column > 1
    assert snapshot(out) == before


# -- the command line ---------------------------------------------------------------------------


def test_cli_builds_the_edition(tmp_path: Path) -> None:
    edition_path = write_edition(tmp_path)
    out = tmp_path / "data"
    args = ["build", "--govman", str(edition_path), "--data-dir", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "from 4 entities (4 organizations)" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [VOID_NAME, DUMP_NAME]


def test_cli_malformed_xml_is_one_line_with_line_and_column(tmp_path: Path) -> None:
    text = '<GovernmentManual>\n  <Entity EntityId="1">\n    <AgencyName>A</Agency>\n'
    broken = tmp_path / "broken.xml"
    broken.write_text(text + "  </Entity>\n</GovernmentManual>\n", encoding="utf-8")
    out = tmp_path / "data"
    args = ["build", "--govman", str(broken), "--data-dir", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert f"error: {broken}:3:" in result.stderr
    assert "malformed XML: mismatched tag" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_cli_refuses_sources_with_govman(tmp_path: Path) -> None:
    edition_path = write_edition(tmp_path)
    result = CliRunner().invoke(cli, ["build", "--govman", str(edition_path), str(edition_path)])
    assert result.exit_code == 2
    assert "either SOURCES or --govman" in result.stderr
