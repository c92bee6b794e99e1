"""What every response shares: one JSON error shape, CORS, ETags from the dataset version."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response as BaseResponse

from iomgraph.errors import QueryError
from iomgraph.settings import Settings
from iomgraph.store import QueryStore
from iomgraph.web.negotiation import prefers_html

log = logging.getLogger(__name__)

TRUNCATED_HEADER = "X-Iomgraph-Truncated"
ROW_LIMIT_HEADER = "X-Iomgraph-Row-Limit"


def current_store() -> QueryStore:
    store: QueryStore = current_app.extensions["iomgraph.store"]
    return store


def current_settings() -> Settings:
    settings: Settings = current_app.extensions["iomgraph.settings"]
    return settings


def error_response(status: int, title: str, message: str) -> BaseResponse:
    """The one error shape: JSON ``{"ok": false, "status", "title", "error"}``, or an HTML page
    for browsers."""
    if prefers_html(request.headers.get("Accept")):
        body = render_template("error.html", status=status, title=title, message=message)
        return Response(body, status=status, content_type="text/html; charset=utf-8")
    response = jsonify({"ok": False, "status": status, "title": title, "error": message})
    response.status_code = status
    return response


def _http_error(error: HTTPException) -> BaseResponse:
    code = error.code or 500
    response = error_response(code, error.name, error.description or error.name)
    if code == 405 and error.get_response().headers.get("Allow"):
        response.headers["Allow"] = error.get_response().headers["Allow"]
    return response


def _query_error(error: QueryError) -> BaseResponse:
    titles = {400: "Bad Request", 403: "Forbidden", 406: "Not Acceptable", 503: "Query Timeout"}
    response = error_response(error.status, titles.get(error.status, "Error"), str(error))
    if error.status == 503:
        response.headers["Retry-After"] = "5"
    return response


def _unexpected_error(error: Exception) -> BaseResponse:
    log.exception("unexpected error", exc_info=error)
    return _http_error(InternalServerError("the server failed to answer; this is a bug"))


def _add_cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = (
        f"ETag, Last-Modified, Content-Disposition, {TRUNCATED_HEADER}, {ROW_LIMIT_HEADER}"
    )
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = (
            "Accept, Content-Type, If-None-Match, If-Modified-Since"
        )
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def etag_for(fmt_name: str) -> str:
    """The entity tag of a representation: dataset version plus format (so variants differ)."""
    return f"{current_store().version}-{fmt_name}"


def not_modified(etag: str) -> bool:
    """True when the request's ``If-None-Match`` already holds ``etag``."""
    return etag in request.if_none_match or "*" in request.if_none_match


def install(app: Flask) -> None:
    """Register the error handlers and the CORS hook on ``app``."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(QueryError, _query_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.after_request(_add_cors)
