"""``parley forecast``: spatial forecast (KTAB Spatial Model of Politics) of a KTAB CSV.

Registered in :mod:`parley.cli.main`. Renderers work on the JSON document
(:meth:`parley.forecast.smp.SMPResult.to_dict`), like the other commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from parley.cli.common import EXIT_INPUT, Format, FormatOpt, OutputOpt, emit, fail_input, stderr
from parley.errors import ScenarioError

MODELS = ("ktab",)


def render_forecast_text(doc: dict[str, Any], console: Console) -> None:
    """Print the trajectory of every actor and the forecast as Rich tables."""
    dims = doc["dimensions"]
    console.print(f"[bold]KTAB Spatial Model of Politics: {doc['rounds']} rounds[/]")
    for dim in dims:
        table = Table(title=f"{escape(dim)} (0–100) by round", title_justify="left")
        table.add_column("actor", style="bold", no_wrap=True,
                         min_width=max(len(a) for a in doc["actors"]))
        n = doc["rounds"] + 1
        shown = list(range(n)) if n <= 8 else [*range(4), *range(n - 4, n)]
        for t in shown:
            table.add_column(str(t), justify="right", no_wrap=True)
        for actor, series in doc["positions"].items():
            table.add_row(escape(actor), *(f"{series[dim][t]:.1f}" for t in shown))
        if len(shown) < n:
            table.caption = "middle rounds omitted; --format json gives every round"
        console.print(table)
    fc = Table(title="Forecast (expected final outcome)", title_justify="left")
    fc.add_column("dimension", style="bold")
    fc.add_column("forecast", justify="right")
    for dim in dims:
        fc.add_row(escape(dim), f"{doc['forecast'][dim]:.1f}")
    console.print(fc)
    win = Table(title="Final win probability of each actor's position", title_justify="left")
    win.add_column("actor", style="bold")
    win.add_column("probability", justify="right")
    for actor, series in doc["win_probability"].items():
        win.add_row(escape(actor), f"{series[-1]:.3f}")
    console.print(win)


def forecast(
    file: Annotated[Path, typer.Argument(help="KTAB CSV input file (actors, capability, "
                                              "position and salience per dimension).")],
    model: Annotated[str, typer.Option(help="Forecasting model: ktab (KTAB SMP).")] = "ktab",
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
) -> None:
    """Forecast positions on policy dimensions with the KTAB Spatial Model of Politics."""
    from parley.forecast import read_ktab_csv, run_smp

    if model not in MODELS:
        stderr().print(f"[red]unknown model {model!r}; choose one of: {', '.join(MODELS)}[/]")
        raise typer.Exit(EXIT_INPUT)
    try:
        data = read_ktab_csv(file)
    except ScenarioError as err:
        fail_input(err)
    doc = run_smp(data).to_dict()
    emit(doc, fmt, output, text=render_forecast_text)
