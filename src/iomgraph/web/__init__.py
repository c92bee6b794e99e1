"""The web app: ``create_app(settings, store)``; nothing is built at import time."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from iomgraph.settings import Settings, load_settings
from iomgraph.store import QueryStore, open_store
from iomgraph.web import downloads, http, pages, sparql
from iomgraph.web.replay import ReplayLayer


def create_app(settings: Settings | None = None, store: QueryStore | None = None) -> Flask:
    """Build the Flask app serving ``store`` (opened from ``settings`` when not given).

    The project folders (``ontology/``, ``queries/``) are looked up next to ``data_dir``.

    :raises QueryError: when the data cannot be found or opened.
    """
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["iomgraph.settings"] = settings
    store = store or open_store(settings)
    app.extensions["iomgraph.store"] = store
    app.extensions["iomgraph.root"] = Path(settings.data_dir).resolve().parent
    http.install(app)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(downloads.blueprint)
    app.register_blueprint(pages.blueprint)
    app.wsgi_app = ReplayLayer(  # type: ignore[method-assign]
        app.wsgi_app,
        store.version,
        entries=settings.cache_entries,
        max_bytes=settings.cache_megabytes * 1_000_000,
        enabled=settings.cache_enabled,
    )
    return app
