"""The whole-response cache in front of Flask: repeats are answered without the app."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from flask import Flask

from iomgraph.settings import Settings
from iomgraph.store import QueryStore
from iomgraph.web import create_app
from iomgraph.web.replay import ReplayLayer

QUERY = "SELECT ?s WHERE { ?s a <http://www.w3.org/ns/org#FormalOrganization> }"
ASKED = "/sparql?query=" + quote(QUERY)
JSON = "application/sparql-results+json"


class CountingStore:
    """Wraps the session's store and counts the query texts the app reads (each request that
    reaches the SPARQL endpoint has its text inspected once)."""

    def __init__(self, store: QueryStore) -> None:
        self._store = store
        self.queries = 0

    def inspect(self, text: str) -> object:
        self.queries += 1
        return self._store.inspect(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)


@pytest.fixture()
def counted(settings: Settings, store: QueryStore) -> Iterator[tuple[Flask, CountingStore]]:
    counting = CountingStore(store)
    app = create_app(settings.updated(cache_entries=8), counting)  # type: ignore[arg-type]
    yield app, counting


def get(app: Flask, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    response = app.test_client().get(path, headers=headers)
    return response.status_code, dict(response.headers), response.get_data()


def test_a_repeated_query_is_answered_without_the_store(
    counted: tuple[Flask, CountingStore],
) -> None:
    app, store = counted
    status, headers, body = get(app, ASKED, Accept=JSON)
    assert status == 200 and store.queries == 1
    again = get(app, ASKED, Accept=JSON)
    assert again == (status, headers, body)
    assert store.queries == 1
    # another Accept is another representation: it goes to the app
    get(app, ASKED, Accept="text/csv")
    assert store.queries == 2


def test_revalidation_and_head_are_answered_from_the_recording(
    counted: tuple[Flask, CountingStore],
) -> None:
    app, store = counted
    _, headers, _ = get(app, ASKED, Accept=JSON)
    status, revalidated, body = get(app, ASKED, Accept=JSON, **{"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""
    assert revalidated["ETag"] == headers["ETag"] and revalidated["Vary"] == "Accept"
    head = app.test_client().head(ASKED, headers={"Accept": JSON})
    assert head.status_code == 200 and head.get_data() == b""
    assert head.headers["Content-Length"] == headers["Content-Length"]
    assert store.queries == 1


def test_errors_and_posts_are_never_replayed(counted: tuple[Flask, CountingStore]) -> None:
    app, store = counted
    for _ in range(2):
        assert get(app, "/sparql?query=SELEKT", Accept=JSON)[0] == 400
    client = app.test_client()
    for _ in range(2):
        response = client.post("/sparql", data={"query": QUERY}, headers={"Accept": JSON})
        assert response.status_code == 200
    assert store.queries == 4


def test_recordings_belong_to_one_dataset_version() -> None:
    seen: list[str] = []

    def app(environ: dict[str, object], start_response: object) -> list[bytes]:
        seen.append(str(environ["PATH_INFO"]))
        environ["iomgraph.replayable"] = True
        start_response("200 OK", [("Content-Type", "text/plain")])  # type: ignore[operator]
        return [b"answer"]

    def call(layer: ReplayLayer) -> bytes:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/x", "QUERY_STRING": ""}
        return b"".join(layer(environ, lambda *args: None))

    old = ReplayLayer(app, "v1", entries=4, max_bytes=1000)
    assert call(old) == call(old) == b"answer" and len(seen) == 1
    new = ReplayLayer(app, "v2", entries=4, max_bytes=1000)
    new.recorded = old.recorded  # even sharing one store of recordings, v2 asks the app
    call(new)
    assert len(seen) == 2
    off = ReplayLayer(app, "v1", entries=4, max_bytes=1000, enabled=False)
    call(off), call(off)
    assert len(seen) == 4
