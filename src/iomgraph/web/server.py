"""Run the app on Granian, a production HTTP server (Rust; WSGI interface), in worker processes.

Each worker process builds its own app (and its own query processes) from the ``IOMGRAPH_*``
environment the serving process hands down, so nothing is shared that could be torn by a fork.
"""

from __future__ import annotations

import os

from flask import Flask

from iomgraph.settings import Settings, load_settings, settings_environment
from iomgraph.store.worker import StoreSource, dataset_version


def app_from_environment() -> Flask:
    """The app factory each worker process calls: settings from ``IOMGRAPH_*``."""
    from iomgraph.web import create_app

    return create_app(load_settings())


LARGE_IN_MEMORY_BYTES = 50_000_000
"""Dumps bigger than this (≈ 0.25 M triples of Turtle) are served by one server process."""


def worker_processes(settings: Settings, source: StoreSource) -> int:
    """How many server processes to run: ``settings.workers`` when set (> 0); else two, or one
    when the data is loaded into memory and large — each server process holds its own copy
    (its query processes share it), so a second one would double the memory and the load."""
    if settings.workers > 0:
        return settings.workers
    if source.store_dir:
        return 2
    size = sum(path.stat().st_size for path, _ in source.dump_paths())
    return 1 if size > LARGE_IN_MEMORY_BYTES else 2


def serve(settings: Settings) -> None:
    """Serve ``settings``' data on ``settings.host:settings.port`` until interrupted.

    :raises QueryError: (before listening) when there is no data to serve.
    """
    from granian import Granian
    from granian.constants import Interfaces

    source = StoreSource(settings.base_iri, settings.data_dir, settings.store_dir)
    dataset_version(source)
    os.environ.update(settings_environment(settings))
    server = Granian(
        f"{__name__}:app_from_environment",
        factory=True,
        address=settings.host,
        port=settings.port,
        interface=Interfaces.WSGI,
        workers=worker_processes(settings, source),
        blocking_threads=max(1, settings.threads),
        websockets=False,
        log_access=False,
        workers_kill_timeout=10,
    )
    server.serve()
