"""The real proposals: who rejects each, why, and the smallest repair."""

from __future__ import annotations

from typing import Any

from parley.charts.bargaining import draw_margins
from parley.report.model import Chart, Section, Table
from parley.report.sections.common import Labels, num
from parley.scenario.model import Scenario

#: Issues named as the reasons for a rejection.
DRIVERS_SHOWN = 2


def proposals_section(scenario: Scenario, analysis: dict[str, Any]) -> Section:
    """One row per named proposal: verdict, who rejects and why, the smallest repair."""
    labels = Labels(scenario)
    rows = []
    for entry in analysis["proposals"].values():
        if entry["acceptable"]:
            verdict, who = "acceptable to all", "–"
        else:
            verdict = "rejected"
            who = "; ".join(
                f"{labels.party.get(r['party'], r['party'])} ({r['margin']:+.2f}: "
                + ", ".join(labels.issue.get(d["issue"], d["issue"])
                            for d in r["drivers"][:DRIVERS_SHOWN]) + ")"
                for r in entry["rejected_by"])
        repairs = entry.get("repairs") or []
        repair = labels.changes(repairs[0]["changes"]) if repairs else (
            "–" if entry["acceptable"] else "none found within "
            f"{entry.get('repair_searched_up_to', 0)} changes")
        observed = ", ".join(f"{labels.party.get(k, k)}: {v}"
                             for k, v in entry.get("observed", {}).items()) or "–"
        rows.append((entry["name"], entry.get("date") or "–", verdict, who, repair,
                     num(entry["frontier_distance"]), observed))
    table = Table("The named proposals: the model's verdict, who rejects (margin: issues that "
                  "drive it), the smallest repair, distance to the frontier, and how the "
                  "parties actually responded",
                  ("proposal", "date", "verdict", "rejected by", "smallest repair",
                   "distance to frontier", "observed responses"), tuple(rows))
    chart = Chart("margins", "Each proposal's margin for every party (negative: the party "
                  "prefers no deal).", draw_margins, analysis)
    return Section("proposals", "The real proposals", (
        "A repair is an acceptable package reachable by changing the fewest issues of the "
        "proposal.",), (table,), (chart,))
