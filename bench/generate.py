"""Grow the built graph ×N: N organizations shaped exactly like the IOM's entry.

The template is the real build (``data/iom.ttl`` and ``data/links.ttl``), or the stand-in of
``bench/standin.py`` until the build exists. Copy ``k`` re-mints every ``{base}id/<org>/…``
IRI under the slug ``<org>-k``, every reified statement ``{base}id/statement/<hash>`` under a
fresh hash, and suffixes names (labels) with `` (k)`` so lookups by name find one thing. Copy 0
is the template itself; triples that name nothing re-minted (shared vocabulary, dataset
description) are written once. Output is N-Triples (which is also valid Turtle, so the data
folder keeps the names ``iom.ttl``/``links.ttl`` the server expects), streamed line by line
so memory stays flat at any N.

    python -m bench.generate --scale 1000      # → bench/work/scale-1000/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from bench.standin import write_standin
from iomgraph.settings import DEFAULT_BASE_IRI

GENERATOR_VERSION = 2
WORK = Path("bench/work")
SCALED_FILES = ("iom.ttl", "links.ttl")
LABEL_PREDICATES = frozenset(
    f"<{iri}>"
    for iri in (
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://www.w3.org/2004/02/skos/core#altLabel",
        "https://schema.org/name",
        "http://schema.org/name",
        "http://xmlns.com/foaf/0.1/name",
        "http://www.w3.org/2006/vcard/ns#fn",
        "http://purl.org/dc/terms/title",
    )
)
LOOKUP_SAMPLE = 4000
"""How many IRIs and names the lookup sidecar keeps (the workload draws from them)."""

Part = str | int
"""A piece of a line template: literal text, or the index of a token re-minted per copy."""


@dataclass(frozen=True)
class Token:
    kind: str  # "org" (first path segment), "statement" (hash), "label", "bnode"
    key: str

    def value(self, copy: int) -> str:
        if copy == 0:
            return "" if self.kind == "label" else self.key
        if self.kind == "org":
            return f"{self.key}-{copy}"
        if self.kind == "statement":
            return hashlib.sha256(f"{self.key}/{copy}".encode()).hexdigest()[:20]
        if self.kind == "label":
            return f" ({copy})"
        return f"{self.key}x{copy}"


class Template:
    """The template's triples as line templates, tokens shared across lines."""

    def __init__(self, base: str) -> None:
        self.id_prefix = base + "id/"
        self.tokens: list[Token] = []
        self._index: dict[Token, int] = {}
        self.lines: dict[str, list[tuple[Part, ...]]] = {}
        self.subjects: list[tuple[Part, ...]] = []
        self.names: list[tuple[tuple[Part, ...], str]] = []

    def _token(self, kind: str, key: str) -> int:
        token = Token(kind, key)
        if token not in self._index:
            self._index[token] = len(self.tokens)
            self.tokens.append(token)
        return self._index[token]

    def _iri_parts(self, term: ox.NamedNode | ox.BlankNode) -> tuple[Part, ...]:
        if isinstance(term, ox.BlankNode):
            return ("_:", self._token("bnode", term.value))
        value = term.value
        if not value.startswith(self.id_prefix):
            return (str(term),)
        segment, slash, rest = value[len(self.id_prefix) :].partition("/")
        if segment == "statement" and rest:
            return (f"<{self.id_prefix}statement/", self._token("statement", rest), ">")
        return (f"<{self.id_prefix}", self._token("org", segment), f"{slash}{rest}>")

    def add_file(self, name: str, path: Path) -> None:
        lines = self.lines.setdefault(name, [])
        seen_subjects: set[tuple[Part, ...]] = set()
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            subject = self._iri_parts(triple.subject)
            predicate = str(triple.predicate)
            obj = triple.object
            if isinstance(obj, ox.Literal):
                text = str(obj)
                if predicate in LABEL_PREDICATES and any(isinstance(p, int) for p in subject):
                    close = text.rindex('"')
                    obj_parts: tuple[Part, ...] = (
                        text[:close],
                        self._token("label", ""),
                        text[close:],
                    )
                    self.names.append((obj_parts, predicate))
                else:
                    obj_parts = (text,)
            else:
                obj_parts = self._iri_parts(obj)
            parts = (*subject, " ", predicate, " ", *obj_parts, " .\n")
            lines.append(_merge_text(parts))
            if any(isinstance(p, int) for p in subject) and subject not in seen_subjects:
                seen_subjects.add(subject)
                self.subjects.append(_merge_text(subject))

    def values(self, copy: int) -> list[str]:
        return [token.value(copy) for token in self.tokens]


