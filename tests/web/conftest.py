"""Fixtures: the app on the hand-written fixture data, and the same app behind `iomgraph serve`
on a loopback port. Tests taking ``http`` run twice: through Flask's test client and over HTTP."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from flask import Flask

from iomgraph.settings import Settings, load_settings
from iomgraph.store import QueryStore, open_store
from iomgraph.web import create_app

FIXTURE_DATA = Path(__file__).parent.parent / "fixtures" / "web" / "data"
TEST_SETTINGS = {
    "data_dir": str(FIXTURE_DATA),
    "query_timeout_ms": 1500,
    "max_rows": 20,
    "query_processes": 2,
    "max_request_bytes": 20_000,
}


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings({}, **TEST_SETTINGS)


@pytest.fixture(scope="session")
def store(settings: Settings) -> Iterator[QueryStore]:
    opened = open_store(settings)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def app(settings: Settings, store: QueryStore) -> Flask:
    return create_app(settings, store)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def running_server(
    arguments: Sequence[str], *, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Iterator[str]:
    """`iomgraph serve ARGUMENTS` on a free loopback port, until the block ends; its URL."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "iomgraph"), "serve", "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [*command, *arguments],
            env=dict(env if env is not None else os.environ),
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(url + "/health", timeout=2).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"iomgraph serve did not start: {log.read()!r}")
                time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            process.wait(20)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """`iomgraph serve` on the fixture data; stopped at the end of the session."""
    env = {**os.environ} | {f"IOMGRAPH_{k.upper()}": str(v) for k, v in TEST_SETTINGS.items()}
    with running_server([], env=env) as url:
        yield url


@dataclass
class Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    @property
    def type(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0]


class Caller:
    """One interface over Flask's test client and a real HTTP server."""

    def __init__(self, app: Flask | None, url: str | None) -> None:
        self.client = app.test_client() if app else None
        self.url = url

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        data: bytes | str | dict[str, str] | None = None,
        query: list[tuple[str, str]] | None = None,
    ) -> Answer:
        headers = dict(headers or {})
        if self.client is not None:
            response = self.client.open(
                path, method=method, headers=headers, data=data, query_string=query
            )
            return Answer(response.status_code, dict(response.headers), response.get_data())
        assert self.url is not None
        real = requests.request(
            method, self.url + path, headers=headers, data=data, params=query,
            allow_redirects=False, timeout=30,
        )  # fmt: skip
        return Answer(real.status_code, real.headers, real.content)

    def get(self, path: str, **options: object) -> Answer:
        return self.request("GET", path, **options)  # type: ignore[arg-type]

    def post(self, path: str, **options: object) -> Answer:
        return self.request("POST", path, **options)  # type: ignore[arg-type]


@pytest.fixture(params=["test-client", "http"])
def http(request: pytest.FixtureRequest, app: Flask) -> Caller:
    if request.param == "test-client":
        return Caller(app, None)
    return Caller(None, request.getfixturevalue("server"))
