"""Whole-Manual build: entities per second and peak memory on an edition-sized GOVMAN file.

The edition is synthesised from the four XML fixtures (``tests/fixtures/xml``): round ``k``
copies the three top-level entities and a parent "World Bank k" holding the MIGA sub-entity,
each with a fresh ``EntityId`` and its name suffixed `` k`` (so every copy mints its own
IRIs), until the file reaches the target size (default 8 MB, like a real edition).

Each build runs in a child process so its peak RSS (``ru_maxrss``) is its own; building a
quarter-size edition as well shows whether memory grows with the edition (it should not:
one entity is held at a time).

    python -m bench.edition                 # → bench/work/edition/, prints a Markdown table
    python -m bench.edition --no-validate   # mapping and writing only (no SHACL)
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from iomgraph.settings import DEFAULT_BASE_IRI

WORK = Path("bench/work/edition")
FIXTURES = Path("tests/fixtures/xml")
TOP_LEVEL = (
    "african-development-bank.govman.xml",
    "asian-development-bank.govman.xml",
    "international-organization-for-migration.govman.xml",
)
SUB_ENTITY = "multilateral-investment-guarantee-agency.govman.xml"
_ENTITY_ID = re.compile(r'(<(?:Entity|SubEntityLevel\w+) EntityId=")\d+(")')
_PARENT_ID = re.compile(r'( ParentId=")\d+(")')
_AGENCY_NAME = re.compile(r"(<AgencyName>)([^<]*)(</AgencyName>)")


def _copy(fragment: str, entity_id: int, parent_id: int, suffix: str) -> str:
    """The fragment as a new entity: new ids, its own (first) AgencyName suffixed."""
    fragment = _ENTITY_ID.sub(rf"\g<1>{entity_id}\g<2>", fragment, count=1)
    fragment = _PARENT_ID.sub(rf"\g<1>{parent_id}\g<2>", fragment, count=1)
    return _AGENCY_NAME.sub(rf"\g<1>\g<2> {suffix}\g<3>", fragment, count=1)


def synthesise(path: Path, target_bytes: int) -> tuple[int, int]:
    """Write an edition of about ``target_bytes``; return (top-level entities, bytes)."""
    tops = [(FIXTURES / name).read_text("utf-8") for name in TOP_LEVEL]
    sub = (FIXTURES / SUB_ENTITY).read_text("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    written = entities = 0
    next_id = 100_000
    with path.open("w", encoding="utf-8") as out:
        head = '<?xml version="1.0" encoding="UTF-8"?>\n<GovernmentManual>\n'
        written += out.write(head)
        round_ = 0
        while written < target_bytes:
            round_ += 1
            parts = []
            for fragment in tops:
                parts.append(_copy(fragment, next_id, 0, str(round_)))
                next_id += 1
            parent_id, next_id = next_id, next_id + 2
            parts.append(
                f'    <Entity EntityId="{parent_id}" ParentId="0" SortOrder="{round_}">\n'
                f"        <AgencyName>World Bank {round_}</AgencyName>\n"
                "        <Childrens>\n"
                + _copy(sub, parent_id + 1, parent_id, str(round_))
                + "        </Childrens>\n    </Entity>\n"
            )
            for part in parts:
                written += len(part.encode("utf-8"))
                out.write(part)
            entities += len(parts)
        out.write("</GovernmentManual>\n")
    return entities, path.stat().st_size


def run_child(edition: Path, out_dir: Path, validate: bool) -> dict[str, object]:
    """One build in this process; returns its measurements."""
    from iomgraph.edition import build_edition

    checker = None
    if not validate:

        class _Accept:
            conforms = True
            report = ""

        def checker(graph: object) -> _Accept:
            return _Accept()

    start = time.perf_counter()
    result = build_edition(edition, out_dir, DEFAULT_BASE_IRI, validate=checker)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "entities": result.entities,
        "organizations": result.organizations,
        "triples": result.triples,
        "seconds": round(seconds, 2),
        "entities_per_s": round(result.entities / seconds, 2),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "input_mib": round(edition.stat().st_size / 2**20, 2),
        "output_mib": round(result.files[0].stat().st_size / 2**20, 1),
        "validated": validate,
    }


def _measure(edition: Path, validate: bool) -> dict[str, object]:
    command = [sys.executable, "-m", "bench.edition", "--child", str(edition)]
    if not validate:
        command.append("--no-validate")
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    measured: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=8.0, help="edition size (default 8)")
    parser.add_argument("--no-validate", action="store_true", help="skip SHACL per entity")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    validate = not args.no_validate
    if args.child is not None:
        out_dir = args.child.parent / f"out-{args.child.stem}"
        print(json.dumps(run_child(args.child, out_dir, validate)))
        return
    rows = []
    for label, fraction in (("quarter", 0.25), ("full", 1.0)):
        edition = WORK / f"GOVMAN-bench-{label}.xml"
        synthesise(edition, int(args.size_mb * fraction * 2**20))
        rows.append(_measure(edition, validate))
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    print(f"command: python -m bench.edition{' --no-validate' if not validate else ''}")
    print()
    print("| input | entities (orgs) | triples | time | entities/s | peak RSS | output | SHACL |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['input_mib']} MiB | {row['entities']} ({row['organizations']}) | "
            f"{row['triples']} | {row['seconds']} s | {row['entities_per_s']} | "
            f"{row['peak_rss_mib']} MiB | {row['output_mib']} MiB | "
            f"{'each entity' if row['validated'] else 'off'} |"
        )


if __name__ == "__main__":
    main()
