"""The ``iomgraph`` command: a thin click adaptor over the library. Only this module prints."""

from __future__ import annotations

import sys

import click

from iomgraph import __version__
from iomgraph.errors import IomgraphError


@click.group()
@click.version_option(__version__, prog_name="iomgraph")
def cli() -> None:
    """Build, check and publish the IOM knowledge graph."""


def main() -> None:
    """Console entry point: errors iomgraph raises on purpose print as one line, exit 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except IomgraphError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
