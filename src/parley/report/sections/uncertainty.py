"""How sure are we: Monte Carlo over the parameter ranges, and what flips each proposal."""

from __future__ import annotations

from typing import Any

from parley.charts.uncertainty import draw_uncertainty
from parley.report.model import Chart, Section, Table
from parley.report.sections.common import Labels, pct
from parley.scenario.model import Scenario

#: Most frequent Nash packages listed.
TOP_PACKAGES = 3


def uncertainty_section(scenario: Scenario, *, seed: int,
                        samples: int) -> tuple[Section, dict[str, Any], dict[str, str]]:
    """P(acceptable) per proposal, P(empty ZOPA), the most frequent Nash packages and the
    tornado; also returns a sensitivity note per ledger path for the assumptions ledger."""
    from parley.uncertainty import compile_scenario, monte_carlo
    from parley.uncertainty.tornado import tornado, tornado_target

    labels = Labels(scenario)
    compiled = compile_scenario(scenario)
    doc = monte_carlo(compiled, samples, seed, workers=1).to_dict()
    tor = tornado(compiled).to_dict()
    doc["sensitivity"] = {"method": "tornado", "tornado": tor,
                          "target": tornado_target(doc, tor)}
    rows = tuple((e["name"], pct(e["p_acceptable"])) for e in doc["proposals"].values())
    freq = doc["nash_frequency"][:TOP_PACKAGES]
    nash_rows = tuple((pct(f["share"]), "; ".join(o for _, o in labels.package(f["package"])))
                      for f in freq if f.get("package"))
    names = {k: e["name"] for k, e in doc["proposals"].items()}
    notes: dict[str, str] = {}
    for bar in tor["bars"]:
        flips = [f"{names.get(f['proposal'], f['proposal'])} becomes {f['becomes']} at "
                 f"{f['at']:.3g}" for f in bar["flips"]]
        notes[bar["path"]] = "; ".join(flips) if flips else "no flip across its range"
    paragraphs = (
        f"{samples:,} draws (seed {seed}) of every number that carries a range or "
        f"distribution ({len(compiled.params)} numbers). The ZOPA is empty in "
        f"{pct(doc['p_zopa_empty'])} of the draws.",
        "The tornado moves one number at a time to the ends of its range and records which "
        "proposals change verdict, and where (found by bisection); the assumptions ledger "
        "below repeats this per number.",
    )
    tables = (Table("Probability that each proposal is acceptable to every required party",
                    ("proposal", "P(acceptable)"), rows),
              Table("The most frequent Nash packages across the draws",
                    ("share of draws", "package"), nash_rows))
    chart = Chart("uncertainty", "Acceptance probabilities, and the tornado of the proposal "
                  "whose verdict is least certain.", draw_uncertainty, doc)
    return (Section("uncertainty", "How sure are we? (uncertainty and sensitivity)",
                    paragraphs, tables, (chart,)), doc, notes)
