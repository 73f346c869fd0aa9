"""Differences between two scenario versions: a unified text diff and changed fields."""

from __future__ import annotations

import difflib
from typing import Any

from parley.scenario.yamlio import load_yaml_text


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """The unified diff (three lines of context) of two YAML texts."""
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        fromfile=old_name, tofile=new_name))


def _flatten(node: Any, prefix: str, out: dict[str, Any]) -> None:
    """Leaves of a document by path; list items with an ``id`` are named by it."""
    if isinstance(node, dict):
        if not node:
            out[prefix] = {}
        for key, value in node.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(node, list):
        if not node:
            out[prefix] = []
        ids = [item.get("id") for item in node if isinstance(item, dict)]
        by_id = len(ids) == len(node) and all(isinstance(i, str) for i in ids) and len(
            set(ids)) == len(ids)
        for k, item in enumerate(node):
            label = item["id"] if by_id else k
            _flatten(item, f"{prefix}[{label}]", out)
    else:
        out[prefix] = node


def flatten(text: str) -> dict[str, Any]:
    """Every leaf of a YAML scenario text, keyed by its path (``a.b[id].c``)."""
    out: dict[str, Any] = {}
    _flatten(load_yaml_text(text).data, "", out)
    return out


def field_changes(old: str, new: str) -> list[dict[str, Any]]:
    """Changed, added and removed leaves, in the order of the new (then old) document."""
    a, b = flatten(old), flatten(new)
    changes: list[dict[str, Any]] = []
    for path, value in b.items():
        if path not in a:
            changes.append({"path": path, "change": "added", "old": None, "new": value})
        elif a[path] != value:
            changes.append({"path": path, "change": "changed", "old": a[path], "new": value})
    changes += [{"path": path, "change": "removed", "old": value, "new": None}
                for path, value in a.items() if path not in b]
    return changes
