"""The web app: ``create_app(settings, store)``; nothing is built at import time."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from iomgraph.settings import Settings, load_settings
from iomgraph.store import QueryStore, open_store
from iomgraph.web import downloads, http, pages, sparql


def create_app(settings: Settings | None = None, store: QueryStore | None = None) -> Flask:
    """Build the Flask app serving ``store`` (opened from ``settings`` when not given).

    The project folders (``ontology/``, ``queries/``) are looked up next to ``data_dir``.

    :raises QueryError: when the data cannot be found or opened.
    """
    settings = settings or load_settings()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["iomgraph.settings"] = settings
    app.extensions["iomgraph.store"] = store or open_store(settings)
    app.extensions["iomgraph.root"] = Path(settings.data_dir).resolve().parent
    http.install(app)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(downloads.blueprint)
    app.register_blueprint(pages.blueprint)
    return app
