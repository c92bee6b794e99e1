"""The examples in docstrings run."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import iomgraph

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(iomgraph.__path__, prefix="iomgraph.")
    if not info.name.startswith("iomgraph.web")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
