"""The SPARQL 1.1 Protocol query operation at ``/sparql`` (read-only)."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, request, url_for
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, UnsupportedMediaType
from werkzeug.wrappers import Response as BaseResponse

from iomgraph.errors import QueryError
from iomgraph.store.formats import GRAPH_FORMATS, HTML, SOLUTION_FORMATS
from iomgraph.web.http import (
    ROW_LIMIT_HEADER,
    TRUNCATED_HEADER,
    current_settings,
    current_store,
    etag_for,
    not_modified,
)
from iomgraph.web.negotiation import choose_format
from iomgraph.web.replay import mark_replayable
from iomgraph.web.service_description import service_description_response

blueprint = Blueprint("sparql", __name__)

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


def _read_only() -> QueryError:
    return QueryError("this endpoint is read-only: SPARQL updates are not accepted", status=403)


def _query_text() -> str | None:
    """The query of this request, by the protocol's three ways of sending one.

    :raises BadRequest: two ``query`` parameters.
    :raises UnsupportedMediaType: a POST body that is neither a form nor a query.
    :raises QueryError: an update.
    """
    if request.method != "POST":
        if "update" in request.args:
            raise _read_only()
        queries = request.args.getlist("query")
    else:
        queries = _posted_queries()
    if len(queries) > 1:
        raise BadRequest("more than one 'query' parameter; send exactly one")
    return queries[0] if queries else None


def _posted_queries() -> list[str]:
    """The queries a POST carries: its body (``application/sparql-query``), or its form and
    URL parameters.

    :raises BadRequest: a query both in the body and in the URL.
    :raises UnsupportedMediaType: a body that is neither a form nor a query.
    :raises QueryError: an update.
    """
    if "update" in request.args or "update" in request.form:
        raise _read_only()
    mime = request.mimetype
    if mime == UPDATE_TYPE:
        raise _read_only()
    if mime == QUERY_TYPE:
        if "query" in request.args:
            raise BadRequest("send the query either in the body or as a parameter, not both")
        return [request.get_data(as_text=True)]
    if mime != FORM_TYPE:
        raise UnsupportedMediaType(
            f"POST the query as {QUERY_TYPE} or {FORM_TYPE}, not {mime or 'no type'}"
        )
    return request.args.getlist("query") + request.form.getlist("query")


def _parameters(name: str) -> list[str]:
    """Every value of parameter ``name``: in the URL, and for a POST in its form too."""
    values = request.args.getlist(name)
    if request.method == "POST":
        values += request.form.getlist(name)
    return values


@blueprint.route("/sparql", methods=["GET", "POST"])
def endpoint() -> BaseResponse:
    """Answer a SPARQL query; with no query, describe the service.

    :raises QueryError: syntax (400), policy (403), format (406), time limit (503).
    """
    if len(request.query_string) > current_settings().max_request_bytes:
        raise RequestEntityTooLarge("the query string is larger than the request size cap")
    text = _query_text()
    if text is None:
        mark_replayable()
        return service_description_response()
    store = current_store()
    shape = store.inspect(text)
    offered = (*(GRAPH_FORMATS if shape.returns_graph else SOLUTION_FORMATS), HTML)
    format_asked = next(iter(_parameters("format")), None)
    fmt = choose_format(offered, request.headers.get("Accept"), format_asked)
    if fmt is HTML:
        return redirect(url_for("pages.query_page", query=text), code=303)
    etag = etag_for(fmt.name)
    if not_modified(etag):
        response = Response(status=304)
    else:
        answer = store.query(
            text,
            fmt,
            default_graphs=_parameters("default-graph-uri"),
            named_graphs=_parameters("named-graph-uri"),
        )
        response = Response(answer.body, content_type=fmt.content_type)
        if request.method == "GET":
            mark_replayable()
        if answer.truncated:
            response.headers[TRUNCATED_HEADER] = "true"
            response.headers[ROW_LIMIT_HEADER] = str(store.settings.max_rows)
    response.set_etag(etag)
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = "public, max-age=0, must-revalidate"
    return response
