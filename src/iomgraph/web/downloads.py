"""Files served as they are: dumps (plain and gzip), ontology, shapes, queries, the VoID."""

from __future__ import annotations

import gzip
import hashlib
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from iomgraph.store.formats import GRAPH_FORMATS, JSON_LD, N_TRIPLES, TURTLE, Format
from iomgraph.store.worker import serialization_prefixes
from iomgraph.web.http import current_settings, not_modified
from iomgraph.web.negotiation import choose_format

blueprint = Blueprint("downloads", __name__)

DUMPS = {"iom.ttl": TURTLE, "iom.jsonld": JSON_LD, "iom.nt": N_TRIPLES, "links.ttl": TURTLE}
PROJECT_FILES = {
    "ontology": {"iom.ttl": TURTLE, "shapes.ttl": TURTLE, "context.jsonld": JSON_LD},
}


@lru_cache(maxsize=32)
def _file_bytes(path: str, mtime_ns: int, compressed: bool) -> tuple[bytes, str]:
    data = Path(path).read_bytes()
    if compressed:
        data = gzip.compress(data, mtime=0)  # mtime 0: the same file gives the same bytes
    return data, hashlib.sha256(data).hexdigest()[:20]


def file_response(path: Path, fmt: Format, *, compressed: bool = False) -> BaseResponse:
    """``path`` with its type, a download name, an ETag, Last-Modified, and 304 when unchanged.

    :raises NotFound: when the file does not exist.
    """
    if not path.is_file():
        raise NotFound(f"{path.name} is not available; has `iomgraph build` been run?")
    stat = path.stat()
    data, digest = _file_bytes(str(path), stat.st_mtime_ns, compressed)
    name = path.name + (".gz" if compressed else "")
    response = Response(data, content_type="application/gzip" if compressed else fmt.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.set_etag(digest)
    response.last_modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response.make_conditional(request)


@blueprint.route("/download/<name>")
def dump(name: str) -> BaseResponse:
    """A dump of the dataset: ``iom.ttl``, ``iom.jsonld``, ``iom.nt``, ``links.ttl`` (+ ``.gz``).

    :raises NotFound: for any other name.
    """
    compressed = name.endswith(".gz")
    plain = name.removesuffix(".gz")
    if plain not in DUMPS:
        raise NotFound(f"no dump called {name}; available: {', '.join(DUMPS)} (and .gz)")
    return file_response(
        Path(current_settings().data_dir) / plain, DUMPS[plain], compressed=compressed
    )


@blueprint.route("/ontology/<name>")
def ontology_file(name: str) -> BaseResponse:
    """The ontology (``iom.ttl``), the SHACL shapes and the JSON-LD context.

    :raises NotFound: for any other name.
    """
    formats = PROJECT_FILES["ontology"]
    if name not in formats:
        raise NotFound(f"no ontology file called {name}; available: {', '.join(formats)}")
    root: Path = current_app.extensions["iomgraph.root"]
    response = file_response(root / "ontology" / name, formats[name])
    response.headers["Content-Disposition"] = response.headers["Content-Disposition"].replace(
        "attachment", "inline"
    )
    return response


@blueprint.route("/.well-known/void")
def void_description() -> BaseResponse:
    """The VoID + DCAT description, in Turtle, JSON-LD, N-Triples or RDF/XML by ``Accept``.

    :raises NotFound: when the build wrote no ``void.ttl``.
    """
    settings = current_settings()
    fmt = choose_format(GRAPH_FORMATS, request.headers.get("Accept"), request.args.get("format"))
    path = Path(settings.data_dir) / "void.ttl"
    if fmt is TURTLE:
        response = file_response(path, TURTLE)
        del response.headers["Content-Disposition"]
    else:
        if not path.is_file():
            raise NotFound("no void.ttl: has `iomgraph build` been run?")
        etag = hashlib.sha256(path.read_bytes()).hexdigest()[:20] + "-" + fmt.name
        if not_modified(etag):
            response = Response(status=304)
        else:
            triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
            target = {JSON_LD.name: ox.RdfFormat.JSON_LD, N_TRIPLES.name: ox.RdfFormat.N_TRIPLES}
            body = ox.serialize(
                triples,
                format=target.get(fmt.name, ox.RdfFormat.RDF_XML),
                prefixes=None if fmt is N_TRIPLES else serialization_prefixes(settings.base_iri),
            )
            response = Response(body, content_type=fmt.content_type)
        response.set_etag(etag)
    response.headers["Vary"] = "Accept"
    return response
