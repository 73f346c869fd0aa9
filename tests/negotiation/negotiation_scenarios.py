"""Random small scenarios for the negotiation tests (hypothesis strategies)."""

from __future__ import annotations

from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from parley import ScenarioError, scenario_from_dict
from parley.scenario.model import Scenario

_NUM = st.integers(0, 8).map(lambda k: k / 8)


@st.composite
def small_docs(draw: st.DrawFn) -> dict[str, Any]:
    """2-3 negotiators (one maybe without veto), maybe a ratifier, 1-4 issues, a rule."""
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=4))
    n = draw(st.integers(2, 3))
    ratifier = draw(st.booleans())
    ids = [f"p{k}" for k in range(n)] + (["r"] if ratifier else [])
    parties: list[dict[str, Any]] = [{"id": pid} for pid in ids]
    if ratifier:
        parties[-1]["role"] = "ratifier"
    if n == 3 and draw(st.booleans()):
        parties[2]["veto"] = False
    prefs = {}
    for pid in ids:
        weights = [draw(_NUM) for _ in sizes]
        weights[0] = weights[0] or 1.0
        prefs[pid] = {
            "judgment": "test",
            "weights": {f"i{i}": w for i, w in enumerate(weights)},
            "values": {f"i{i}": {f"o{j}": draw(_NUM) for j in range(s)}
                       for i, s in enumerate(sizes)},
            "reservation": draw(st.integers(0, 10).map(lambda k: k / 16)),
        }
    doc: dict[str, Any] = {
        "parley": 1, "id": "neg", "parties": parties,
        "issues": [{"id": f"i{i}", "options": [{"id": f"o{j}"} for j in range(s)]}
                   for i, s in enumerate(sizes)],
        "preferences": prefs, "rules": [],
    }
    if len(sizes) > 1 and draw(st.booleans()):
        doc["rules"].append({"id": "f0", "forbid": {"i0": ["o0"], "i1": ["o1"]}})
    if ratifier:
        doc["ratification"] = [{"id": "rat", "ratifier": "r", "when": {"i0": ["o1"]}}]
    return doc


def load_small(doc: dict[str, Any]) -> Scenario:
    """The scenario of ``doc`` (hypothesis skips documents the loader rejects)."""
    try:
        return scenario_from_dict(doc)
    except ScenarioError:
        assume(False)
        raise
