"""Whole responses replayed in front of Flask, for requests the server has answered before.

The dataset does not change while the server runs, so a GET of the same URL (host, path, query
string) with the same ``Accept`` gets the same bytes. A view that produced such a response marks it
(:func:`mark_replayable`); this WSGI layer keeps it (bounded in entries and bytes, least
recently used first out) and answers the next identical request, and its ``If-None-Match``
revalidation, without routing, negotiating, reading the query or asking the store again.

Keys hold the dataset version, so a response is never replayed for other data. Errors,
redirects and anything unmarked pass through untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import request

from iomgraph.cache import AnswerCache

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]

REPLAYABLE = "iomgraph.replayable"
"""The ``environ`` key a view sets when its response depends only on the request's key."""
KEPT_ON_304 = frozenset({"etag", "vary", "cache-control", "access-control-allow-origin"})
"""Headers a 304 repeats (RFC 9110 §15.4.5: those a 200 would have sent that matter here)."""


def mark_replayable() -> None:
    """Say that this request's response depends only on its URL and its ``Accept``."""
    request.environ[REPLAYABLE] = True


@dataclass(frozen=True)
class Recorded:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    etag: str | None = field(init=False)
    """The ``ETag`` header's value, read once when recorded (every replay compares it)."""
    size: int = field(init=False)
    """Roughly the bytes held: body and headers."""

    def __post_init__(self) -> None:
        etag = next((v for k, v in self.headers if k.lower() == "etag"), None)
        object.__setattr__(self, "etag", etag)
        size = len(self.body) + sum(len(k) + len(v) for k, v in self.headers)
        object.__setattr__(self, "size", size)


def etag_matches(if_none_match: str, etag: str | None) -> bool:
    """True when an ``If-None-Match`` value holds ``etag`` (weak comparison) or ``*``.

    >>> etag_matches('W/"a", "b"', '"b"'), etag_matches('"a"', '"b"'), etag_matches("*", '"b"')
    (True, False, True)
    """
    if etag is None:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


class ReplayLayer:
    """WSGI middleware replaying recorded responses of ``app`` (see the module's docstring)."""

    def __init__(
        self, app: WSGIApp, version: str, *, entries: int, max_bytes: int, enabled: bool = True
    ) -> None:
        self.app = app
        self.version = version
        self.recorded: AnswerCache[Recorded] = AnswerCache(
            entries, enabled=enabled, max_bytes=max_bytes, size_of=lambda r: r.size
        )

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD") or self.recorded.capacity <= 0:
            return self.app(environ, start_response)
        key = (
            self.version,
            environ.get("wsgi.url_scheme", ""),
            environ.get("HTTP_HOST", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_ACCEPT", ""),
        )
        recorded = self.recorded.get(key)
        if recorded is not None:
            return self._replay(recorded, environ, start_response)
        if method == "HEAD":
            return self.app(environ, start_response)
        return self._record(key, environ, start_response)

    @staticmethod
    def _replay(
        recorded: Recorded, environ: Environ, start_response: StartResponse
    ) -> Iterable[bytes]:
        if etag_matches(environ.get("HTTP_IF_NONE_MATCH", ""), recorded.etag):
            kept = [(k, v) for k, v in recorded.headers if k.lower() in KEPT_ON_304]
            start_response("304 NOT MODIFIED", kept)
            return []
        start_response(recorded.status, recorded.headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [recorded.body]

    def _record(
        self, key: tuple[str, ...], environ: Environ, start_response: StartResponse
    ) -> Iterable[bytes]:
        seen: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        answer = self.app(environ, capture)
        if not environ.get(REPLAYABLE) or not str(seen.get("status", "")).startswith("200"):
            return answer
        try:
            body = b"".join(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
        self.recorded.put(key, Recorded(seen["status"], list(seen["headers"]), body))
        return [body]
