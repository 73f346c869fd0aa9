"""The layering rule: the core never imports the interfaces built on top of it.

Layers, lowest first: the core (engines, scenario model), ``parley.charts``, ``parley.report``,
``parley.web``, ``parley.cli``.  A module may import its own layer and the layers below it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import parley

PACKAGE = Path(parley.__file__).parent
INTERFACES = ("parley.cli",)
LAYERS = ("parley.charts", "parley.report", "parley.web", "parley.cli")


def _layer(module: str) -> int:
    """0 for the core, else 1 + the index of the interface layer the module belongs to."""
    for k, prefix in enumerate(LAYERS):
        if module == prefix or module.startswith(prefix + "."):
            return k + 1
    return 0


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_does_not_import_interfaces() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if module.startswith(INTERFACES) or module == "parley.__main__":
            continue
        for name in _imports(path):
            if name.startswith(INTERFACES):
                offenders.append(f"{module} imports {name}")
    assert offenders == []


def test_layers_only_import_downwards() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if module == "parley.__main__":
            continue
        for name in _imports(path):
            if name.startswith("parley") and _layer(name) > _layer(module):
                offenders.append(f"{module} imports {name}")
    assert offenders == []


def test_layer_order() -> None:
    assert _layer("parley.bargaining.analyze") == 0
    assert _layer("parley.charts.gmcr") < _layer("parley.report.build") < _layer(
        "parley.web.app") < _layer("parley.cli.main")
    assert _layer("parley.charts_extra") == 0  # a prefix match needs the dot


def test_architecture_check_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from parley.cli.main import app\n", encoding="utf-8")
    assert "parley.cli.main" in _imports(bad)
