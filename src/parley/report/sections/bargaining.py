"""The bargaining range: ZOPA, the recommended packages and each party's margin."""

from __future__ import annotations

from typing import Any

from parley.charts.bargaining import SOLUTION_STYLE, draw_frontier_matrix
from parley.report.model import Chart, Section, Table
from parley.report.sections.common import Labels, pct, signed
from parley.scenario.model import Scenario


def bargaining_section(scenario: Scenario, analysis: dict[str, Any]) -> Section:
    """ZOPA size, the bargaining solutions as packages, margins, and the frontier chart."""
    labels = Labels(scenario)
    zopa = analysis["zopa"]
    exact = "" if zopa["exact"] else " (estimated from a sample)"
    paragraphs = [
        f"Of {analysis['space']['packages']:,} packages, {analysis['space']['feasible']:,} "
        f"are feasible and {zopa['size']:,} ({pct(zopa['share'])}) are acceptable to every "
        f"party whose consent is needed{exact}. Their Pareto frontier has "
        f"{len(analysis.get('frontier') or []):,} packages: no party can gain there without "
        "another losing.",
        "The bargaining solutions pick one frontier package each by a different fairness "
        "rule: Nash maximises the product of the gains over no deal, Kalai–Smorodinsky "
        "gives every party the same share of its best possible gain, egalitarian raises "
        "the worst-off party's gain, utilitarian the sum.",
    ]
    sols = {k: v for k, v in analysis["solutions"].items() if v is not None}
    tables = []
    charts = []
    if sols:
        issues = list(next(iter(sols.values()))["package"])
        header = ("issue", *(SOLUTION_STYLE.get(k, ("", k))[1] for k in sols))
        rows = [(labels.issue.get(i, i),
                 *(labels.option.get((i, s["package"][i]), s["package"][i])
                   for s in sols.values())) for i in issues]
        tables.append(Table("The recommended packages (one column per bargaining solution)",
                            header, tuple(rows)))
        margins = [(labels.party.get(p["id"], p["id"]),
                    *(signed(s["margins"][p["id"]]) for s in sols.values()))
                   for p in analysis["parties"]]
        tables.append(Table("Each party's margin over its reservation value under each "
                            "solution (utility points)", ("party", *header[1:]),
                            tuple(margins)))
        charts.append(Chart("frontier", "The acceptable Pareto frontier by pair of parties, "
                            "with the bargaining solutions and the named proposals.",
                            draw_frontier_matrix, analysis))
    else:
        paragraphs.append("There is no acceptable package, so no bargaining solution exists.")
    return Section("bargaining", "The bargaining range and the recommended packages",
                   tuple(paragraphs), tuple(tables), tuple(charts))
