"""One command: start every system on the same data, send each the same mix, write the results.

    python -m bench.run                     # N=1 and N=50 (≈0.5 M triples; `make bench`)
    python -m bench.run --scales 1,5,50,500,1000  # the full run, up to 10 M triples (~17 min)
    python -m bench.run --quick             # N=1, 2 s per cell, results in bench/work/

Systems, one at a time, each on a free port on 127.0.0.1: ``iomgraph serve`` (cache on, and
cache off), Oxigraph server (``serve-read-only`` on a store loaded from the same files),
rdflib-endpoint, and two naive baselines (Flask + pyoxigraph, Flask + rdflib).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path
from typing import Any

from bench import report, systems
from bench.client import drive
from bench.generate import WORK, ScaledData, prepare_scale
from bench.workload import Lookups, NamedQuery, Request, build_requests, load_queries
from iomgraph.settings import DEFAULT_BASE_IRI

BENCH = Path(__file__).parent
SLOW_START_LIMIT = 60.0
"""Engines that re-parse the data at start are skipped at a scale where they would take longer."""
SLOW_ENGINES = ("rdflib-endpoint", "flask+rdflib", "flask+pyoxigraph")
DISK_STORE_PREPARE = "iomgraph build-store {store} --data-dir {data}"
DISK_STORE_ENV = ["IOMGRAPH_STORE_DIR={store}"]
"""How iomgraph gets its prebuilt on-disk store from ``--disk-store-from`` organizations up."""


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def cells_for(scale: int, first: bool, has_pages: bool) -> list[tuple[str, int]]:
    """(mode, concurrency) pairs measured at this scale: the full table at the first scale.

    >>> cells_for(50, False, False)
    [('lookup', 1), ('distinct', 8), ('repeated', 8)]
    """
    # Point lookups first: a slow engine still busy with abandoned mix queries would
    # otherwise delay them.
    cells = [("lookup", 1), ("page", 1)] if has_pages else [("lookup", 1)]
    if first:
        return [*cells, ("distinct", 1), ("distinct", 8), ("repeated", 1), ("repeated", 8)]
    return [*cells, ("distinct", 8), ("repeated", 8)]


def one_system_parser(description: str, seconds: float) -> argparse.ArgumentParser:
    """The options of the tools that put one system under the mix (``bench.profile``,
    ``bench.cpu``): which system, at which scale, in which mode, how hard and how long."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--system", required=True)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--mode", default="distinct")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=seconds)
    return parser


def one_system_load(args: argparse.Namespace) -> tuple[systems.SystemSpec, list[Request]]:
    """The system ``args.system`` names at ``args.scale`` and the requests of ``args.mode``.

    :raises KeyError: for a system this benchmark does not know.
    """
    data = prepare_scale(args.scale)
    specs = {s.name: s for s in specs_for(data, systems.iomgraph_available())}
    spec = specs[args.system]
    queries, _ = load_queries(Path("queries"))
    lookups = Lookups.read(data.lookups, DEFAULT_BASE_IRI)
    return spec, build_requests(args.mode, queries, lookups, 200_000, describe=spec.describe)


def specs_for(
    data: ScaledData, iomgraph: bool, disk_store: systems.DiskStore | None = None
) -> list[systems.SystemSpec]:
    specs = []
    if iomgraph:
        if disk_store is not None and data.scale < disk_store.from_scale:
            disk_store = None
        built = disk_store.build(data) if disk_store is not None else None
        for cache in (True, False):
            specs.append(
                systems.iomgraph_spec(
                    data, cache=cache, disk_store=disk_store, prepare_seconds=built
                )
            )
    specs.append(systems.oxigraph_spec(data))
    specs.append(systems.rdflib_endpoint_spec(data))
    specs.append(systems.baseline_spec(data, "pyoxigraph"))
    specs.append(systems.baseline_spec(data, "rdflib"))
    return specs


def measure_system(
    spec: systems.SystemSpec,
    data: ScaledData,
    *,
    queries: list[NamedQuery],
    lookups: Lookups,
    cells: list[tuple[str, int]],
    seconds: float,
    max_requests: int,
    start_timeout: float,
) -> dict[str, Any]:
    run: dict[str, Any] = {
        "scale": data.scale,
        "triples": data.triples,
        "system": spec.name,
        "peer": spec.peer,
        "prepare_s": spec.prepare_seconds,
        "cells": [],
    }
    label = f"{spec.name.replace(' ', '_').replace('(', '').replace(')', '')}-{data.scale}"
    try:
        system = systems.RunningSystem(spec, start_timeout=start_timeout, label=label)
    except systems.StartError as error:
        run["note"] = f"did not start: {error}"
        _log(f"  {spec.name}: {error}")
        return run
    with system:
        run["startup_s"] = round(system.startup_seconds, 3)
        _log(f"  {spec.name}: up in {system.startup_seconds:.2f} s on port {system.port}")
        for mode, concurrency in cells:
            requests = build_requests(mode, queries, lookups, max_requests, describe=spec.describe)
            result = drive(
                system.port,
                requests,
                concurrency=concurrency,
                seconds=seconds,
                sparql_path=spec.sparql_path,
            )
            summary = {"mode": mode, "concurrency": concurrency, **result.summary()}
            run["cells"].append(summary)
            _log(
                f"    {mode:9} c{concurrency}: {summary['qps']:>9,.1f} q/s  "
                f"p50 {summary['p50_ms']} ms  p99 {summary['p99_ms']} ms  "
                f"errors {summary['errors']}/{summary['requests']}"
            )
            if result.errors:
                _log(f"      e.g. {next(iter(result.error_samples))}")
        run["peak_rss_bytes"] = system.peak_bytes
    return run


