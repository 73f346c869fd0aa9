"""``parley negotiate`` and ``parley tournament``: negotiation simulation (issue 5).

Renderers work on the JSON documents of
:meth:`parley.negotiation.result.NegotiationResult.to_dict` and
:meth:`parley.negotiation.tournament.TournamentResult.to_dict`.
"""

from __future__ import annotations

import enum
import math
import os
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from parley.cli.common import (
    EXIT_INPUT,
    ChartOpt,
    Format,
    FormatOpt,
    OutputOpt,
    ScenarioArg,
    emit,
    load,
    require_positive,
    stderr,
    write_chart,
)


class Protocol(enum.StrEnum):
    """Negotiation protocols."""

    sao = "sao"
    mediated = "mediated"


class Target(enum.StrEnum):
    """A neutral mediator's target."""

    nash = "nash"
    ks = "ks"


class Pairing(enum.StrEnum):
    """Which strategy combinations a tournament plays."""

    all = "all"
    same = "same"
    focal = "focal"


def _fail(message: str) -> None:
    stderr().print(f"[red]{escape(message)}[/]")
    raise typer.Exit(EXIT_INPUT)


def _parse_assignments(items: list[str], parties: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        party, eq, spec = item.partition("=")
        if not eq or not party or not spec:
            _fail(f"--strategy {item!r}: expected PARTY=STRATEGY, e.g. russia=boulware")
        if party not in parties:
            _fail(f"--strategy {item!r}: unknown party {party!r}; parties: "
                  f"{', '.join(parties)}")
        out[party] = spec
    return out


def _space(sc: Any) -> Any:
    from parley.negotiation import build_space

    try:
        return build_space(sc)
    except ValueError as exc:
        _fail(f"cannot negotiate over this scenario: {exc}")


def render_negotiation_text(doc: dict[str, Any], console: Console) -> None:
    """Print a negotiation document as Rich tables."""
    console.print(f"[bold]Negotiation ({doc['protocol']}) on {escape(doc['scenario'])}[/]: "
                  f"{escape(doc['reason'])} after {doc['rounds']} of {doc['max_rounds']} rounds "
                  f"(seed {doc['seed']}).", highlight=False)
    settings = doc["settings"]
    if doc["protocol"] == "mediated":
        who = settings["mediator"] or "neutral"
        console.print(f"Mediator: {escape(str(who))}, bias {settings['bias']}, target "
                      f"{settings['target']}.", highlight=False)
    table = Table(title="Parties", title_justify="left")
    for col in ("party", "strategy", "reservation (start)", "reservation (end)", "agreement",
                "gain"):
        table.add_column(col, justify="left" if col in ("party", "strategy") else "right")
    agreement = doc["agreement"]
    for pid, spec in doc["strategies"].items():
        rv0 = doc["initial_reservation_values"][pid]
        rv1 = doc["reservation_values"][pid]
        u = agreement["utilities"][pid] if agreement else None
        table.add_row(escape(pid), escape(spec), f"{rv0:.3f}", f"{rv1:.3f}",
                      "–" if u is None else f"{u:.3f}", "–" if u is None else f"{u - rv1:+.3f}")
    console.print(table)
    if agreement:
        pkg = Table(title="Agreed package", title_justify="left")
        pkg.add_column("issue")
        pkg.add_column("option")
        for issue, option in agreement["package"].items():
            pkg.add_row(escape(issue), escape(option))
        console.print(pkg)
    trace = doc["trace"]
    tail = trace[-8:]
    last = Table(title=f"Last {len(tail)} of {len(trace)} offers", title_justify="left")
    last.add_column("round", justify="right")
    last.add_column("proposer")
    for pid in doc["strategies"]:
        last.add_column(pid, justify="right")
    last.add_column("responses", overflow="fold")
    for e in tail:
        groups: dict[str, list[str]] = {}
        for k, v in e["responses"].items():
            groups.setdefault(v, []).append(k)
        responses = "; ".join(f"{v} {' '.join(ks)}" for v, ks in groups.items()) or "–"
        last.add_row(str(e["round"]), escape(e["proposer"]),
                     *(f"{e['utilities'][p]:.3f}" for p in doc["strategies"]), escape(responses))
    console.print(last)


def negotiate(
    scenario: ScenarioArg = None,
    protocol: Annotated[Protocol, typer.Option(help="Stacked alternating offers or a "
                                                    "mediator's single text.")] = Protocol.sao,
    strategy: Annotated[list[str] | None, typer.Option(
        "--strategy", "-s", help="PARTY=STRATEGY (repeatable), e.g. russia=boulware or "
                                 "us=time_dependent:e=0.5; `parley strategies` lists them.",
        show_default=False)] = None,
    default: Annotated[str, typer.Option(help="Strategy of parties not named.")] = "linear",
    rounds: Annotated[int, typer.Option(help="Deadline in rounds.")] = 100,
    deadline_months: Annotated[float | None, typer.Option(
        "--deadline-months", help="Deadline in months of war instead of rounds: "
                                  "ceil(months / --months-per-round) rounds.",
        show_default=False)] = None,
    seed: Annotated[int, typer.Option(help="Seed of every random choice.")] = 0,
    target: Annotated[Target, typer.Option(help="Neutral mediator's target.")] = Target.nash,
    mediator: Annotated[str | None, typer.Option(help="Party whose utility a biased "
                                                      "mediator weights (e.g. us).")] = None,
    bias: Annotated[float, typer.Option(help="Weight (0-1) of the mediator's own utility.")]
    = 0.5,
    start: Annotated[str | None, typer.Option(help="Mediator's first draft: a proposal id "
                                                   "of the scenario.")] = None,
    moving_reservation: Annotated[bool, typer.Option(
        "--moving-reservation", help="Reservation values move each round with the war "
                                     "(parley.dynamics.reservation_path).")] = False,
    months_per_round: Annotated[float, typer.Option(help="Months of war per round (with "
                                                         "--moving-reservation).")] = 1.0,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    chart: ChartOpt = None,
) -> None:
    """Simulate one negotiation: who offers what, who accepts, and how it ends."""
    from parley.negotiation import UnknownStrategy, run_sao
    from parley.negotiation.mediated import run_mediated

    if months_per_round <= 0 or not math.isfinite(months_per_round):
        _fail("--months-per-round must be positive")
    if deadline_months is not None:
        if deadline_months <= 0 or not math.isfinite(deadline_months):
            _fail("--deadline-months must be positive")
        rounds = max(1, math.ceil(deadline_months / months_per_round - 1e-9))
    require_positive(rounds, "--rounds")
    sc = load(scenario)
    strategies = _parse_assignments(strategy or [], sc.parties)
    if mediator is not None and mediator not in sc.parties:
        _fail(f"--mediator: unknown party {mediator!r}; parties: {', '.join(sc.parties)}")
    if not 0.0 <= bias <= 1.0:
        _fail("--bias must be between 0 and 1")
    schedule = None
    if moving_reservation:
        from parley.dynamics import reservation_path

        months = math.ceil((rounds - 1) * months_per_round)
        path = reservation_path(sc, months)
        idx = np.floor(np.arange(rounds) * months_per_round).astype(np.int64)
        schedule = path[np.minimum(idx, path.shape[0] - 1)]
    space = _space(sc)
    try:
        if protocol is Protocol.mediated:
            result = run_mediated(space, strategies, rounds=rounds, seed=seed,
                                  reservation=schedule, default=default, target=target.value,
                                  mediator=mediator, bias=bias if mediator else 0.0,
                                  start=start)
        else:
            result = run_sao(space, strategies, rounds=rounds, seed=seed,
                             reservation=schedule, default=default)
    except (UnknownStrategy, ValueError) as exc:
        _fail(str(exc))
    doc = result.to_dict()
    doc["settings"]["moving_reservation"] = moving_reservation
    doc["settings"]["months_per_round"] = months_per_round
    if deadline_months is not None:
        doc["settings"]["deadline_months"] = deadline_months
    emit(doc, fmt, output, text=render_negotiation_text)
    from parley.charts.negotiation import draw_negotiation

    write_chart(draw_negotiation, doc, chart)


def render_tournament_text(doc: dict[str, Any], console: Console) -> None:
    """Print a tournament document as Rich tables."""
    s = doc["settings"]
    console.print(f"[bold]Tournament on {escape(doc['scenario'])}[/]: {s['protocol']}, "
                  f"pairing {s['pairing']}, {len(doc['combinations'])} combinations × "
                  f"{s['seeds']} seeds, {s['rounds']} rounds, seed {s['seed']}.",
                  highlight=False)

    def fmt(x: float | None, spec: str = ".3f") -> str:
        return "–" if x is None else format(x, spec)

    table = Table(title="By strategy", title_justify="left")
    for col in ("strategy", "runs", "agreement rate", "mean rounds", "mean gain of its "
                "players", "to frontier", "to Nash"):
        table.add_column(col, justify="left" if col == "strategy" else "right")
    for name, e in doc["by_strategy"].items():
        table.add_row(escape(name), str(e["runs"]), fmt(e["agreement_rate"], ".0%"),
                      fmt(e["mean_rounds_to_agreement"], ".1f"), fmt(e["mean_gain_when_played"]),
                      fmt(e["mean_frontier_distance"]), fmt(e["mean_nash_distance"]))
    console.print(table)
    o = doc["overall"]
    console.print(f"Overall: agreement rate {fmt(o['agreement_rate'], '.0%')}, mean rounds "
                  f"{fmt(o['mean_rounds_to_agreement'], '.1f')}; mean gain "
                  + ", ".join(f"{k} {fmt(v)}" for k, v in o["mean_gain"].items()),
                  highlight=False)
    top = sorted(doc["combinations"], key=lambda c: -(c["agreement_rate"] or 0))[:10]
    best = Table(title="Combinations with the most agreements", title_justify="left")
    best.add_column("strategies", overflow="fold")
    best.add_column("agreement rate", justify="right")
    best.add_column("mean rounds", justify="right")
    best.add_column("to Nash", justify="right")
    for c in top:
        best.add_row(escape(", ".join(f"{k}={v}" for k, v in c["strategies"].items())),
                     fmt(c["agreement_rate"], ".0%"), fmt(c["mean_rounds_to_agreement"], ".1f"),
                     fmt(c["mean_nash_distance"]))
    console.print(best)
    if "across_scenarios" in doc:
        pooled = doc["across_scenarios"]
        across = Table(title=f"Pooled across {len(pooled['scenarios'])} scenarios: "
                             + ", ".join(pooled["scenarios"]), title_justify="left")
        for col in ("strategy", "runs", "agreement rate", "mean rounds", "to Nash"):
            across.add_column(col, justify="left" if col == "strategy" else "right")
        for name, e in pooled["by_strategy"].items():
            across.add_row(escape(name), str(e["runs"]), fmt(e["agreement_rate"], ".0%"),
                           fmt(e["mean_rounds_to_agreement"], ".1f"),
                           fmt(e["mean_nash_distance"]))
        console.print(across)


def tournament(
    scenario: ScenarioArg = None,
    also: Annotated[list[Path] | None, typer.Option(
        "--also", help="Another scenario to play the same tournament on (repeatable); the "
                       "output adds a table pooled across all the scenarios.",
        show_default=False)] = None,
    strategies: Annotated[str, typer.Option(help="Comma-separated strategy names; the first "
                                                 "is the baseline of --pairing focal.")]
    = "linear_om,boulware,conceder,tit_for_tat,hardliner,walk_away",
    seeds: Annotated[int, typer.Option(help="Runs per combination.")] = 20,
    seed: Annotated[int, typer.Option(help="Base seed.")] = 0,
    rounds: Annotated[int, typer.Option(help="Deadline in rounds.")] = 100,
    pairing: Annotated[Pairing, typer.Option(help="all: every assignment (S^P); same: "
                                                  "everyone plays one strategy; focal: one "
                                                  "party deviates from the baseline.")]
    = Pairing.focal,
    protocol: Annotated[Protocol, typer.Option(help="Protocol of every run.")] = Protocol.sao,
    mediator: Annotated[str | None, typer.Option(help="Biased mediator's party.")] = None,
    bias: Annotated[float, typer.Option(help="Biased mediator's weight on itself.")] = 0.5,
    workers: Annotated[int, typer.Option(help="Local worker processes (0: every core).")] = 0,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
) -> None:
    """Play strategy combinations across seeds and compare agreement rates and gains."""
    from rich.progress import Progress

    from parley.negotiation import UnknownStrategy
    from parley.negotiation.tournament import across_scenarios, combinations, run_tournament

    for value, flag in ((seeds, "--seeds"), (rounds, "--rounds")):
        require_positive(value, flag)
    if workers < 0:
        _fail("--workers must be 0 (every core) or more")
    workers = workers or (os.cpu_count() or 1)
    scenarios = [load(scenario), *(load(p) for p in (also or []))]
    names = [s.strip() for s in strategies.split(",") if s.strip()]
    for sc in scenarios:
        if mediator is not None and mediator not in sc.parties:
            _fail(f"--mediator: unknown party {mediator!r} in {sc.id}; parties: "
                  f"{', '.join(sc.parties)}")
    if not 0.0 <= bias <= 1.0:
        _fail("--bias must be between 0 and 1")
    total = sum(len(combinations(sc.n_parties, names, pairing.value)) * seeds
                for sc in scenarios) if names else 0
    docs = []
    try:
        with Progress(console=stderr(), transient=True) as bar:
            task = bar.add_task("negotiating", total=total)
            for sc in scenarios:
                docs.append(run_tournament(
                    sc, names, seeds=seeds, seed=seed, rounds=rounds, pairing=pairing.value,
                    protocol=protocol.value, mediator=mediator,
                    bias=bias if mediator else 0.0, workers=workers, space=_space(sc),
                    progress=lambda n: bar.advance(task, n)).to_dict())
    except (UnknownStrategy, ValueError) as exc:
        _fail(str(exc))
    doc = docs[0]
    if len(docs) > 1:
        doc["other_scenarios"] = docs[1:]
        doc["across_scenarios"] = across_scenarios(docs)
    emit(doc, fmt, output, text=render_tournament_text)


def strategies_command(
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
) -> None:
    """List the negotiation strategies, their traits and parameters."""
    from parley.negotiation import STRATEGIES

    def summary(cls: type) -> str:
        first = (cls.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(first.split()).replace("``", "")

    doc = {name: {"description": summary(cls), **cls.traits()}
           for name, cls in sorted(STRATEGIES.items())}

    def text(d: dict[str, Any], console: Console) -> None:
        console.print("[bold]Negotiation strategies[/] (use as PARTY=NAME or "
                      "PARTY=NAME:key=value,...)")
        for name, e in d.items():
            traits = [t for t, on in (("stochastic", e["stochastic"]),
                                      ("opponent model", e["uses_opponent_model"])) if on]
            params = ", ".join(f"{k}={v:g}" for k, v in e["parameters"].items())
            head = f"[bold]{name}[/]" + (f" ({params})" if params else "")
            if traits:
                head += escape(f" [{', '.join(traits)}]")
            console.print(head, highlight=False)
            console.print(f"    {escape(e['description'])}", highlight=False)

    emit(doc, fmt, output, text=text)
