"""The layering rule: the core never imports the CLI (or other interfaces built on top)."""

from __future__ import annotations

import ast
from pathlib import Path

import parley

PACKAGE = Path(parley.__file__).parent
INTERFACES = ("parley.cli",)


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


def test_architecture_check_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from parley.cli.main import app\n", encoding="utf-8")
    assert "parley.cli.main" in _imports(bad)