def predicted_start(runs: list[dict[str, Any]], system: str, scale: int) -> float | None:
    """Start-up at ``scale`` extrapolated linearly from the largest smaller scale measured."""
    earlier = [r for r in runs if r["system"] == system and r.get("startup_s") is not None]
    earlier = [r for r in earlier if r["scale"] < scale]
    if not earlier:
        return None
    last = max(earlier, key=lambda r: r["scale"])
    return float(last["startup_s"]) * scale / last["scale"]


def _stop_on_sigterm(signum: int, frame: object) -> None:
    # Turn SIGTERM into an exception so every ``with RunningSystem`` stops its server.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scales", default="1,50", help="comma-separated N (default 1,50)")
    parser.add_argument("--seconds", type=float, default=5.0, help="time bound per cell")
    parser.add_argument("--max-requests", type=int, default=50_000, help="count bound per cell")
    parser.add_argument("--quick", action="store_true", help="N=1, 2 s cells, output in work/")
    parser.add_argument("--systems", default="", help="only these (comma-separated names)")
    parser.add_argument("--data-dir", type=Path, default=Path("data"))
    parser.add_argument("--queries", type=Path, default=Path("queries"))
    parser.add_argument("--out", type=Path, default=None, help="folder for RESULTS.md etc.")
    parser.add_argument(
        "--iomgraph-prepare", default=DISK_STORE_PREPARE, help="builds iomgraph's on-disk store"
    )
    parser.add_argument(
        "--iomgraph-env", action="append", default=None, help="KEY=VALUE for iomgraph serve"
    )
    parser.add_argument(
        "--disk-store-from", type=int, default=500, help="smallest N given the on-disk store"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite RESULTS.md, plot from results.json"
    )
    args = parser.parse_args(argv)
    if args.report_only:
        out = args.out or BENCH
        write_outputs(json.loads((out / "results.json").read_text(encoding="utf-8")), out)
        return 0
    scales = [1] if args.quick else sorted({int(n) for n in args.scales.split(",")})
    seconds = 2.0 if args.quick else args.seconds
    out = args.out or (WORK if args.quick else BENCH)
    out.mkdir(parents=True, exist_ok=True)
    wanted = {name.strip() for name in args.systems.split(",") if name.strip()}
    queries, query_folder = load_queries(args.queries)
    disk_store = None
    env_items = DISK_STORE_ENV if args.iomgraph_env is None else args.iomgraph_env
    if args.iomgraph_prepare or env_items:
        pairs = tuple((key, value) for key, _, value in (e.partition("=") for e in env_items))
        disk_store = systems.DiskStore(args.iomgraph_prepare, pairs, args.disk_store_from)
    has_iomgraph = systems.iomgraph_available()
    _log(f"iomgraph serve {'found' if has_iomgraph else 'not available: peers only'}")
    runs: list[dict[str, Any]] = []
    data_notes = []
    for index, scale in enumerate(scales):
        data = prepare_scale(scale, data_dir=args.data_dir)
        data_notes.append(f"N={scale}: {data.triples:,} triples from `{data.data_dir}`")
        _log(f"N={scale}: {data.triples:,} triples in {data.data_dir}")
        lookups = Lookups.read(data.lookups, DEFAULT_BASE_IRI)
        for spec in specs_for(data, has_iomgraph, disk_store):
            if wanted and spec.name not in wanted:
                continue
            start_timeout = 600.0
            if spec.name in SLOW_ENGINES and scale > 100:
                guess = predicted_start(runs, spec.name, scale)
                if guess is not None and guess > SLOW_START_LIMIT:
                    note = f"skipped: start-up predicted {guess:.0f} s > {SLOW_START_LIMIT:.0f} s"
                    runs.append({"scale": scale, "triples": data.triples, "system": spec.name,
                                 "peer": spec.peer, "note": note, "cells": []})  # fmt: skip
                    _log(f"  {spec.name}: {note}")
                    continue
                start_timeout = SLOW_START_LIMIT
            cells = cells_for(scale, index == 0, spec.has_pages)
            runs.append(
                measure_system(
                    spec,
                    data,
                    queries=queries,
                    lookups=lookups,
                    cells=cells,
                    seconds=seconds,
                    max_requests=args.max_requests,
                    start_timeout=start_timeout,
                )
            )
    results = {
        "command": "python -m bench.run " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": report.machine(),
        "seconds": seconds,
        "max_requests": args.max_requests,
        "data_note": "; ".join(data_notes),
        "queries_note": f"{len(queries)} from `{query_folder}` + parametrised lookups",
        "runs": runs,
    }
    (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    write_outputs(results, out)
    return 0


def write_outputs(results: dict[str, Any], out: Path) -> None:
    plot = report.write_plot(results, out / "scaling.png")
    report.write_markdown(results, out / "RESULTS.md", plot)
    _log(f"wrote {out / 'RESULTS.md'}")


if __name__ == "__main__":
    sys.exit(main())
