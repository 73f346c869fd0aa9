"""Form-based editing of a scenario's numbers without losing the file's comments or layout.

The editable numbers are the cardinal weights, option values and numeric reservation
values under ``preferences``. Each is either a bare number or the ``value`` of a
``{value: ..., source|judgment: ...}`` mapping. An edit replaces the characters of that one
YAML scalar in the text (found through the parser's node positions), so comments, key
order, sources and judgments stay exactly as the author wrote them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

from parley.errors import Problem, ScenarioError
from parley.scenario.yamlio import _PlainLoader, _resolve_plain, format_path, load_yaml_text

#: Field kinds that :func:`editable_fields` lists.
KINDS = ("weight", "value", "reservation")
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


@dataclass(frozen=True)
class Field:
    """One editable number: its dotted path, kind, party, issue/option, value and line."""

    path: str
    kind: str
    party: str
    issue: str | None
    option: str | None
    value: float
    line: int

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"path": self.path, "kind": self.kind, "party": self.party,
                "issue": self.issue, "option": self.option, "value": self.value,
                "line": self.line}


def _get(node: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _number_node(node: yaml.Node | None) -> yaml.ScalarNode | None:
    """The scalar holding the number of a bare number or a ``{value: ...}`` mapping."""
    if isinstance(node, yaml.MappingNode):
        node = _get(node, "value")
    if isinstance(node, yaml.ScalarNode) and node.style in (None, "") and _NUMBER.match(
            node.value):
        return node
    return None


def _compose(text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_PlainLoader)
    except yaml.YAMLError:
        load_yaml_text(text)  # raises a located ScenarioError
        raise
    if node is None:
        raise ScenarioError([Problem(None, None, None, "", "the file is empty")])
    return node


def _walk_fields(root: yaml.Node) -> list[tuple[Field, yaml.ScalarNode]]:
    out: list[tuple[Field, yaml.ScalarNode]] = []
    prefs = _get(root, "preferences")
    if not isinstance(prefs, yaml.MappingNode):
        return out

    def add(path: tuple[str, ...], kind: str, party: str, issue: str | None,
            option: str | None, node: yaml.Node | None) -> None:
        scalar = _number_node(node)
        if scalar is None:
            return
        value = _resolve_plain(scalar.value)
        out.append((Field(format_path(path), kind, party, issue, option, float(value),
                          scalar.start_mark.line + 1), scalar))

    for pkey, pnode in prefs.value:
        party = pkey.value
        weights = _get(pnode, "weights")
        if isinstance(weights, yaml.MappingNode):
            for ikey, wnode in weights.value:
                add(("preferences", party, "weights", ikey.value), "weight", party,
                    ikey.value, None, wnode)
        values = _get(pnode, "values")
        if isinstance(values, yaml.MappingNode):
            for ikey, inode in values.value:
                if isinstance(inode, yaml.MappingNode):
                    for okey, onode in inode.value:
                        add(("preferences", party, "values", ikey.value, okey.value),
                            "value", party, ikey.value, okey.value, onode)
        add(("preferences", party, "reservation"), "reservation", party, None, None,
            _get(pnode, "reservation"))
    return out


def editable_fields(text: str) -> list[Field]:
    """Every weight, option value and numeric reservation value the form can edit."""
    return [f for f, _ in _walk_fields(_compose(text))]


def _format_number(value: float) -> str:
    if isinstance(value, bool) or not math.isfinite(value):
        raise ValueError("must be a finite number")
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") and "e" not in text else text


def apply_edits(text: str, changes: dict[str, Any]) -> str:
    """Return ``text`` with the numbers at the given field paths replaced.

    Raises
    ------
    ScenarioError
        When a path is not an editable field or a value is not a finite number; one
        problem per bad entry, with ``path`` set to the field path.
    """
    fields = {f.path: node for f, node in _walk_fields(_compose(text))}
    problems: list[Problem] = []
    edits: list[tuple[int, int, str]] = []
    for path, raw in changes.items():
        node = fields.get(path)
        if node is None:
            problems.append(Problem(None, None, None, path,
                                    "not an editable number of this scenario"))
            continue
        try:
            value = float(raw) if not isinstance(raw, bool) else math.nan
            edits.append((node.start_mark.index, node.end_mark.index, _format_number(value)))
        except (TypeError, ValueError):
            problems.append(Problem(None, node.start_mark.line + 1,
                                    node.start_mark.column + 1, path,
                                    f"must be a finite number, not {raw!r}"))
    if problems:
        raise ScenarioError(problems)
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text
