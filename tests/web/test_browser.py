"""A real browser (headless Chromium from Debian) loads the query page, runs an example and
finds the result rows. The page is a plain GET form, so running an example is loading the URL
the form's button submits; Chromium then dumps the DOM it rendered."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from urllib.parse import urlencode

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def dump_dom(url: str) -> str:
    with tempfile.TemporaryDirectory() as profile:
        finished = subprocess.run(
            [
                str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--metrics-recording-only", "--no-default-browser-check",
                f"--user-data-dir={profile}", "--proxy-server=direct://",
                "--virtual-time-budget=5000", "--dump-dom", url,
            ],
            capture_output=True, text=True, timeout=90, check=True,
        )  # fmt: skip
    return finished.stdout


@pytest.fixture
def browser() -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed: apt-get install chromium")


@pytest.mark.usefixtures("browser")
def test_query_page_runs_an_example_in_a_real_browser(server: str) -> None:
    page = dump_dom(f"{server}/query")
    assert 'id="example"' in page
    assert "Who holds which post" in page
    submitted = {"example": "02-leadership", "load": "1", "query": ""}
    result = dump_dom(f"{server}/query?{urlencode(submitted)}")
    assert result.count('class="result-row"') == 1
    assert "Amy Pope" in result
    assert 'id="query-error"' not in result
