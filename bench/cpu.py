"""Where the CPU goes under load: CPU seconds per request of each process of one system, and of
the load driver itself, while the benchmark's mix runs.

    python -m bench.cpu --system iomgraph --mode distinct --concurrency 8
    python -m bench.cpu --system oxigraph --mode distinct --concurrency 8

On a 2-core machine where client and server share the cores, queries/s is bounded by the CPU
one request costs in all of them together; this shows that cost split by process, which a
sampling profiler (``bench.profile``) does not (it counts waiting threads as well).
"""

from __future__ import annotations

import sys
import time

import psutil

from bench import run as bench_run
from bench import systems
from bench.client import drive

WARM_UP_REQUESTS = 2_000


def _cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def main() -> int:
    parser = bench_run.one_system_parser(__doc__.split("\n", 1)[0], seconds=5.0)
    args = parser.parse_args()
    spec, requests = bench_run.one_system_load(args)
    with systems.RunningSystem(spec, start_timeout=600, label=f"cpu-{args.system}") as system:
        warm = requests[:WARM_UP_REQUESTS]
        drive(
            system.port, warm, concurrency=args.concurrency, seconds=2, sparql_path=spec.sparql_path
        )
        root = psutil.Process(system.process.pid)
        tree = [root, *root.children(recursive=True)]
        before = {p.pid: _cpu_seconds(p) for p in tree}
        me = psutil.Process()
        client_before = _cpu_seconds(me)
        started = time.perf_counter()
        cell = drive(
            system.port,
            requests,
            concurrency=args.concurrency,
            seconds=args.seconds,
            sparql_path=spec.sparql_path,
        )
        wall = time.perf_counter() - started
        answered = max(1, cell.requests - cell.errors)
        print(f"{args.system}, N={args.scale}, {args.mode}, c{args.concurrency}: "
              f"{answered / wall:,.0f} q/s over {wall:.1f} s; CPU per request:")  # fmt: skip
        for process in tree:
            try:
                spent = _cpu_seconds(process) - before[process.pid]
                name = " ".join(process.cmdline())[:70]
            except psutil.NoSuchProcess:
                continue
            if spent > 0.01:
                print(f"  {spent / answered * 1e3:6.3f} ms  ({100 * spent / wall:4.0f} % of a core)"
                      f"  pid {process.pid}  {name}")  # fmt: skip
        client = _cpu_seconds(me) - client_before
        print(f"  {client / answered * 1e3:6.3f} ms  ({100 * client / wall:4.0f} % of a core)"
              "  the load driver (this process)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
