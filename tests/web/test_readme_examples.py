"""The README's curl examples work as written, against `iomgraph serve` on the committed data
(started here on a loopback port, from the project folder, as the README says)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from web.conftest import running_server

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCUMENTED_URL = "http://127.0.0.1:8000"
SECTION = "## The endpoint and the linked data"


def readme_commands() -> list[str]:
    """The commands of the shell blocks in the README's endpoint section, one per entry
    (continuation lines joined, comments left out)."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    section = section[: section.index("\n## ", len(SECTION))]
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL):
        joined = block.replace("\\\n", " ")
        commands += [line.strip() for line in joined.splitlines() if line.strip()[:1] not in "#"]
    return commands


COMMANDS = readme_commands()
pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")


@pytest.fixture(scope="module")
def live_url() -> Iterator[str]:
    with running_server(["--data-dir", str(ROOT / "data")], cwd=ROOT) as url:
        yield url


def run(command: str, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command.replace(DOCUMENTED_URL, url)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_section_has_examples() -> None:
    assert len(COMMANDS) >= 6 and all(c.startswith("curl ") for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=range(len(COMMANDS)))
def test_example_works_as_written(live_url: str, command: str) -> None:
    status = run(command + " -s -o /dev/null -w '%{http_code}'", live_url)
    assert status.returncode == 0, status.stderr
    expected = "303" if " -i " in command and "/id/" in command else "200"
    assert status.stdout.strip() == expected
    answer = run(command, live_url)
    assert answer.returncode == 0 and answer.stdout.strip(), answer.stderr
    for media_type, rdflib_format in (("text/turtle", "turtle"), ("ld+json", "json-ld")):
        if media_type in command:
            assert len(Graph().parse(data=answer.stdout, format=rdflib_format)) > 0
    if "text/csv" in command:
        assert answer.stdout.splitlines()[0].count(",") >= 1
