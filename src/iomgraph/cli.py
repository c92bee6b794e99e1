"""The ``iomgraph`` command: a thin click adaptor over the library. Only this module prints."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click
from rdflib import Graph

from iomgraph import __version__
from iomgraph.errors import IomgraphError, SourceError, ValidationError
from iomgraph.settings import load_settings

_base_iri_option = click.option(
    "--base-iri", default=None, help="Base IRI for minted resources [env IOMGRAPH_BASE_IRI]."
)
_data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the built dumps [env IOMGRAPH_DATA_DIR; default data].",
)


class _ReportingGroup(click.Group):
    """Turns the errors iomgraph raises on purpose into one readable line and an exit status:
    1 for a graph that does not validate (with its report), 2 for any other error. Never a
    traceback for bad input."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ValidationError as error:
            click.echo(f"error: {error}", err=True)
            if error.report:
                click.echo(error.report, err=True)
            ctx.exit(1)
        except (IomgraphError, OSError) as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(2)


@click.group(cls=_ReportingGroup)
@click.version_option(__version__, prog_name="iomgraph")
def cli() -> None:
    """Build, check and publish the IOM knowledge graph."""


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--govman",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Build a whole GOVMAN XML edition instead, into manual.nt and manual-void.ttl.",
)
@_base_iri_option
@_data_dir_option
def build(
    sources: tuple[Path, ...], govman: Path | None, base_iri: str | None, data_dir: Path | None
) -> None:
    """Read SOURCES (default data/source/iom.txt), validate, and write the dumps.

    Writes iom.ttl, iom.jsonld, iom.nt, links.ttl and void.ttl into the data folder, all or
    nothing: when a source cannot be read or the graph does not validate, no file changes.

    With --govman FILE, builds every entity of a whole Manual edition (streamed, each entity
    validated) into manual.nt and manual-void.ttl instead, also all or nothing.
    """
    from iomgraph.build import DEFAULT_SOURCES, build_dataset, read_sources, write_build

    settings = load_settings(base_iri=base_iri, data_dir=str(data_dir) if data_dir else None)
    if govman is not None:
        if sources:
            raise click.UsageError("give either SOURCES or --govman, not both")
        _build_edition(govman, settings.base_iri, settings.data_path)
        return
    entries = read_sources(list(sources) or list(DEFAULT_SOURCES))
    for entry in entries:
        for warning in entry.warnings:
            click.echo(f"warning: {entry.document.path}: {warning}", err=True)
    result = build_dataset(entries, settings.base_iri)
    written = write_build(result, settings.data_path)
    click.echo(f"built {len(result.graph)} triples from {len(entries)} source(s)")
    if len(entries) > 1:
        click.echo("sources compared: see build-report.txt (or `iomgraph diff`)")
    for path in written:
        click.echo(f"  wrote {path}")


def _build_edition(path: Path, base: str, out_dir: Path) -> None:
    """``build --govman``: the whole edition, with a progress bar on stderr."""
    from iomgraph.edition import EditionProgress, build_edition

    size = path.stat().st_size if path.is_file() else 0
    with click.progressbar(length=size, label="entities", file=sys.stderr) as bar:

        def advance(step: EditionProgress) -> None:
            bar.update(min(step.position, size) - bar.pos)
            bar.label = f"{step.entities} entities"

        result = build_edition(path, out_dir, base, progress=advance)
    for warning in result.warnings:
        click.echo(f"warning: {path}: {warning}", err=True)
    click.echo(
        f"built {result.triples} triples from {result.entities} entities "
        f"({result.organizations} organizations)"
    )
    for written in result.files:
        click.echo(f"  wrote {written}")


