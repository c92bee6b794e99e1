"""Deterministic dumps (Turtle, JSON-LD, N-Triples) and atomic writes.

Building twice gives byte-identical files: Turtle uses rdflib's ``longturtle`` (sorted,
diff-able), N-Triples lines are sorted, JSON-LD nodes and values are sorted. Nothing is
fetched from the network: the JSON-LD context is passed as a dict, never as a URL.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from rdflib import Graph


class DumpFormat(Enum):
    """A dump format: rdflib plugin name, media type and file extension."""

    TURTLE = ("longturtle", "text/turtle", "ttl")
    JSON_LD = ("json-ld", "application/ld+json", "jsonld")
    N_TRIPLES = ("nt", "application/n-triples", "nt")

    def __init__(self, plugin: str, media_type: str, extension: str) -> None:
        self.plugin = plugin
        self.media_type = media_type
        self.extension = extension


@dataclass(frozen=True)
class Dump:
    format: DumpFormat
    content: bytes


def load_context(path: Path) -> dict[str, Any]:
    """Read a JSON-LD context file; returns the object under ``@context``.

    :raises ValueError: when the file is not a JSON object with an ``@context``.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "@context" not in data:
        raise ValueError(f"{path}: expected a JSON object with an '@context' member")
    context = data["@context"]
    if not isinstance(context, dict):
        raise ValueError(f"{path}: '@context' must be an object")
    return context


def _sorted_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted_json(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def serialize(graph: Graph, fmt: DumpFormat, context: Mapping[str, Any] | None = None) -> bytes:
    """Serialize ``graph`` deterministically in ``fmt``."""
    if fmt is DumpFormat.N_TRIPLES:
        text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        lines = sorted(line for line in text.splitlines() if line.strip())
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt is DumpFormat.JSON_LD:
        raw = graph.serialize(format="json-ld", context=dict(context or {}), auto_compact=True)
        data = json.loads(raw)
        if "@graph" in data and isinstance(data["@graph"], list):
            data["@graph"] = sorted(
                (_sorted_json(node) for node in data["@graph"]), key=lambda n: str(n.get("@id", ""))
            )
        elif isinstance(data, dict):
            data = _sorted_json(data)
        return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode(
            "utf-8"
        )
    return graph.serialize(format=fmt.plugin, encoding="utf-8")


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


def write_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file or none: each goes to a temp file beside it, then all are renamed.

    If writing any temp file fails, the temp files are removed and no target is touched, so
    a failed build leaves the previous dumps intact.

    :raises OSError: when a file cannot be written.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for target, content in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
            staged.append((target, temp_name))
            os.chmod(temp_name, _FILE_MODE)  # mkstemp makes 0600; dumps are for everyone
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
    except BaseException:
        for _, temp_name in staged:
            Path(temp_name).unlink(missing_ok=True)
        raise
    for target, temp_name in staged:
        os.replace(temp_name, target)
