"""Pages for people and documents for machines: landing, dereferencing (``/id/`` → 303 →
``/doc/``), the query page, ``/health``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from iomgraph.errors import QueryError
from iomgraph.namespaces import PREFIXES
from iomgraph.store.formats import GRAPH_FORMATS, HTML, SPARQL_JSON, TURTLE, Format
from iomgraph.web.description import describe, resource_view, triples_to_document
from iomgraph.web.http import current_settings, current_store, etag_for, not_modified
from iomgraph.web.negotiation import choose_format
from iomgraph.web.replay import mark_replayable

blueprint = Blueprint("pages", __name__)

_TITLE = re.compile(r"^#\s*title:\s*(.+)$", re.MULTILINE)
ORGANIZATIONS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?org ?name WHERE {
  { ?org a org:FormalOrganization } UNION { ?org a org:Organization }
  OPTIONAL { ?org skos:prefLabel ?name }
} ORDER BY ?name LIMIT 50
"""


def example_queries() -> list[dict[str, str]]:
    """The competency queries in ``queries/*.rq``: name, title (``# title:``) and text."""
    root: Path = current_app.extensions["iomgraph.root"]
    examples = []
    for path in sorted((root / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        found = _TITLE.search(text)
        examples.append(
            {
                "name": path.stem,
                "title": found.group(1).strip() if found else path.stem,
                "text": text,
            }
        )
    return examples


@blueprint.app_template_filter("href")
def local_href(iri: str) -> str:
    """A link that stays on this server for IRIs under the base (``id/`` goes to ``doc/``)."""
    base = current_settings().base_iri
    if not iri.startswith(base):
        return iri
    rest = iri[len(base) :]
    return "/" + ("doc/" + rest[3:] if rest.startswith("id/") else rest)


@blueprint.app_template_filter("short")
def short_name(iri: str) -> str:
    """``iri`` as a prefixed name when a known prefix fits."""
    base = current_settings().base_iri
    for prefix, namespace in (("iom", base + "id/"), *PREFIXES.items()):
        if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)) :]}"
    return iri


@blueprint.route("/")
def landing() -> str:
    """What the dataset is, with links to everything."""
    organizations = current_store().select_rows(ORGANIZATIONS)
    mark_replayable()
    return render_template(
        "landing.html",
        organizations=organizations,
        examples=example_queries(),
        version=current_store().version,
    )


@blueprint.route("/health")
def health() -> BaseResponse:
    """For probes: 200 with the dataset version when a query can be answered."""
    current_store().select_rows("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    return jsonify({"ok": True, "dataset_version": current_store().version})


@blueprint.route("/id/<path:rest>")
def thing(rest: str) -> BaseResponse:
    """A thing is not a document: 303 See Other to the document describing it."""
    target = "/doc/" + rest
    if request.query_string:
        target += "?" + request.query_string.decode("latin-1")
    response = redirect(target, code=303)
    response.headers["Vary"] = "Accept"
    return response


@blueprint.route("/dataset")
def dataset() -> BaseResponse:
    """The dataset IRI: 303 to its VoID description."""
    return redirect(url_for("downloads.void_description"), code=303)


@blueprint.route("/graph/<name>")
def named_graph(name: str) -> BaseResponse:
    """A named graph's IRI: 303 to the dump holding it.

    :raises NotFound: for a graph the dataset does not have.
    """
    dumps = {"entry": "iom.ttl", "links": "links.ttl"}
    if name not in dumps:
        raise NotFound(f"no graph called {name}")
    return redirect(url_for("downloads.dump", name=dumps[name]), code=303)


@blueprint.route("/doc/<path:rest>")
def document(rest: str) -> Response:
    """The document about ``{base}id/{rest}``: HTML or RDF by ``Accept``; 404 if unknown."""
    settings = current_settings()
    iri = settings.base_iri + "id/" + rest
    fmt: Format = choose_format(
        (HTML, *GRAPH_FORMATS), request.headers.get("Accept"), request.args.get("format")
    )
    etag = etag_for("doc-" + fmt.name)
    if not_modified(etag):
        response = Response(status=304)
    else:
        triples = describe(current_store(), iri)
        status = 200 if any(t[0][1] == iri for t in triples) else 404
        if fmt is HTML:
            view = resource_view(iri, triples)
            page = "resource.html" if status == 200 else "not_found.html"
            body: str | bytes = render_template(page, view=view, iri=iri)
        elif status == 404:
            body = triples_to_document([], fmt, settings.base_iri)  # an empty, valid document
        else:
            body = triples_to_document(triples, fmt, settings.base_iri)
        response = Response(body, status=status, content_type=fmt.content_type)
        mark_replayable()
    response.set_etag(etag)
    response.headers["Vary"] = "Accept"
    return response


@blueprint.route("/query")
def query_page() -> str:
    """Write or pick a query, run it, see a table (SELECT/ASK) or Turtle (CONSTRUCT/DESCRIBE).

    Works as a plain GET form; the little script only fills the box from the example picker.
    """
    examples = example_queries()
    text = request.args.get("query", "")
    chosen = request.args.get("example", "")
    if chosen and (not text or request.args.get("load")):
        text = next((e["text"] for e in examples if e["name"] == chosen), "")
    table, turtle, error, truncated = None, None, None, False
    if text.strip():
        store = current_store()
        try:
            shape = store.inspect(text)
            answer = store.query(text, TURTLE if shape.returns_graph else SPARQL_JSON)
            truncated = answer.truncated
            if shape.returns_graph:
                turtle = answer.body.decode("utf-8")
            else:
                table = json.loads(answer.body)
        except QueryError as failure:
            error = str(failure)
    if error is None:
        mark_replayable()
    return render_template(
        "query.html",
        examples=examples,
        query=text,
        chosen=chosen,
        table=table,
        turtle=turtle,
        error=error,
        truncated=truncated,
        max_rows=current_settings().max_rows,
    )
