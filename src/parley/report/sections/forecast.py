"""Spatial forecast (KTAB Spatial Model of Politics) set beside the bargaining solutions."""

from __future__ import annotations

from typing import Any

from parley.charts.forecast import draw_forecast
from parley.report.model import Chart, Section, Table
from parley.report.sections.common import Labels
from parley.scenario.model import Scenario

#: Bargaining solutions the forecast is compared with.
COMPARED = ("nash", "kalai_smorodinsky")


def forecast_section(scenario: Scenario,
                     analysis: dict[str, Any]) -> tuple[Section, dict[str, Any]] | None:
    """Where the positions converge per dimension, and whether the solutions agree (None
    without a ``spatial:`` section)."""
    if scenario.doc.spatial is None:
        return None
    from parley.forecast import run_smp
    from parley.forecast.scenario_spatial import compare_with_solutions, spatial_input

    labels = Labels(scenario)
    doc = run_smp(spatial_input(scenario)).to_dict()
    packages = {name: (analysis["solutions"][name] or {}).get("package") for name in COMPARED}
    comparison = [c.to_dict() for c in
                  compare_with_solutions(scenario, doc["forecast"], packages)]
    doc["comparison"] = comparison
    rows = []
    agree = 0
    for c in comparison:
        nash = c["solutions"].get("nash")
        agree += int(nash == c["forecast_option"])
        rows.append((labels.issue.get(c["issue"], c["issue"]), f"{c['forecast']:.0f}",
                     labels.option.get((c["issue"], c["forecast_option"]),
                                       c["forecast_option"]),
                     *(labels.option.get((c["issue"], c["solutions"].get(n) or ""),
                                         c["solutions"].get(n) or "–") for n in COMPARED)))
    paragraphs = (
        f"The KTAB Spatial Model of Politics moves each party's position on "
        f"{len(comparison)} dimensions (0–100, built from the scenario's own issues) by "
        f"challenges and bargains weighted by capability and salience; it stopped after "
        f"{doc['rounds']} rounds.",
        f"On {agree} of {len(comparison)} dimensions the forecast lands on the option the "
        "Nash bargaining package chooses: a check of the bargaining result by a different "
        "model of how influence works.",
    )
    table = Table("Forecast position per dimension, its nearest option, and the options of "
                  "the Nash and Kalai–Smorodinsky packages",
                  ("dimension", "forecast (0–100)", "nearest option", "Nash", "KS"),
                  tuple(rows))
    chart = Chart("forecast", "Each party's position per round on every dimension, with the "
                  "forecast and the bargaining solutions' options.", draw_forecast, doc)
    return Section("forecast", "Where do the positions converge? (spatial forecast)",
                   paragraphs, (table,), (chart,)), doc
