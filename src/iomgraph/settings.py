"""Settings declared once (name, default, help), read from ``IOMGRAPH_*`` env vars or CLI options.

Nothing is read at import time: :func:`load_settings` reads the environment when called.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_BASE_IRI = "https://w3id.org/iomgraph/"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return "IOMGRAPH_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("base_iri", DEFAULT_BASE_IRI, "Base IRI under which every resource is minted."),
    Setting("data_dir", "data", "Folder holding the built dumps (iom.ttl, links.ttl, void.ttl)."),
    Setting("host", "127.0.0.1", "Address the server listens on."),
    Setting("port", 8000, "Port the server listens on."),
    Setting("workers", 0, "Server processes (0: two; one for large in-memory data)."),
    Setting("threads", 4, "Request threads per server worker process."),
    Setting("query_timeout_ms", 10_000, "Time limit for one SPARQL query, in milliseconds."),
    Setting("max_rows", 10_000, "Most rows a SELECT returns; a cut result says so in a header."),
    Setting("max_request_bytes", 1_000_000, "Largest request body accepted, in bytes."),
    Setting("cache_enabled", True, "Cache query results per (query, format, dataset version)."),
    Setting("cache_entries", 1024, "Most query results (and whole responses) kept in the cache."),
    Setting("cache_megabytes", 64, "Most memory the response cache of one worker may hold."),
    Setting("query_processes", 2, "Worker processes running SPARQL queries (killed on timeout)."),
    Setting("store_dir", "", "Prebuilt on-disk pyoxigraph store to open instead of the dumps."),
)


@dataclass(frozen=True)
class Settings:
    base_iri: str = DEFAULT_BASE_IRI
    data_dir: str = "data"
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0
    threads: int = 4
    query_timeout_ms: int = 10_000
    max_rows: int = 10_000
    max_request_bytes: int = 1_000_000
    cache_enabled: bool = True
    cache_entries: int = 1024
    cache_megabytes: int = 64
    query_processes: int = 2
    store_dir: str = ""

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir)

    def updated(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _convert(raw: str, default: Any, env_var: str) -> Any:
    if isinstance(default, bool):
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise ValueError(f"{env_var}={raw!r}: expected true or false")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{env_var}={raw!r}: expected a whole number") from None
    return raw


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Read settings from ``environ`` (default ``os.environ``), then apply ``overrides``.

    :raises ValueError: when an environment variable cannot be read as its setting's type.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        if setting.env_var in environ:
            values[setting.name] = _convert(
                environ[setting.env_var], setting.default, setting.env_var
            )
    settings = Settings(**values).updated(**overrides)
    if not settings.base_iri.endswith(("/", "#")):
        settings = replace(settings, base_iri=settings.base_iri + "/")
    return settings


def settings_environment(settings: Settings) -> dict[str, str]:
    """``settings`` as ``IOMGRAPH_*`` variables: what :func:`load_settings` reads back unchanged
    (how the server hands its settings to the worker processes it starts).

    >>> settings_environment(Settings(port=9000))["IOMGRAPH_PORT"]
    '9000'
    """
    environment = {}
    for setting in SETTINGS:
        value = getattr(settings, setting.name)
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        environment[setting.env_var] = text
    return environment


def settings_match_declarations() -> bool:
    """True when ``SETTINGS`` and the ``Settings`` fields name the same things (a test checks)."""
    return [s.name for s in SETTINGS] == [f.name for f in fields(Settings)] and all(
        getattr(Settings(), s.name) == s.default for s in SETTINGS
    )
