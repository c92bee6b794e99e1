"""Shared fixtures: paths into the project and small helpers to build entries."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project_root() -> Path:
    return PROJECT
