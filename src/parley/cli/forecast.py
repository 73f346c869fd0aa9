"""``parley forecast`` (KTAB SMP or EUM on a scenario or a KTAB CSV) and ``parley import ktab``.

Registered in :mod:`parley.cli.main`. Renderers work on the JSON document
(``SMPResult.to_dict`` / ``EUMResult.to_dict``, plus ``comparison`` for scenarios).
"""

from __future__ import annotations

import enum
from pathlib import Path
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
    emit,
    fail_input,
    load,
    require_positive,
    stderr,
    write_chart,
    write_yaml,
)
from parley.errors import ScenarioError

MODELS = ("ktab", "eum")
#: Bargaining solutions shown next to the forecast of a scenario.
COMPARED = ("nash", "kalai_smorodinsky")
MODEL_TITLES = {"ktab-smp": "KTAB Spatial Model of Politics", "eum": "Expected-utility model "
                "(Bueno de Mesquita; Scholz et al. 2011 reading)"}


class Probability(enum.StrEnum):
    """EUM probability normalisation."""

    all_pairs = "all-pairs"
    contest = "contest"


class Risk(enum.StrEnum):
    """EUM: whose risk exponent i uses for j's challenge."""

    perceiver = "perceiver"
    own = "own"


class Point(enum.StrEnum):
    """EUM forecast statistic."""

    median = "median"
    mean = "mean"


class Updates(enum.StrEnum):
    """EUM position updates."""

    simultaneous = "simultaneous"
    sequential = "sequential"


class OfferChoice(enum.StrEnum):
    """EUM choice among compromise offers."""

    scholz = "scholz"
    nearest = "nearest"


def _final_win(doc: dict[str, Any], actor: str) -> list[str]:
    series = doc["win_probability"][actor]
    if isinstance(series, dict):
        return [f"{series[d][-1]:.3f}" for d in doc["dimensions"]]
    return [f"{series[-1]:.3f}"]


def _shown_rounds(n: int) -> list[int]:
    return list(range(n)) if n <= 8 else [*range(4), *range(n - 4, n)]


def render_forecast_text(doc: dict[str, Any], console: Console) -> None:
    """Print the trajectory of every actor, the forecast and win probabilities as Rich tables."""
    dims = doc["dimensions"]
    title = MODEL_TITLES.get(doc["model"], doc["model"])
    console.print(f"[bold]{escape(title)}: {doc['rounds']} rounds[/]")
    n = doc["rounds"] + 1
    shown = _shown_rounds(n)
    for dim in dims:
        table = Table(title=f"{escape(dim)} (0–100) by round", title_justify="left")
        table.add_column("actor", style="bold", no_wrap=True,
                         min_width=max(len(a) for a in doc["actors"]))
        for t in shown:
            table.add_column(str(t), justify="right", no_wrap=True)
        for actor, series in doc["positions"].items():
            table.add_row(escape(actor), *(f"{series[dim][t]:.1f}" for t in shown))
        if len(shown) < n:
            table.caption = "middle rounds omitted; --format json gives every round"
        console.print(table)
    fc = Table(title=f"Forecast ({doc['forecast_definition']})", title_justify="left")
    fc.add_column("dimension", style="bold")
    fc.add_column("forecast", justify="right")
    for dim in dims:
        fc.add_row(escape(dim), f"{doc['forecast'][dim]:.1f}")
    console.print(fc)
    per_dim = isinstance(next(iter(doc["win_probability"].values())), dict)
    win = Table(title="Final win probability of each actor's position"
                + (" (against the median, per dimension)" if per_dim else ""),
                title_justify="left")
    win.add_column("actor", style="bold")
    for col in (dims if per_dim else ["probability"]):
        win.add_column(escape(col), justify="right")
    for actor in doc["actors"]:
        win.add_row(escape(actor), *_final_win(doc, actor))
    console.print(win)
    if "comparison" in doc:
        console.print(_comparison_table(doc))


def _comparison_table(doc: dict[str, Any]) -> Table:
    table = Table(title="Forecast against the bargaining solutions (nearest option)",
                  title_justify="left")
    table.add_column("dimension", style="bold")
    table.add_column("forecast", justify="right")
    table.add_column("nearest option")
    for name in COMPARED:
        table.add_column(name)
    for row in doc["comparison"]:
        table.add_row(escape(row["dimension"]), f"{row['forecast']:.1f}",
                      escape(row["forecast_option"]),
                      *(escape(_solution_cell(row, name)) for name in COMPARED))
    return table


def _solution_cell(row: dict[str, Any], name: str) -> str:
    opt = row["solutions"].get(name)
    if opt is None:
        return "—"
    mark = " =" if opt == row["forecast_option"] else ""
    return f"{opt} ({row['solution_points'][name]:g}){mark}"