@cli.command()
@click.argument("first", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("second", type=click.Path(dir_okay=False, path_type=Path))
def diff(first: Path, second: Path) -> None:
    """Compare two sources of one organization (website text and/or GOVMAN XML).

    Prints what both state, what only one states, and where they disagree. Exit status 2
    when the sources describe different organizations.
    """
    from iomgraph.build import read_sources, source_name
    from iomgraph.compare import compare_entries

    entries = read_sources([first, second])
    if len(entries) != 2:
        raise click.UsageError("each source must hold exactly one entry")
    a, b = entries
    comparison = compare_entries(a, b, a_name=source_name(a), b_name=source_name(b))
    click.echo(comparison.render_text(), nl=False)


def _load_dump(paths: tuple[Path, ...], data_dir: Path) -> Graph:
    graph = Graph()
    for path in paths or (data_dir / "iom.ttl",):
        if not path.is_file():
            raise SourceError("no such file (run `iomgraph build` first?)", path=str(path))
        try:
            graph.parse(path)
        except Exception as error:  # rdflib's parsers raise many unrelated types
            raise SourceError(f"cannot parse as RDF: {error}", path=str(path)) from error
    return graph


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@_data_dir_option
def validate(files: tuple[Path, ...], data_dir: Path | None) -> None:
    """Check FILES (default data/iom.ttl) against ontology/shapes.ttl with SHACL.

    Exit status: 0 conforms, 1 does not conform (the report is printed), 2 error.
    """
    from iomgraph.validation import validate_graph

    settings = load_settings(data_dir=str(data_dir) if data_dir else None)
    graph = _load_dump(files, settings.data_path)
    result = validate_graph(graph)
    if result.conforms:
        click.echo(f"conforms: {len(graph)} triples checked against the shapes")
        return
    click.echo(result.report)
    raise click.exceptions.Exit(1)


@cli.command()
@_data_dir_option
def stats(data_dir: Path | None) -> None:
    """Print the graph's size, resources per class, and its validation result."""
    from iomgraph.validation import validate_graph

    settings = load_settings(data_dir=str(data_dir) if data_dir else None)
    graph = _load_dump((), settings.data_path)
    click.echo(f"triples: {len(graph)}")
    click.echo(f"subjects: {len(set(graph.subjects()))}")
    classes = Counter(graph.qname(str(o)) for o in graph.objects(None, _RDF_TYPE))
    click.echo("resources per class:")
    for name, count in sorted(classes.items(), key=lambda item: (-item[1], item[0])):
        click.echo(f"  {count:6d}  {name}")
    result = validate_graph(graph)
    click.echo("validation: " + ("conforms" if result.conforms else "DOES NOT CONFORM"))
    if not result.conforms:
        raise click.exceptions.Exit(1)


_RDF_TYPE = Graph().namespace_manager.expand_curie("rdf:type")


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default 8000).")
@click.option("--workers", type=int, default=None, help="Server processes (default: auto).")
@click.option("--threads", type=int, default=None, help="Request threads per worker (default 4).")
@click.option("--base-iri", default=None, help="Base IRI of the data served.")
@click.option("--data-dir", default=None, help="Folder with iom.ttl, links.ttl, void.ttl.")
@click.option("--store-dir", default=None, help="Prebuilt on-disk store (see build-store).")
@click.option("--get", "get_path", default=None, help="Run one GET through the app and print it.")
def serve(
    host: str | None,
    port: int | None,
    workers: int | None,
    threads: int | None,
    base_iri: str | None,
    data_dir: str | None,
    store_dir: str | None,
    get_path: str | None,
) -> None:
    """Serve the SPARQL endpoint and linked-data pages on a production HTTP server (Granian)."""
    from iomgraph.settings import load_settings
    from iomgraph.web import create_app
    from iomgraph.web.server import serve as serve_forever

    settings = load_settings(
        host=host, port=port, workers=workers, threads=threads, base_iri=base_iri,
        data_dir=data_dir, store_dir=store_dir,
    )  # fmt: skip
    if get_path is not None:
        app = create_app(settings)
        response = app.test_client().get(get_path)
        click.echo(response.get_data(as_text=True))
        app.extensions["iomgraph.store"].close()
        sys.exit(0 if response.status_code < 400 else 1)
    click.echo(f"Serving {settings.data_dir} on http://{settings.host}:{settings.port}/", err=True)
    serve_forever(settings)


@cli.command()
@click.argument("query_or_file")
@click.option("--format", "format_name", default=None, help="json, xml, csv, tsv, turtle, ...")
@click.option("--data-dir", default=None, help="Folder with iom.ttl and links.ttl.")
@click.option("--store-dir", default=None, help="Prebuilt on-disk store to query.")
def query(
    query_or_file: str, format_name: str | None, data_dir: str | None, store_dir: str | None
) -> None:
    """Run a SPARQL query (text, or a .rq file) on the dataset and print the answer."""
    from pathlib import Path

    from iomgraph.settings import load_settings
    from iomgraph.store import open_store
    from iomgraph.store.formats import format_named

    text = query_or_file
    if query_or_file.endswith(".rq") and Path(query_or_file).is_file():
        text = Path(query_or_file).read_text(encoding="utf-8")
    fmt = format_named(format_name) if format_name else None
    if format_name and fmt is None:
        raise click.BadParameter(f"unknown format {format_name!r}", param_hint="--format")
    store = open_store(load_settings(data_dir=data_dir, store_dir=store_dir, cache_enabled=False))
    try:
        answer = store.query(text, fmt)
    finally:
        store.close()
    click.echo(answer.body.decode("utf-8"), nl=False)
    if answer.truncated:
        click.echo(f"warning: answer cut at {answer.count} results (max_rows)", err=True)


@cli.command("build-store")
@click.argument("target")
@click.option("--data-dir", default=None, help="Folder with iom.ttl and links.ttl.")
@click.option("--base-iri", default=None, help="Base IRI of the data.")
def build_store(target: str, data_dir: str | None, base_iri: str | None) -> None:
    """Load the dumps into an on-disk store at TARGET (open it with serve --store-dir)."""
    from iomgraph.settings import load_settings
    from iomgraph.store.worker import StoreSource, build_disk_store

    settings = load_settings(data_dir=data_dir, base_iri=base_iri)
    version = build_disk_store(StoreSource(settings.base_iri, settings.data_dir), target)
    click.echo(f"built {target} (dataset version {version})")


def main() -> None:
    """Console entry point."""
    cli()
