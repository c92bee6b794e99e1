"""Turn a run's raw results into ``RESULTS.md`` (tables, ratios, targets) and ``scaling.png``."""

from __future__ import annotations

import datetime
import importlib.metadata
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

import psutil

PACKAGES = (
    "iomgraph",
    "rdflib",
    "pyoxigraph",
    "oxigraph",
    "rdflib-endpoint",
    "flask",
    "granian",
    "waitress",
    "uvicorn",
    "requests",
    "psutil",
)
ANALYSIS = Path(__file__).parent / "analysis.md"
IOMGRAPH = "iomgraph"
BEGIN = "<!-- written by python -m bench.run: begin -->"
END = "<!-- written by python -m bench.run: end -->"
IOMGRAPH_NO_CACHE = "iomgraph (no cache)"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
        "packages": versions,
    }


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _cells(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [cell for run in results["runs"] for cell in run.get("cells", [])]


def _find(
    results: dict[str, Any], scale: int, system: str, mode: str, concurrency: int
) -> dict[str, Any] | None:
    for run in results["runs"]:
        if run["scale"] != scale or run["system"] != system:
            continue
        for cell in run.get("cells", []):
            if cell["mode"] == mode and cell["concurrency"] == concurrency:
                return dict(cell)
    return None


def _run(results: dict[str, Any], scale: int, system: str) -> dict[str, Any] | None:
    for run in results["runs"]:
        if run["scale"] == scale and run["system"] == system:
            return dict(run)
    return None


def _system_rows(results: dict[str, Any], scale: int) -> list[str]:
    lines = [
        "| system | mode | conc. | queries/s | p50 ms | p99 ms | errors / requests |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for run in results["runs"]:
        if run["scale"] != scale:
            continue
        for cell in run.get("cells", []):
            flag = " ✗" if failing(cell) else ""
            lines.append(
                f"| {run['system']} | {cell['mode']} | {cell['concurrency']} | "
                f"{_fmt(cell['qps'])}{flag} | {_fmt(cell['p50_ms'], 2)} | "
                f"{_fmt(cell['p99_ms'], 2)} | {cell['errors']} / {cell['requests']} |"
            )
    lines += [
        "",
        "✗ = more than 1 % errors: queries/s then counts a different mix (good answers only).",
    ]
    return lines


def failing(cell: dict[str, Any]) -> bool:
    """More than 1 % of the cell's requests failed (its queries/s is not comparable)."""
    return bool(cell["requests"]) and cell["errors"] > 0.01 * cell["requests"]


def _startup_rows(results: dict[str, Any], scale: int) -> list[str]:
    lines = [
        "| system | start-up s | prepare s | peak memory MB | note |",
        "|---|--:|--:|--:|---|",
    ]
    for run in results["runs"]:
        if run["scale"] != scale:
            continue
        peak = run.get("peak_rss_bytes")
        lines.append(
            f"| {run['system']} | {_fmt(run.get('startup_s'), 2)} | "
            f"{_fmt(run.get('prepare_s'), 1)} | {_fmt(peak / 2**20 if peak else None, 0)} | "
            f"{run.get('note', '')} |"
        )
    return lines


def _ratio_rows(results: dict[str, Any], scale: int) -> list[str]:
    peers = sorted(
        {run["system"] for run in results["runs"] if run["scale"] == scale and run.get("peer")}
    )
    ours = [s for s in (IOMGRAPH, IOMGRAPH_NO_CACHE) if _run(results, scale, s)]
    if not peers or not ours:
        return ["(no iomgraph or no peer at this scale)"]
    lines = [
        "| iomgraph / peer (queries/s) | mode | conc. | " + " | ".join(peers) + " |",
        "|---|---|--:|" + "--:|" * len(peers),
    ]
    modes = sorted({(c["mode"], c["concurrency"]) for c in _cells(results)})
    for system in ours:
        for mode, concurrency in modes:
            mine = _find(results, scale, system, mode, concurrency)
            if not mine or not mine["qps"] or failing(mine):
                continue
            ratios = []
            for peer in peers:
                theirs = _find(results, scale, peer, mode, concurrency)
                ratios.append(
                    f"{mine['qps'] / theirs['qps']:.2f}×"
                    if theirs and theirs["qps"] and not failing(theirs)
                    else "–"
                )
            lines.append(f"| {system} | {mode} | {concurrency} | " + " | ".join(ratios) + " |")
    return lines


def _qps_ratio(results: dict[str, Any], scale: int, mine: str, peer: str, mode: str) -> Any:
    ours = _find(results, scale, mine, mode, 8)
    theirs = _find(results, scale, peer, mode, 8)
    if not ours or not theirs or not theirs["qps"]:
        return None
    return ours["qps"] / theirs["qps"]


def scale_near(results: dict[str, Any], triples: int) -> int | None:
    """The measured scale whose triple count is closest to ``triples`` (within a factor 2).

    The issue names its sizes in triples (≈0.5 M, ≈5 M); how many organizations that takes
    depends on how big one built entry is.
    """
    sizes = {run["scale"]: run["triples"] for run in results["runs"]}
    near = [(abs(n - triples), s) for s, n in sizes.items() if triples / 2 <= n <= triples * 2]
    return min(near)[1] if near else None


def targets(results: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """(target, goal, measured, met) for each target of issue 4 that this run measured."""
    rows: list[tuple[str, str, str, bool | None]] = []

    def ratio(label: str, scale: int, mine: str, peer: str, mode: str, goal: float) -> None:
        value = _qps_ratio(results, scale, mine, peer, mode)
        if value is not None:
            rows.append((label, f"≥ {goal}×", f"{value:.2f}×", value >= goal))

    half = scale_near(results, 500_000)
    five = scale_near(results, 5_000_000)
    ratio("N=1, c8, distinct vs Oxigraph", 1, IOMGRAPH, "oxigraph", "distinct", 0.5)
    ratio("N=1, c8, distinct, cache off, vs Oxigraph", 1, IOMGRAPH_NO_CACHE, "oxigraph",
          "distinct", 0.5)  # fmt: skip
    ratio("N=1, c8, repeated vs Oxigraph", 1, IOMGRAPH, "oxigraph", "repeated", 1.0)
    ratio("N=1, c8, distinct vs rdflib-endpoint", 1, IOMGRAPH, "rdflib-endpoint", "distinct", 5.0)
    if half is not None:
        label = f"N={half} (≈0.5 M), c8, mix vs Oxigraph"
        ratio(label, half, IOMGRAPH, "oxigraph", "distinct", 1.0)
    for scale, start_goal, memory_goal in ((half, 3.0, 1024), (five, 5.0, 2048)):
        run = _run(results, scale, IOMGRAPH) if scale is not None else None
        if not run or run.get("startup_s") is None:
            continue
        startup = run["startup_s"]
        rows.append((f"N={scale} start-up", f"< {start_goal:g} s", f"{startup:.2f} s",
                     startup < start_goal))  # fmt: skip
        peak = run["peak_rss_bytes"] / 2**20
        rows.append((f"N={scale} peak memory", f"< {memory_goal:,} MB", f"{peak:,.0f} MB",
                     peak < memory_goal))  # fmt: skip
    for mode in ("lookup", "page"):
        cell = _find(results, five, IOMGRAPH, mode, 1) if five is not None else None
        if cell and cell["p50_ms"] is not None:
            rows.append((f"N={five} (≈5 M) point lookup p50 ({mode})", "< 20 ms",
                         f"{cell['p50_ms']:.1f} ms", cell["p50_ms"] < 20))  # fmt: skip
    return rows


def write_markdown(results: dict[str, Any], path: Path, plot: Path | None) -> None:
    info = results["machine"]
    scales = sorted({run["scale"] for run in results["runs"]})
    lines = [
        "# Benchmark results: iomgraph against its peers",
        "",
        f"Written by `{results['command']}` on {info['date']} (commit `{info['commit']}`).",
        "",
        f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gb']} GB memory, "
        f"Python {info['python']}, {info['platform']}. Client and servers share the machine.",
        "",
        "Packages: "
        + ", ".join(f"{name} {version}" for name, version in info["packages"].items() if version)
        + ".",
        "",
        f"Data: {results['data_note']}. Queries: {results['queries_note']}. "
        f"Each cell runs for at most {results['seconds']:g} s and "
        f"{results['max_requests']:,} requests. See `bench/README.md` for how to read this.",
        "",
        "## Targets (issue 4)",
        "",
        "| target | goal | measured | met |",
        "|---|---|---|---|",
    ]
    rows = targets(results)
    for label, goal, measured, met in rows:
        lines.append(f"| {label} | {goal} | {measured} | {'yes' if met else '**no**'} |")
    if not rows:
        lines.append("| (none measured: no `iomgraph serve` in this run) | | | |")
    for scale in scales:
        triples = next(r["triples"] for r in results["runs"] if r["scale"] == scale)
        lines += ["", f"## N = {scale:,} ({triples:,} triples)", ""]
        lines += [*_startup_rows(results, scale), ""]
        lines += [*_system_rows(results, scale), ""]
        lines += _ratio_rows(results, scale)
        mismatches = row_mismatches(results, scale)
        if mismatches:
            lines += ["", "Row counts that differ between systems (first answer per query):", ""]
            lines += [f"- `{kind}`: {counts}" for kind, counts in mismatches.items()]
    if plot is not None:
        lines += ["", "## Growth with N", "", f"![scaling]({plot.name})"]
    if ANALYSIS.is_file():
        lines += ["", ANALYSIS.read_text(encoding="utf-8").strip()]
    block = "\n".join([BEGIN, *lines, END])
    path.write_text(_splice(path, block), encoding="utf-8")


def _splice(path: Path, block: str) -> str:
    """``path``'s text with our block replaced (or put first): other sections are kept."""
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    if BEGIN in existing and END in existing:
        head, rest = existing.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        return head + block + tail
    return block + "\n" + ("\n" + existing if existing.strip() else "")


def row_mismatches(results: dict[str, Any], scale: int) -> dict[str, dict[str, int]]:
    by_kind: dict[str, dict[str, int]] = {}
    for run in results["runs"]:
        if run["scale"] != scale:
            continue
        for cell in run.get("cells", []):
            for kind, rows in cell.get("rows", {}).items():
                by_kind.setdefault(kind, {}).setdefault(run["system"], rows)
    return {k: v for k, v in sorted(by_kind.items()) if len(set(v.values())) > 1}


def write_plot(results: dict[str, Any], path: Path) -> Path | None:
    """Plot queries/s, lookup p50, start-up and memory against N; None when one scale only."""
    scales = sorted({run["scale"] for run in results["runs"]})
    if len(scales) < 2:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = sorted({run["system"] for run in results["runs"]})
    panels = (
        ("mix queries/s (distinct, c8)", lambda s, n: _cell_value(results, n, s, "distinct", 8)),
        ("point lookup p50 ms (DESCRIBE, c1)", lambda s, n: _p50(results, n, s, "lookup")),
        ("start-up s", lambda s, n: _run_value(results, n, s, "startup_s")),
        ("peak memory MB", lambda s, n: _run_value(results, n, s, "peak_rss_bytes", 2**20)),
    )
    figure, axes = plt.subplots(2, 2, figsize=(11, 8))
    for axis, (title, value_of) in zip(axes.flat, panels, strict=True):
        for system in systems:
            points = [(n, value_of(system, n)) for n in scales]
            points = [(n, v) for n, v in points if v]
            if points:
                axis.plot(*zip(*points, strict=True), marker="o", label=system)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_title(title)
        axis.set_xlabel("N (organizations)")
        axis.grid(True, which="both", alpha=0.3)
    axes.flat[0].legend(fontsize=8)
    figure.suptitle(f"iomgraph vs peers, growth with N ({results['machine']['date']})")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def _cell_value(
    results: dict[str, Any], scale: int, system: str, mode: str, concurrency: int
) -> float | None:
    cell = _find(results, scale, system, mode, concurrency)
    return cell["qps"] if cell and not failing(cell) else None


def _p50(results: dict[str, Any], scale: int, system: str, mode: str) -> float | None:
    cell = _find(results, scale, system, mode, 1)
    return cell["p50_ms"] if cell else None


def _run_value(
    results: dict[str, Any], scale: int, system: str, key: str, divisor: float = 1.0
) -> float | None:
    run = _run(results, scale, system)
    if not run or run.get(key) is None:
        return None
    return float(run[key]) / divisor
