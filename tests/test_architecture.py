"""The layout shows the architecture: data flows one way, text → model → graph → store → web.

A module may import only from steps before it; the readers and the model never import rdflib.
"""

from __future__ import annotations

import ast
from pathlib import Path

import iomgraph

PACKAGE = Path(iomgraph.__file__).resolve().parent

# Each module's step; a module may import iomgraph modules of the same or an earlier step.
STEPS: dict[str, int] = {
    "errors": 0,
    "settings": 0,
    "namespaces": 0,
    "model": 1,
    "passages": 1,
    "addresses": 1,
    "iris": 1,
    "text_lines": 2,
    "leadership_text": 2,
    "prose_text": 2,
    "source": 2,
    "govman": 2,
    "govman_xml": 2,
    "facts": 2,
    "compare": 2,
    "provenance": 3,
    "prose_mapping": 3,
    "mapping": 3,
    "validation": 4,
    "dump": 4,
    "describe": 4,
    "build": 5,
    "edition": 5,
    "cache": 6,
    "store": 6,
    "web": 7,
    "cli": 8,
}
PURE = {
    "model",
    "passages",
    "addresses",
    "text_lines",
    "leadership_text",
    "prose_text",
    "source",
    "govman",
    "govman_xml",
    "facts",
    "compare",
}


def _step_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.name == "__init__.py" and len(relative.parts) == 1:
            continue
        found.append((relative.parts[0].removesuffix(".py"), path))
    return found


def test_every_module_has_a_step() -> None:
    unknown = {name for name, _ in _modules()} - set(STEPS)
    assert not unknown, f"add these modules to STEPS: {sorted(unknown)}"


def test_imports_flow_one_way() -> None:
    wrong = []
    for name, path in _modules():
        for imported in _imports(path):
            if not imported.startswith("iomgraph."):
                continue
            target = _step_of(imported)
            if target in STEPS and STEPS[target] > STEPS[name]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {imported}")
    assert not wrong, "imports against the flow: " + "; ".join(wrong)


def test_readers_and_model_do_not_use_rdflib() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for name, path in _modules()
        if name in PURE and any(i.split(".")[0] == "rdflib" for i in _imports(path))
    ]
    assert not offenders


def test_only_the_cli_prints() -> None:
    offenders = []
    for name, path in _modules():
        if name == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders
