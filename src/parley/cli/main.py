"""The ``parley`` command line.

Exit codes: 0 success, 1 internal error (please report it), 2 bad input or usage.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console

from parley.cli.common import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    Format,
    FormatOpt,
    LedgerFormat,
    OutputOpt,
    ScenarioArg,
    emit,
    fail_input,
    load,
    stderr,
    write,
    write_yaml,
)
from parley.errors import AnalysisError, ScenarioError

app = typer.Typer(
    name="parley",
    help="Analyse negotiated ends to wars. With no scenario, commands use the bundled "
         "Russia–Ukraine default.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
import_app = typer.Typer(help="Convert files from other tools into parley scenarios.",
                         no_args_is_help=True)
app.add_typer(import_app, name="import")

@app.command()
def analyze(
    scenario: ScenarioArg = None,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    disagreement: Annotated[str | None, typer.Option(
        help="Disagreement point: 'negmas' = max(reservation, minimum utility) or "
             "'reservation'. Default: the scenario's setting.")] = None,
    ideal: Annotated[str | None, typer.Option(
        help="Ideal point for Kalai–Smorodinsky: 'space' (all feasible packages) or "
             "'acceptable' (the ZOPA). Default: the scenario's setting.")] = None,
    method: Annotated[str, typer.Option(
        help="Frontier method: auto, fold, scan or milp (solutions only, no frontier).")]
    = "auto",
    max_enumerate: Annotated[int | None, typer.Option(
        help="Largest feasible space counted exactly; larger spaces are sampled.")] = None,
    repairs: Annotated[int, typer.Option(help="Repairs listed per rejected proposal.")] = 5,
    seed: Annotated[int, typer.Option(help="Seed for sampling very large spaces.")] = 0,
) -> None:
    """Bargaining analysis: ZOPA, Pareto frontier, solutions, and how each proposal fares."""
    from parley.bargaining import Conventions
    from parley.bargaining import analyze as run_analysis

    sc = load(scenario)
    d_conv = disagreement or sc.settings.disagreement
    i_conv = ideal or sc.settings.ideal
    if d_conv not in ("negmas", "reservation") or i_conv not in ("space", "acceptable"):
        stderr().print("[red]--disagreement must be negmas|reservation and --ideal "
                        "space|acceptable[/]")
        raise typer.Exit(EXIT_INPUT)
    conv = Conventions(cast(Any, d_conv), cast(Any, i_conv))
    if method not in ("auto", "fold", "scan", "milp"):
        stderr().print("[red]--method must be auto, fold, scan or milp[/]")
        raise typer.Exit(EXIT_INPUT)
    try:
        result = run_analysis(sc, conv, max_enumerate=max_enumerate, repairs=repairs, seed=seed,
                              method=method)
    except (AnalysisError, ValueError) as exc:
        stderr().print(f"[red]cannot analyse: {exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    from parley.cli.render import render_markdown, render_text

    emit(result.to_dict(), fmt, output, text=render_text, markdown=render_markdown)


@app.command()
def validate(
    scenario: Annotated[Path, typer.Argument(help="Scenario YAML file or GENIUS directory.")],
) -> None:
    """Check a scenario file; list every problem with file, line, column and field (exit 2)."""
    sc = load(scenario)
    con = Console(highlight=False)
    con.print(f"[green]OK[/] {scenario}: {sc.n_parties} parties, {sc.n_issues} issues, "
              f"{sc.n_packages:,} packages, {len(sc.proposals)} proposals, "
              f"{len(sc.ledger)} numbers with sources or judgments")
    for warning in sc.warnings:
        con.print(f"[yellow]warning:[/] {warning}", highlight=False)


@app.command()
def sources(
    scenario: ScenarioArg = None,
    fmt: Annotated[LedgerFormat, typer.Option("--format", "-f")] = LedgerFormat.text,
    output: OutputOpt = None,
) -> None:
    """The assumptions ledger: every number with its value and its source or judgment."""
    sc = load(scenario)
    citations = {s.id: s.citation for s in sc.doc.sources}
    rows = [{"path": e.path, "value": e.value, "source": e.source,
             "citation": citations.get(e.source) if e.source else None,
             "judgment": e.judgment, "range": list(e.range) if e.range else None,
             "origin": e.origin, "line": e.line} for e in sc.ledger]
    if fmt is LedgerFormat.json:
        write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", output)
        return
    if fmt is LedgerFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["path"])
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "range": "" if row["range"] is None else
                             f"{row['range'][0]}..{row['range'][1]}"})
        write(buf.getvalue(), output)
        return
    from rich.table import Table

    table = Table(title=f"Assumptions ledger: {sc.id}")
    for col in ("line", "parameter", "value", "source / judgment"):
        table.add_column(col)
    judged = 0
    for row in rows:
        if row["judgment"]:
            judged += 1
            why = f"judgment: {row['judgment']}"
        else:
            why = str(row["source"])
        table.add_row(str(row["line"] or ""), row["path"], f"{row['value']:.4g}", why)
    Console().print(table)
    Console().print(f"{len(rows)} numbers: {len(rows) - judged} sourced, {judged} judgments")


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the scenario.")] = Path(
        "scenario.yaml"),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write the bundled default scenario to a file, as a starting point for your own."""
    from parley.scenario import default_scenario_path

    if path.exists() and not force:
        stderr().print(f"[red]{path} exists; use --force to overwrite it[/]")
        raise typer.Exit(EXIT_INPUT)
    write(default_scenario_path().read_text(encoding="utf-8"), path)


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="'analysis' (JSON output) or 'scenario' "
                                              "(the YAML file).")] = "analysis",
) -> None:
    """Print a JSON Schema: of the analysis JSON output, or of scenario files."""
    if which == "analysis":
        from parley.bargaining.report import analysis_schema_path

        sys.stdout.write(analysis_schema_path().read_text(encoding="utf-8"))
    elif which == "scenario":
        from parley.scenario.schema import ScenarioDoc

        sys.stdout.write(json.dumps(ScenarioDoc.model_json_schema(by_alias=True), indent=2)
                         + "\n")
    else:
        stderr().print("[red]choose 'analysis' or 'scenario'[/]")
        raise typer.Exit(EXIT_INPUT)