def _merge_text(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return tuple(merged)


def _render(parts: tuple[Part, ...], values: list[str]) -> str:
    return "".join(p if isinstance(p, str) else values[p] for p in parts)


def template_dir(data_dir: Path, base: str) -> Path:
    """The folder holding the template: ``data_dir`` once built, else a build of our own in
    ``WORK`` (``iomgraph build``), else the stand-in entry while the build does not work yet.
    """
    if (data_dir / "iom.ttl").is_file():
        return data_dir
    built = WORK / "built"
    if not (built / "iom.ttl").is_file():
        command = [str(Path(sys.executable).parent / "iomgraph"), "build", "--data-dir", str(built)]
        subprocess.run(command, capture_output=True, timeout=600, check=False)
    if (built / "iom.ttl").is_file():
        return built
    standin = WORK / "standin"
    if not (standin / "iom.ttl").is_file():
        write_standin(standin / "iom.ttl", base)
    return standin


def load_template(source: Path, base: str) -> Template:
    template = Template(base)
    for name in SCALED_FILES:
        if (source / name).is_file():
            template.add_file(name, source / name)
    return template


def _copy_lines(template: Template, name: str, scale: int) -> Iterator[str]:
    lines = template.lines[name]
    varying = [parts for parts in lines if any(isinstance(p, int) for p in parts)]
    for parts in lines:
        yield _render(parts, template.values(0)) if len(parts) > 1 else str(parts[0])
    for copy in range(1, scale):
        values = template.values(copy)
        for parts in varying:
            yield _render(parts, values)


@dataclass(frozen=True)
class ScaledData:
    """A data folder at one scale, ready to serve, with what the workload draws from."""

    scale: int
    data_dir: Path
    triples: int
    lookups: Path
    generated: bool

    def files(self) -> list[Path]:
        """The RDF files of the folder (what the peers load)."""
        return sorted(self.data_dir.glob("*.ttl"))


def _fingerprint(source: Path) -> str:
    digest = hashlib.sha256(str(GENERATOR_VERSION).encode())
    for name in SCALED_FILES:
        if (source / name).is_file():
            digest.update((source / name).read_bytes())
    return digest.hexdigest()[:16]


def _write_lookups(template: Template, scale: int, path: Path) -> None:
    rng = random.Random(scale)
    iris = set()
    names = set()
    for _ in range(LOOKUP_SAMPLE * 2):
        if len(iris) >= LOOKUP_SAMPLE:
            break
        values = template.values(rng.randrange(scale))
        iris.add(_render(rng.choice(template.subjects), values))
    for _ in range(LOOKUP_SAMPLE * 2):
        if len(names) >= LOOKUP_SAMPLE or not template.names:
            break
        parts, predicate = rng.choice(template.names)
        names.add((_render(parts, template.values(rng.randrange(scale))), predicate))
    path.write_text(
        json.dumps({"iris": sorted(iris), "names": sorted(names)}, indent=0), encoding="utf-8"
    )


def prepare_scale(
    scale: int, *, data_dir: Path = Path("data"), base: str = DEFAULT_BASE_IRI
) -> ScaledData:
    """Return the data folder for ``scale``, generating it under ``WORK`` unless up to date.

    At scale 1 the template folder itself is served (the real Turtle, or the stand-in).

    :raises ValueError: when ``scale`` is below 1.
    """
    if scale < 1:
        raise ValueError(f"scale must be at least 1, got {scale}")
    source = template_dir(data_dir, base)
    fingerprint = _fingerprint(source)
    target = WORK / f"scale-{scale}"
    manifest_path = target / "manifest.json"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("fingerprint") == fingerprint:
            served = source if scale == 1 else target
            return ScaledData(scale, served, manifest["triples"], target / "lookups.json", False)
    template = load_template(source, base)
    target.mkdir(parents=True, exist_ok=True)
    triples = 0
    if scale == 1:
        triples = sum(len(lines) for lines in template.lines.values())
    else:
        for name in template.lines:
            partial = target / (name + ".part")
            with partial.open("w", encoding="utf-8", buffering=1 << 20) as out:
                for line in _copy_lines(template, name, scale):
                    out.write(line)
                    triples += 1
            partial.replace(target / name)
        for extra in sorted(source.glob("*.ttl")):
            if extra.name not in SCALED_FILES:
                shutil.copyfile(extra, target / extra.name)
                triples += sum(1 for _ in ox.parse(path=str(extra), format=ox.RdfFormat.TURTLE))
    _write_lookups(template, scale, target / "lookups.json")
    manifest_path.write_text(
        json.dumps({"scale": scale, "triples": triples, "fingerprint": fingerprint}),
        encoding="utf-8",
    )
    served = source if scale == 1 else target
    return ScaledData(scale, served, triples, target / "lookups.json", True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", type=int, action="append", required=True)
    parser.add_argument("--data-dir", type=Path, default=Path("data"))
    args = parser.parse_args()
    for scale in args.scale:
        scaled = prepare_scale(scale, data_dir=args.data_dir)
        print(f"N={scale}: {scaled.triples:,} triples in {scaled.data_dir}")


if __name__ == "__main__":
    main()
