"""``parley dynamics``: the bargaining range month by month if no deal is made.

Renderers work on the JSON document (:meth:`parley.dynamics.analyze.DynamicsResult.to_dict`).
"""

from __future__ import annotations

from typing import Annotated, Any

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


def _deal(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return "no deal"
    return ", ".join(f"{k}={v}" for k, v in entry["package"].items())


def _summary(doc: dict[str, Any]) -> list[str]:
    zopa = doc["zopa"]
    state = "open" if zopa["open_at_start"] else "empty"
    lines = [f"The ZOPA is {state} at month 0"
             + (f"; it opens in month(s) {zopa['opens']}" if zopa["opens"] else "")
             + (f"; it closes in month(s) {zopa['closes']}" if zopa["closes"] else "") + "."]
    ripe = doc["ripe_months"]
    lines.append(f"Ripe months ({' and '.join(doc['ripeness']['parties'])} both prefer the "
                 f"{doc['ripeness']['deal']} deal now to fighting on): "
                 + (", ".join(map(str, ripe)) if ripe else "none") + ".")
    cost = ", ".join(f"{p} {v['average']:+.4f} ({v['average_discounted']:+.4f})"
                     for p, v in doc["cost_of_delay"].items())
    lines.append("Average utility lost per month of delay, Nash terms (discounted): "
                 f"{cost}.")
    fb = doc.get("fallback")
    if fb is not None:
        terr = fb["territory_at_horizon"]
        size = fb["zopa_size_at_horizon"]
        lines.append(
            f"Talks stall, Europe takes over {100 * fb['europe_share']:.0f}% of the US burden: "
            f"the US saves {fb['us_cost_saved']:.1f} bn EUR over {doc['horizon']} months, "
            f"Europe pays {fb['europe_extra_cost']:.1f} bn more; effective aid "
            f"{fb['effective_aid']['baseline']:.2f} -> {fb['effective_aid']['fallback']:.2f} "
            f"bn EUR a month; Russian-held share at month {doc['horizon']} "
            f"{terr['baseline']:.2f}% -> {terr['fallback']:.2f}%; ZOPA "
            f"{size['baseline']} -> {size['fallback']} packages.")
    return lines


def _rows(doc: dict[str, Any]) -> list[list[str]]:
    parties = doc["parties"]
    rows = []
    for m in doc["months"]:
        size = "~" if m["zopa_size"] is None else f"{m['zopa_size']:,}"
        rv = " ".join(f"{m['reservation_values'][p]:.3f}" for p in parties)
        nash = m["nash"]
        nu = " ".join(f"{nash['utilities'][p]:.3f}" for p in parties) if nash else "–"
        rows.append([str(m["month"]), size, f"{100 * m['zopa_share']:.2f}%", rv, nu,
                     "yes" if m["ripe"] else ""])
    return rows


def render_dynamics_text(doc: dict[str, Any], console: Console) -> None:
    """Print the dynamics document as a Rich table."""
    console.print(f"[bold]Bargaining range over time ({escape(doc['scenario'])}), "
                  f"{doc['horizon']} months from {escape(str(doc['start'] or 'month 0'))}[/]")
    for line in _summary(doc):
        console.print(escape(line), highlight=False)
    parties = " ".join(doc["parties"])
    table = Table(title_justify="left")
    for col in ("month", "ZOPA", "share", f"reservation values ({parties})",
                "Nash utilities", "ripe"):
        table.add_column(col, justify="right" if col in ("month", "ZOPA", "share") else "left")
    for row in _rows(doc):
        table.add_row(*row)
    console.print(table)
    changes = [m for k, m in enumerate(doc["months"])
               if k == 0 or m["nash"] != doc["months"][k - 1]["nash"]]
    console.print("[bold]Nash package (from the month it first applies)[/]")
    for m in changes:
        console.print(f"  month {m['month']}: {escape(_deal(m['nash']))}", highlight=False)


def render_dynamics_markdown(doc: dict[str, Any]) -> str:
    """The dynamics document as Markdown."""
    parties = doc["parties"]
    out = [f"# Bargaining range over time ({doc['scenario']})", ""]
    out += [f"- {line}" for line in _summary(doc)]
    out += ["", f"| month | ZOPA | share | reservation values ({', '.join(parties)}) "
                "| Nash utilities | ripe |", "|---:|---:|---:|---|---|---|"]
    out += ["| " + " | ".join(row) + " |" for row in _rows(doc)]
    out += ["", "## Nash package by month", ""]
    for k, m in enumerate(doc["months"]):
        if k == 0 or m["nash"] != doc["months"][k - 1]["nash"]:
            out.append(f"- month {m['month']}: {_deal(m['nash'])}")
    return "\n".join(out) + "\n"


def dynamics(
    scenario: ScenarioArg = None,
    months: Annotated[int | None, typer.Option(
        help="Horizon in months (default: the scenario's dynamics.horizon).")] = None,
    europe_share: Annotated[float, typer.Option(
        "--europe-share", help="Talks stall: share (0-1) of the US burden Europe takes "
                               "over; also reports the comparison with no takeover.")] = 0.0,
    deal: Annotated[str, typer.Option(
        help="Ripeness compares the value of continuing with the 'nash' deal of the month "
             "or each party's 'best' acceptable deal.")] = "nash",
    samples: Annotated[int, typer.Option(
        help="Draws of the parameters within their ranges for 5-95% bands of the "
             "reservation values and territory (0: none).")] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the parameter draws.")] = 0,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    chart: ChartOpt = None,
) -> None:
    """ZOPA, Nash/KS deals, ripeness and cost of delay month by month if no deal is made."""
    from parley.dynamics.analyze import analyze_dynamics

    if months is not None:
        require_positive(months, "--months")
    if samples < 0:
        stderr().print(f"[red]--samples must be 0 or more, not {samples}[/]")
        raise typer.Exit(EXIT_INPUT)
    if not 0.0 <= europe_share <= 1.0:
        stderr().print(f"[red]--europe-share must lie between 0 and 1, not {europe_share}[/]")
        raise typer.Exit(EXIT_INPUT)
    if deal not in ("nash", "best"):
        stderr().print(f"[red]--deal must be 'nash' or 'best', not {deal!r}[/]")
        raise typer.Exit(EXIT_INPUT)
    sc = load(scenario)
    try:
        result = analyze_dynamics(sc, months, europe_share=europe_share,
                                  deal="best" if deal == "best" else "nash",
                                  samples=samples, seed=seed)
    except ValueError as exc:
        stderr().print(f"[red]cannot run the dynamics: {exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    doc = result.to_dict()
    emit(doc, fmt, output, text=render_dynamics_text, markdown=render_dynamics_markdown)
    from parley.charts.dynamics import draw_dynamics

    write_chart(draw_dynamics, doc, chart)
