"""Profile one system under the benchmark's load with py-spy; print where its time goes.

    python -m bench.profile --system iomgraph --scale 1 --mode distinct --concurrency 8

Starts the system as ``bench.run`` does, drives it for ``--seconds`` while ``py-spy record``
samples the server's process tree (``--subprocesses``, native frames off), then prints the
functions with the most samples: inclusive ("in it or below") and exclusive ("in it").
The raw collapsed stacks stay in ``bench/work/profile-<system>.txt`` (flamegraph input).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from bench import run as bench_run
from bench import systems
from bench.client import drive
from bench.generate import WORK


def summarise(collapsed: Path, top: int) -> str:
    inclusive: Counter[str] = Counter()
    exclusive: Counter[str] = Counter()
    total = 0
    for line in collapsed.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [frame.split(" (", 1)[0] + _where(frame) for frame in stack.split(";")]
        for frame in set(frames[1:]):
            inclusive[frame] += count
        exclusive[frames[-1]] += count
    lines = [f"{total} samples"]
    for title, counter in (("inclusive", inclusive), ("exclusive", exclusive)):
        lines.append(f"-- {title}")
        lines += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in counter.most_common(top)]
    return "\n".join(lines)


def _where(frame: str) -> str:
    # "func (path/to/module.py:123)" → " module.py"
    if " (" not in frame:
        return ""
    location = frame.split(" (", 1)[1].rstrip(")")
    return " " + location.rsplit("/", 1)[-1].split(":", 1)[0]


def main() -> int:
    parser = bench_run.one_system_parser(__doc__.split("\n", 1)[0], seconds=10.0)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    spec, requests = bench_run.one_system_load(args)
    collapsed = WORK / f"profile-{spec.name.replace(' ', '_')}.txt"
    label = f"profile-{spec.name.replace(' ', '_')}"
    with systems.RunningSystem(spec, start_timeout=600, label=label) as system:
        load = threading.Thread(
            target=drive,
            args=(system.port, requests),
            kwargs={
                "concurrency": args.concurrency,
                "seconds": args.seconds + 2,
                "sparql_path": spec.sparql_path,
            },
            daemon=True,
        )
        load.start()
        subprocess.run(
            [
                str(systems.BIN / "py-spy"),
                "record",
                "--pid",
                str(system.process.pid),
                "--subprocesses",
                "--duration",
                str(int(args.seconds)),
                "--format",
                "raw",
                "--output",
                str(collapsed),
                "--nonblocking",
            ],
            check=True,
            capture_output=True,
            timeout=args.seconds + 60,
        )
        load.join(timeout=args.seconds + 30)
    print(summarise(collapsed, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