def _register_engine_commands() -> None:
    from parley.cli.durability import durability
    from parley.cli.dynamics import dynamics
    from parley.cli.forecast import forecast, import_ktab
    from parley.cli.negotiate import negotiate, strategies_command, tournament
    from parley.cli.report import report
    from parley.cli.serve import serve, user_app
    from parley.cli.stability import import_gmcr, stability
    from parley.cli.uncertainty import uncertainty

    app.command()(stability)
    app.command()(durability)
    app.command()(uncertainty)
    app.command()(dynamics)
    app.command()(forecast)
    app.command()(negotiate)
    app.command()(tournament)
    app.command("strategies")(strategies_command)
    import_app.command("gmcr")(import_gmcr)
    import_app.command("ktab")(import_ktab)
    app.command()(report)
    app.command()(serve)
    app.add_typer(user_app, name="user")


_register_engine_commands()


@import_app.command("genius")
def import_genius(
    directory: Annotated[Path, typer.Argument(help="GENIUS domain directory: one domain XML "
                                                   "and one utility XML per party.")],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Scenario YAML to write (default: "
                                                     "stdout).")] = None,
    raw: Annotated[bool, typer.Option(help="Keep raw XML evaluations (NegMAS) instead of "
                                           "GENIUS's per-issue normalisation.")] = False,
) -> None:
    """Convert a GENIUS / ANAC negotiation domain into a parley scenario file."""
    from parley.interop.genius import read_genius_dir
    from parley.scenario import scenario_from_dict

    try:
        doc = read_genius_dir(directory, normalize=not raw)
        scenario_from_dict(doc, str(directory))
    except ScenarioError as err:
        fail_input(err)
    write_yaml(doc, output)


@app.command()
def version() -> None:
    """Print parley's version."""
    from parley import __version__

    print(__version__)


#: Top-level modules of the optional extras, and the extra that installs each.
OPTIONAL_MODULES = {
    "matplotlib": "charts", "cycler": "charts",
    "jinja2": "report", "weasyprint": "report", "markupsafe": "report",
    "SALib": "uncertainty", "dask": "uncertainty", "distributed": "uncertainty",
    "pyarrow": "uncertainty",
    "fastapi": "web", "uvicorn": "web", "sqlalchemy": "web", "alembic": "web",
    "argon2": "web", "multipart": "web", "python_multipart": "web", "plotly": "web",
    "psycopg": "web", "starlette": "web",
}


def run() -> None:
    """Console-script entry point: never show a traceback for bad input."""
    try:
        app()
    except ScenarioError as err:  # pragma: no cover - commands handle it
        fail_input(err)
    except KeyboardInterrupt:
        stderr().print("interrupted")
        sys.exit(130)
    except (typer.Exit, SystemExit):
        raise
    except ModuleNotFoundError as exc:
        extra = OPTIONAL_MODULES.get((exc.name or "").split(".")[0])
        if extra is None or os.environ.get("PARLEY_DEBUG"):
            raise
        stderr().print(f"this needs the '{extra}' extra, which is not installed: "
                       f"pip install 'parley[{extra}]' (missing module {exc.name})",
                       style="red", markup=False, highlight=False, soft_wrap=True)
        sys.exit(EXIT_INPUT)
    except Exception as exc:
        if os.environ.get("PARLEY_DEBUG"):
            raise
        stderr().print(f"[red]internal error: {type(exc).__name__}: {exc}[/]\n"
                        "This is a bug in parley; rerun with PARLEY_DEBUG=1 for details and "
                        "please report it.", highlight=False)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    run()
