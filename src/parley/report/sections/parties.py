"""The parties and what each needs: reservation value, the issues that matter most to it."""

from __future__ import annotations

from typing import Any

import numpy as np

from parley.report.model import Section, Table
from parley.report.sections.common import Labels, num
from parley.scenario.model import Scenario

#: Issues listed per party, by weight.
TOP_ISSUES = 3


def parties_section(scenario: Scenario, analysis: dict[str, Any]) -> Section:
    """A table of parties: role, veto, reservation value and its basis, top issues."""
    labels = Labels(scenario)
    basis = {e.path: (e.source or ("judgment: " + e.judgment if e.judgment else "–"))
             for e in scenario.ledger}
    rows = []
    for k, p in enumerate(analysis["parties"]):
        w = scenario.weights[k]
        top = np.argsort(-w, kind="stable")[:TOP_ISSUES]
        wants = []
        for i in top:
            if w[i] <= 0:
                continue
            best = int(np.argmax(scenario.values[i][k]))
            issue = scenario.issues[i]
            wants.append(f"{labels.issue[issue]} ({100 * w[i]:.0f}%): "
                         f"{labels.option[(issue, scenario.options[i][best])]}")
        role = p["role"] + (", veto" if p["veto"] else "")
        rv_basis = basis.get(f"preferences.{p['id']}.reservation", "–")
        rows.append((p["name"], role, num(p["reservation_value"]), rv_basis,
                     "; ".join(wants) or "–"))
    table = Table("Who must agree, what no deal is worth to each, and what each cares about "
                  "most (issue weight: preferred option)",
                  ("party", "role", "reservation value", "basis", "top issues"), tuple(rows))
    return Section("parties", "The parties and what each needs",
                   ("A party accepts a package only if it gives at least its reservation "
                    "value.",), (table,))