def render_forecast_markdown(doc: dict[str, Any]) -> str:
    """The forecast as a Markdown document."""
    dims = doc["dimensions"]
    n = doc["rounds"] + 1
    shown = _shown_rounds(n)
    out = [f"# {MODEL_TITLES.get(doc['model'], doc['model'])}", "",
           f"{doc['rounds']} rounds after the initial state. Forecast: "
           f"{doc['forecast_definition']}.", ""]
    for dim in dims:
        out += [f"## {dim} (0–100) by round", "",
                "| actor | " + " | ".join(str(t) for t in shown) + " |",
                "|---|" + "---:|" * len(shown)]
        for actor, series in doc["positions"].items():
            out.append(f"| {actor} | " + " | ".join(f"{series[dim][t]:.1f}" for t in shown)
                       + " |")
        if len(shown) < n:
            out.append("\nMiddle rounds omitted; `--format json` gives every round.")
        out.append("")
    out += ["## Forecast", "", "| dimension | forecast |", "|---|---:|"]
    out += [f"| {d} | {doc['forecast'][d]:.1f} |" for d in dims]
    per_dim = isinstance(next(iter(doc["win_probability"].values())), dict)
    cols = dims if per_dim else ["probability"]
    out += ["", "## Final win probabilities", "", "| actor | " + " | ".join(cols) + " |",
            "|---|" + "---:|" * len(cols)]
    out += [f"| {a} | " + " | ".join(_final_win(doc, a)) + " |" for a in doc["actors"]]
    if "comparison" in doc:
        out += ["", "## Forecast against the bargaining solutions", "",
                "| dimension | forecast | nearest option | " + " | ".join(COMPARED) + " |",
                "|---|---:|---|" + "---|" * len(COMPARED)]
        for row in doc["comparison"]:
            out.append(f"| {row['dimension']} | {row['forecast']:.1f} | "
                       f"{row['forecast_option']} | "
                       + " | ".join(_solution_cell(row, name) for name in COMPARED) + " |")
    return "\n".join(out) + "\n"


def _comparison(scenario: Any, forecast_doc: dict[str, Any]) -> list[dict[str, Any]]:
    from parley.bargaining.analyze import analyze
    from parley.forecast.scenario_spatial import compare_with_solutions

    result = analyze(scenario)
    packages = {name: (result.solutions[name].package  # type: ignore[union-attr]
                       if result.solutions.get(name) is not None else None)
                for name in COMPARED}
    return [c.to_dict() for c in
            compare_with_solutions(scenario, forecast_doc["forecast"], packages)]


def forecast(
    file: Annotated[Path | None, typer.Argument(
        help="Scenario YAML with a `spatial:` section, or a KTAB CSV (default: the bundled "
             "Russia–Ukraine scenario).", show_default=False)] = None,
    model: Annotated[str, typer.Option(help="Forecasting model: ktab (KTAB Spatial Model of "
                                            "Politics) or eum (expected-utility model).")
                     ] = "ktab",
    eum_probability: Annotated[Probability, typer.Option(
        help="EUM: normalise P(i beats j) over all actor pairs (Scholz code) or per contest.")
    ] = Probability.all_pairs,
    eum_risk: Annotated[Risk, typer.Option(
        help="EUM: i judges j's challenge with its own risk exponent (perceiver) or j's (own).")
    ] = Risk.perceiver,
    eum_forecast: Annotated[Point, typer.Option(
        help="EUM: report the final median or mean position.")] = Point.median,
    eum_updates: Annotated[Updates, typer.Option(
        help="EUM: all actors move at once, or one after another in input order.")
    ] = Updates.simultaneous,
    eum_offer_choice: Annotated[OfferChoice, typer.Option(
        help="EUM: rank compromise offers as the Scholz code does, or by the smallest move.")
    ] = OfferChoice.scholz,
    eum_capitulation: Annotated[bool, typer.Option(
        help="EUM: allow capitulation moves (unreachable in the Scholz code).")] = False,
    max_rounds: Annotated[int, typer.Option(help="Upper limit on rounds.")] = 100,
    compare: Annotated[bool, typer.Option(
        help="For a scenario: compare the forecast with the Nash and Kalai–Smorodinsky "
             "packages.")] = True,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    chart: ChartOpt = None,
) -> None:
    """Forecast positions on policy dimensions (KTAB SMP or Bueno de Mesquita's EUM)."""
    from parley.forecast import EUMOptions, read_ktab_csv, run_eum, run_smp

    if model not in MODELS:
        stderr().print(f"[red]unknown model {model!r}; choose one of: {', '.join(MODELS)}[/]")
        raise typer.Exit(EXIT_INPUT)
    require_positive(max_rounds, "--max-rounds")
    scenario = None
    if file is not None and file.suffix.lower() == ".csv":
        try:
            data = read_ktab_csv(file)
        except ScenarioError as err:
            fail_input(err)
    else:
        from parley.forecast.scenario_spatial import spatial_input

        scenario = load(file)
        if scenario.doc.spatial is None:
            stderr().print(f"[red]{file}: the scenario has no `spatial:` section; add one "
                           "(docs/forecast.md) or give a KTAB CSV[/]")
            raise typer.Exit(EXIT_INPUT)
        data = spatial_input(scenario)
    if model == "ktab":
        doc = run_smp(data, max_rounds=max_rounds).to_dict()
    else:
        opts = EUMOptions(probability=eum_probability.value,
                          risk=eum_risk.value,
                          forecast=eum_forecast.value,
                          updates=eum_updates.value,
                          capitulation=eum_capitulation,
                          offer_choice=eum_offer_choice.value,
                          max_rounds=max_rounds)
        doc = run_eum(data, opts).to_dict()
    if scenario is not None and compare:
        doc["comparison"] = _comparison(scenario, doc)
    emit(doc, fmt, output, text=render_forecast_text, markdown=render_forecast_markdown)
    if chart is not None:
        from parley.charts.forecast import draw_forecast

        write_chart(draw_forecast, doc, chart)


def import_ktab(
    file: Annotated[Path, typer.Argument(help="KTAB spatial-model CSV input file.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Scenario YAML to "
                                                "write (default: stdout).")] = None,
) -> None:
    """Convert a KTAB spatial-model CSV into a parley scenario with a `spatial:` section."""
    from parley.forecast import read_ktab_csv
    from parley.forecast.ktab_scenario import ktab_to_scenario
    from parley.scenario import scenario_from_dict

    try:
        data = read_ktab_csv(file)
        doc = ktab_to_scenario(data, file.name)
        scenario_from_dict(doc, str(file))
    except ScenarioError as err:
        fail_input(err)
    write_yaml(doc, output)
