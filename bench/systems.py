"""The systems under test: how to prepare, start, probe, measure and stop each one.

Every server runs on 127.0.0.1 on a free port, in its own process group, so stopping it
stops everything it started. Start-up time is process start → first successful query;
peak memory is the highest summed PSS (proportional set size) of the process tree, sampled
every 100 ms: pages shared by forked processes count once.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.generate import WORK, ScaledData

BIN = Path(sys.executable).parent
READY_QUERY = "ASK { ?s ?p ?o }"
LOGS = WORK / "logs"


@dataclass(frozen=True)
class SystemSpec:
    """One system: a name for the table, and how to prepare and launch it on a port."""

    name: str
    launch: Callable[[int], list[str]]
    env: dict[str, str] = field(default_factory=dict)
    prepare_seconds: float | None = None
    """Time spent once before start (e.g. ``oxigraph load``), when it was spent this run."""
    has_pages: bool = False
    """Serves ``/doc/…`` resource pages (iomgraph only)."""
    peer: bool = True
    """False for iomgraph itself (ratios are iomgraph / peer)."""
    sparql_path: str = "/sparql"
    describe: bool = True
    """False when the server answers DESCRIBE wrongly; lookups then use CONSTRUCT."""


class StartError(RuntimeError):
    """A system did not answer a query within its start-up budget."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MemorySampler(threading.Thread):
    """Samples the summed PSS of a process tree until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_bytes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop_event.is_set():
            total = 0
            try:
                for process in (root, *root.children(recursive=True)):
                    with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                        total += _proportional_bytes(process)
            except psutil.NoSuchProcess:
                return
            self.peak_bytes = max(self.peak_bytes, total)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=2)


def _proportional_bytes(process: psutil.Process) -> int:
    """The process's proportional set size (PSS): its private pages plus its share of pages
    it shares with others, so that a tree of forked processes sharing data copy-on-write is
    not counted once per process (as summing RSS would). Falls back to RSS without PSS."""
    info = process.memory_full_info()
    return int(getattr(info, "pss", info.rss))


def probe(port: int, sparql_path: str = "/sparql", timeout: float = 5.0) -> bool:
    """True when the server on ``port`` answers an ASK query with 200."""
    path = sparql_path + "?" + urllib.parse.urlencode({"query": READY_QUERY})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
        response = connection.getresponse()
        body = response.read()
        return response.status == 200 and json.loads(body).get("boolean") is True
    except (OSError, http.client.HTTPException, ValueError):
        return False
    finally:
        connection.close()


class RunningSystem:
    """A started system; use as a context manager so it is always stopped.

    :raises StartError: (from the constructor, after stopping it) when it exits or does not
        answer within ``start_timeout`` seconds.
    """

    def __init__(self, spec: SystemSpec, *, start_timeout: float, label: str) -> None:
        self.spec = spec
        self.port = free_port()
        LOGS.mkdir(parents=True, exist_ok=True)
        self.log_path = LOGS / f"{label}.log"
        self._log = self.log_path.open("wb")
        env = {**os.environ, **spec.env, "PYTHONUNBUFFERED": "1"}
        started = time.perf_counter()
        self.process = subprocess.Popen(
            spec.launch(self.port),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # its own process group: stop() kills the whole tree
        )
        self.memory = MemorySampler(self.process.pid)
        self.memory.start()
        try:
            self.startup_seconds = self._wait_ready(started, start_timeout)
        except BaseException:
            self.stop()  # never leave a half-started server behind
            raise
        self.startup_peak_bytes = self.memory.peak_bytes

    def _wait_ready(self, started: float, start_timeout: float) -> float:
        deadline = started + start_timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise StartError(f"{self.spec.name} exited with {self.process.returncode}")
            if probe(self.port, self.spec.sparql_path):
                return time.perf_counter() - started
            time.sleep(0.05)
        raise StartError(f"{self.spec.name} did not answer within {start_timeout:.0f} s")

    @property
    def peak_bytes(self) -> int:
        return self.memory.peak_bytes

    def log_tail(self, lines: int = 15) -> str:
        self._log.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        self.memory.stop()
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        # Children that outlived their leader (same group) go too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self._log.close()

    def __enter__(self) -> RunningSystem:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- the systems -------------------------------------------------------------------------


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        stat = path.stat()
        digest.update(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def oxigraph_store(data: ScaledData) -> tuple[Path, float | None]:
    """Load ``data`` into an Oxigraph store under ``WORK`` (reused while the data is unchanged).

    Returns the store folder and the load time when it was loaded now (None when reused).

    :raises subprocess.CalledProcessError: when ``oxigraph load`` fails.
    """
    files = data.files()
    location = WORK / f"oxigraph-{data.scale}"
    stamp = location / "bench-stamp"
    fingerprint = _fingerprint(files)
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return location, None
    shutil.rmtree(location, ignore_errors=True)
    location.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "oxigraph"), "load", "--location", str(location), "--file", *map(str, files)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=1800,
    )
    elapsed = time.perf_counter() - started
    stamp.write_text(fingerprint)
    return location, elapsed


def oxigraph_spec(data: ScaledData) -> SystemSpec:
    location, load_seconds = oxigraph_store(data)
    return SystemSpec(
        name="oxigraph",
        launch=lambda port: [
            str(BIN / "oxigraph"),
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        prepare_seconds=load_seconds,
    )


def rdflib_endpoint_spec(data: ScaledData) -> SystemSpec:
    files = [str(path) for path in data.files()]
    return SystemSpec(
        name="rdflib-endpoint",
        launch=lambda port: [
            str(BIN / "rdflib-endpoint"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *files,
        ],
        sparql_path="/",  # rdflib-endpoint 0.6 answers SPARQL at the root
        describe=False,  # ... and answers DESCRIBE with application/sparql-results+xml
    )


def baseline_spec(data: ScaledData, engine: str) -> SystemSpec:
    files = [str(path) for path in data.files()]
    return SystemSpec(
        name=f"flask+{engine}",
        launch=lambda port: [
            sys.executable,
            "-m",
            "bench.baselines",
            "--engine",
            engine,
            "--port",
            str(port),
            *files,
        ],
    )


@dataclass(frozen=True)
class DiskStore:
    """How to give iomgraph a prebuilt on-disk store (the server's own interface).

    ``prepare`` is a command run once per scale (timed as *prepare*), ``env`` settings for
    ``serve``; both may use ``{data}`` (the data folder) and ``{store}`` (a folder under
    ``WORK`` for this scale). Example, if the server's CLI is ``iomgraph store``:
    ``--iomgraph-prepare "iomgraph store build --data-dir {data} --store {store}"
    --iomgraph-env IOMGRAPH_STORE={store}``.
    """

    prepare: str
    env: tuple[tuple[str, str], ...]
    from_scale: int

    def store_for(self, data: ScaledData) -> Path:
        return WORK / f"iomgraph-store-{data.scale}"

    def fill(self, template: str, data: ScaledData) -> str:
        return template.format(data=data.data_dir, store=self.store_for(data))

    def build(self, data: ScaledData) -> float | None:
        """Run ``prepare`` (unless empty); return its time.

        :raises subprocess.CalledProcessError: when the command fails.
        """
        if not self.prepare:
            return None
        shutil.rmtree(self.store_for(data), ignore_errors=True)
        started = time.perf_counter()
        command = self.fill(self.prepare, data).split()
        if command[0] == "iomgraph":
            command[0] = str(BIN / "iomgraph")
        subprocess.run(command, check=True, capture_output=True, timeout=1800)
        return time.perf_counter() - started


def iomgraph_spec(
    data: ScaledData, *, cache: bool, disk_store: DiskStore | None, prepare_seconds: float | None
) -> SystemSpec:
    env = {
        "IOMGRAPH_HOST": "127.0.0.1",
        "IOMGRAPH_CACHE_ENABLED": "true" if cache else "false",
    }
    if disk_store is not None:
        env.update({key: disk_store.fill(value, data) for key, value in disk_store.env})
    return SystemSpec(
        name="iomgraph" if cache else "iomgraph (no cache)",
        launch=lambda port: [
            str(BIN / "iomgraph"),
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(data.data_dir),
        ],
        env=env,
        prepare_seconds=prepare_seconds,
        has_pages=True,
        peer=False,
    )


def iomgraph_available() -> bool:
    """True when the installed ``iomgraph`` has a ``serve`` command."""
    result = subprocess.run(
        [str(BIN / "iomgraph"), "serve", "--help"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    return result.returncode == 0
