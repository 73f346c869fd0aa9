"""How long would a deal hold: the durability model's risk of renewed war."""

from __future__ import annotations

from typing import Any

from parley.charts.durability import draw_survival
from parley.report.model import Chart, Section, Table
from parley.report.sections.common import pct
from parley.scenario.model import Scenario


def durability_section(scenario: Scenario, *, seed: int,
                       samples: int) -> tuple[Section, dict[str, Any]]:
    """P(renewed war) by 1, 2, 5 and 10 years per proposal and solution, with the chart."""
    from parley.durability.analyze import analyze_durability

    doc = analyze_durability(scenario, seed=seed, samples=samples).to_dict()
    horizons = [str(h) for h in doc["horizons_years"]]

    def cells(entry: dict[str, Any]) -> tuple[str, ...]:
        return tuple(f"{pct(entry['p_renewed_war'][h]['mean'])} "
                     f"({pct(entry['p_renewed_war'][h]['low'])}–"
                     f"{pct(entry['p_renewed_war'][h]['high'])})" for h in horizons)

    rows = [("No provisions (baseline)", *cells(doc["reference"]))]
    rows += [(e["name"], *cells(e)) for e in doc["proposals"].values()]
    rows += [(f"Solution: {k}", *cells(e)) for k, e in doc["solutions"].items() if e]
    b = doc["baseline"]
    table = Table("Probability of renewed war by years after the deal: mean (95% band)",
                  ("package", *(f"{h} yr" for h in horizons)), tuple(rows))
    paragraphs = (
        f"A Weibull proportional-hazards model (λ = {b['lambda']:.0f} years, ρ = "
        f"{b['rho']:.2f}) fitted to {b['n']} interstate wars that ended in 1946–1997, "
        f"{b['events']} of which were followed by renewed war, with hazard ratios only where "
        "published evidence gives a number.",
    )
    chart = Chart("survival", "Probability of no renewed war over time, with Monte Carlo "
                  "bands; packages with the same provisions share a line.", draw_survival, doc)
    return Section("durability", "How long would a deal hold?", paragraphs, (table,),
                   (chart,), tuple(doc["contested"]) + tuple(doc["caveats"])), doc
