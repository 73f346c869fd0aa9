"""The clock: the bargaining range month by month if the war goes on."""

from __future__ import annotations

from typing import Any

from parley.charts.dynamics import draw_dynamics
from parley.report.model import Chart, Section, Table
from parley.report.sections.common import Labels
from parley.scenario.model import Scenario

#: Months shown in the table (the chart shows all).
SHOWN_MONTHS = (0, 3, 6, 12, 18, 24)


def dynamics_section(scenario: Scenario, *,
                     seed: int) -> tuple[Section, dict[str, Any]] | None:
    """ZOPA and Nash package over the horizon, ripeness and the cost of delay (None without
    a ``dynamics:`` section)."""
    if scenario.doc.dynamics is None:
        return None
    from parley.dynamics.analyze import analyze_dynamics

    labels = Labels(scenario)
    doc = analyze_dynamics(scenario, seed=seed).to_dict()
    months = doc["months"]
    first, last = months[0], months[-1]
    zopa = doc["zopa"]
    ripe = doc["ripe_months"]
    paragraphs = [
        f"Without a deal, each party's reservation value moves month by month with the war "
        f"(territory, losses, Russia's economy, Western aid by donor). Over {doc['horizon']} "
        f"months from {doc['start']} the ZOPA goes from {first['zopa_size'] or 0:,} to "
        f"{last['zopa_size'] or 0:,} packages"
        + (f"; it opens in month {zopa['opens']}" if zopa.get("opens") else "")
        + (f"; it closes in month {zopa['closes']}" if zopa.get("closes") else "") + ".",
        (f"Ripe months (a mutually hurting stalemate: {' and '.join(doc['ripeness']['parties'])}"
         f" both prefer the {doc['ripeness']['deal']} deal now to fighting on): "
         + (f"{len(ripe)} of {len(months)}" if ripe else "none") + "."),
        "Average utility lost per month of delay, in the terms of the Nash deal: "
        + ", ".join(f"{labels.party.get(p, p)} {v['average']:+.4f}"
                    for p, v in doc["cost_of_delay"].items()) + ".",
    ]
    fb = doc.get("fallback")
    if fb is not None:
        paragraphs.append(
            f"If talks stall and Europe takes over {100 * fb['europe_share']:.0f}% of the US "
            f"burden, the US saves {fb['us_cost_saved']:.1f} bn EUR over the horizon.")
    parties = list(doc["parties"])
    start = (first.get("nash") or {}).get("package")
    rows = []
    for m in months:
        if m["month"] not in SHOWN_MONTHS:
            continue
        rows.append((str(m["month"]), f"{m['zopa_size'] or 0:,}",
                     *(f"{m['reservation_values'][p]:.3f}" for p in parties),
                     "yes" if m.get("ripe") else "", _nash_change(labels, start, m)))
    table = Table("The bargaining range over time: ZOPA size, reservation values, ripeness, "
                  "and how the Nash package differs from month 0's",
                  ("month", "ZOPA", *parties, "ripe", "Nash package"), tuple(rows))
    chart = Chart("dynamics", "ZOPA size and reservation values over the horizon; ripe "
                  "months shaded.", draw_dynamics, doc)
    return Section("dynamics", "What if the war drags on? (the bargaining range over time)",
                   tuple(paragraphs), (table,), (chart,)), doc


def _nash_change(labels: Labels, start: dict[str, str] | None, month: dict[str, Any]) -> str:
    """The month's Nash package as changes from month 0's."""
    nash = month.get("nash")
    if nash is None:
        return "no deal"
    if start is None or month["month"] == 0:
        return "as in the bargaining section" if month["month"] == 0 else "a deal appears"
    changed = {i: {"from": start[i], "to": o} for i, o in nash["package"].items()
               if start.get(i) != o}
    return labels.changes(changed) if changed else "unchanged"
