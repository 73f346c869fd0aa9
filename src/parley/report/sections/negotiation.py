"""How talks could unfold: alternating offers, and a mediator with and without a bias."""

from __future__ import annotations

from typing import Any

from parley.charts.negotiation import draw_negotiation
from parley.report.model import Chart, Section, Table
from parley.report.sections.common import Labels
from parley.scenario.model import Scenario

#: Rounds of each simulated negotiation in the memo.
ROUNDS = 100


def negotiation_section(scenario: Scenario, *,
                        seed: int) -> tuple[Section, dict[str, Any]]:
    """Three simulated negotiations: stacked alternating offers between concession agents,
    a neutral mediator's single text, and the mediator biased toward its own interests."""
    from parley.negotiation import build_space, run_sao
    from parley.negotiation.mediated import run_mediated

    labels = Labels(scenario)
    space = build_space(scenario)
    mediators = [p.id for p in scenario.doc.parties if p.role == "mediator"]
    runs: dict[str, dict[str, Any]] = {
        "alternating offers":
            run_sao(space, {}, rounds=ROUNDS, seed=seed, default="linear_om").to_dict(),
        "neutral mediator":
            run_mediated(space, {}, rounds=ROUNDS, seed=seed, default="linear",
                         target="nash", mediator=None, bias=0.0, start=None).to_dict(),
    }
    explain = [
        "Alternating offers: every party concedes linearly in time and picks, within its "
        "band, the package closest to what the others have offered (strategy linear_om).",
        "Neutral mediator: a single negotiating text that moves, one objected issue per "
        "round, toward the Nash point.",
    ]
    if mediators:
        who = mediators[0]
        name = labels.party.get(who, who)
        runs[f"mediator biased toward {who}"] = run_mediated(
            space, {}, rounds=ROUNDS, seed=seed, default="linear", target="nash",
            mediator=who, bias=0.5, start=None).to_dict()
        explain.append(f"Biased mediator: the same text, but {name} as mediator weights its "
                       "own utility half and the Nash point half (bias 0.5).")
    header = tuple(runs)
    outcome: tuple[tuple[str, ...], ...] = (
        ("ends", *(f"agreement in round {d['rounds']}" if d["agreement"] else
                   f"no agreement: {d['reason']}" for d in runs.values())),)
    issues = list(scenario.issues)
    terms = tuple((labels.issue.get(i, i), *(
        labels.option.get((i, d["agreement"]["package"][i]), d["agreement"]["package"][i])
        if d["agreement"] else "–" for d in runs.values())) for i in issues)
    utilities = tuple((labels.party.get(p, p), *(
        f"{d['agreement']['utilities'][p]:.2f} "
        f"({d['agreement']['utilities'][p] - d['reservation_values'][p]:+.2f})"
        if d["agreement"] else "–" for d in runs.values())) for p in scenario.parties)
    tables = (Table("Where each simulated negotiation ends, and its terms",
                    ("", *header), outcome + terms),
              Table("Each party's utility in the agreement (margin over its reservation "
                    "value)", ("party", *header), utilities))
    first = next(iter(runs.values()))
    chart = Chart("negotiation", "Alternating offers: the offers in utility space and each "
                  "party's utility over the rounds.", draw_negotiation, first)
    paragraphs = (
        "Bargaining solutions say where a deal could land; a simulation shows how talks "
        f"could get there, with the same seed ({seed}) for every random choice. Comparing "
        "the neutral and the biased mediator shows how far a mediator with its own "
        "interests can steer the outcome while every required party still accepts.",
    )
    return Section("negotiation", "How could the talks unfold? (negotiation simulation)",
                   paragraphs, tables, (chart,), tuple(explain)), {"runs": runs}
