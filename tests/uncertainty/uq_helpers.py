"""Shared helpers for the uncertainty tests: an uncertain toy scenario and a brute-force
reference that rebuilds a perturbed scenario from its dictionary and runs parley.analyze."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

import parley
from parley.scenario import scenario_from_dict

TOY = Path(__file__).resolve().parents[1] / "fixtures" / "toy.yaml"


def toy_dict() -> dict[str, Any]:
    """The toy scenario with ranges and every kind of distribution, and a no-deal party."""
    doc = yaml.safe_load(TOY.read_text())
    prefs = doc["preferences"]
    a, b, r = prefs["a"], prefs["b"], prefs["r"]
    a["reservation"] = {"value": 0.3, "range": [0.2, 0.45], "dist": "triangular"}
    a["weights"]["land"] = {"value": 0.5, "range": [0.3, 0.7], "dist": "beta-PERT"}
    a["interactions"][0]["value"] = {"value": -0.1, "range": [-0.25, 0.0]}
    b["values"]["land"]["split"] = {"value": 0.6, "range": [0.3, 0.9], "dist": "lognormal",
                                    "sd": 0.3}
    b["weights"]["money"] = {"value": 0.4, "range": [0.2, 0.6], "dist": "normal", "sd": 0.1}
    b["reservation"] = {"no_deal": True}
    r["reservation"] = {"value": 0.5, "range": [0.3, 0.7]}
    doc["parties"][0]["capability"] = {"value": 2, "range": [1, 3], "source": "made_up"}
    doc["no_deal"] = {"package": {"land": "all_a", "money": "some", "guarantee": "no"}}
    return doc


def default_dict() -> dict[str, Any]:
    """The default scenario as a plain dictionary."""
    return yaml.safe_load(parley.scenario.default_scenario_path().read_text())


def _split(path: str) -> list[str | int]:
    out: list[str | int] = []
    for part in path.split("."):
        m = re.fullmatch(r"(.*?)((\[\d+\])*)", part)
        assert m is not None
        if m.group(1):
            out.append(m.group(1))
        out += [int(k) for k in re.findall(r"\[(\d+)\]", m.group(2))]
    return out


def perturbed(doc: dict[str, Any], values: dict[str, float]) -> dict[str, Any]:
    """A copy of ``doc`` with the numbers at ``values``' paths replaced (ranges dropped)."""
    doc = copy.deepcopy(doc)
    for path, x in values.items():
        keys = _split(path)
        node: Any = doc
        for key in keys[:-1]:
            node = node[key]
        cell = node[keys[-1]]
        if isinstance(cell, dict):
            cell = {k: v for k, v in cell.items() if k not in ("range", "dist", "sd")}
            cell["value"] = float(x)
        else:
            cell = float(x)
        node[keys[-1]] = cell
    return doc


def reference(doc: dict[str, Any], values: dict[str, float]) -> dict[str, Any]:
    """Outputs of one draw, recomputed from scratch with parley.analyze."""
    sc = scenario_from_dict(perturbed(doc, values))
    res = parley.analyze(sc, repairs=0)
    return {
        "acceptable": [res.proposals[p.id].acceptable for p in sc.proposals],
        "zopa_size": res.zopa.size,
        "solutions": {k: (None if v is None else v.package) for k, v in res.solutions.items()},
    }
