"""``parley uncertainty``: Monte Carlo over the scenario's ranges, with sensitivity.

Renderers work on the JSON document (:meth:`parley.uncertainty.MonteCarloResult.to_dict`
plus a ``sensitivity`` entry).
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
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
)
from parley.cli.render import SOLUTION_LABELS


class Sensitivity(enum.StrEnum):
    """Sensitivity analyses of ``parley uncertainty``."""

    tornado = "tornado"
    sobol = "sobol"
    none = "none"


def _pkg(package: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in package.items())


def render_uncertainty_text(doc: dict[str, Any], console: Console) -> None:
    """Print the uncertainty document as Rich tables."""
    console.print(f"[bold]Parameter uncertainty ({doc['scenario']})[/]: {doc['samples']:,} "
                  f"draws of {len(doc['parameters'])} uncertain numbers, seed {doc['seed']}; "
                  f"P(empty ZOPA) = {100 * doc['p_zopa_empty']:.1f}%", highlight=False)
    table = Table(title="Named proposals", title_justify="left")
    for col, just in (("proposal", "left"), ("P(acceptable)", "right"),
                      ("smallest margin: median (5–95%)", "right")):
        table.add_column(col, justify=just, overflow="fold")  # type: ignore[arg-type]
    for pid, e in doc["proposals"].items():
        m = e["min_margin"]
        table.add_row(escape(pid), f"{100 * e['p_acceptable']:.1f}%",
                      f"{m['median']:+.3f} ({m['p05']:+.3f} … {m['p95']:+.3f})")
    console.print(table)
    for key in ("nash", "kalai_smorodinsky"):
        freq = doc["solution_frequency"][key]
        t = Table(title=f"{SOLUTION_LABELS.get(key, key)}: most frequent packages",
                  title_justify="left")
        t.add_column("share", justify="right")
        t.add_column("package", overflow="fold")
        for entry in freq[:5]:
            t.add_row(f"{100 * entry['share']:.1f}%", escape(_pkg(entry["package"])))
        if len(freq) > 5:
            t.add_row("…", f"{len(freq) - 5} more packages")
        console.print(t)
    sens = doc.get("sensitivity")
    if sens and sens["method"] == "tornado":
        t = Table(title="Tornado: numbers that flip a proposal at the end of their range",
                  title_justify="left")
        for col in ("number", "proposal", "flips at", "becomes"):
            t.add_column(col, overflow="fold")
        for bar in sens["tornado"]["bars"]:
            for f in bar["flips"]:
                t.add_row(escape(bar["path"]), escape(f["proposal"]),
                          f"{f['at']:.4g} (file {bar['value']:g}, range {bar['low']:g}"
                          f"–{bar['high']:g})", f["becomes"])
        console.print(t)
    elif sens and sens["method"] == "sobol":
        for out in sens["outputs"]:
            t = Table(title=f"Sobol indices of {out['output']} "
                            f"({sens['evaluations']:,} runs)", title_justify="left")
            for col in ("number", "S1", "ST"):
                t.add_column(col, justify="left" if col == "number" else "right")
            rows = [i for i in out["indices"] if i["ST"] is not None]
            rows.sort(key=lambda i: -i["ST"])
            for i in rows[:6]:
                t.add_row(escape(i["parameter"]), f"{i['S1']:.2f} ± {i['S1_conf']:.2f}",
                          f"{i['ST']:.2f} ± {i['ST_conf']:.2f}")
            if not rows:
                t.add_row("(output does not vary)", "–", "–")
            console.print(t)


def render_uncertainty_markdown(doc: dict[str, Any]) -> str:
    """The uncertainty document as Markdown."""
    out = [f"# Parameter uncertainty ({doc['scenario']})", "",
           f"{doc['samples']:,} draws of {len(doc['parameters'])} uncertain numbers, seed "
           f"{doc['seed']}; P(empty ZOPA) = {100 * doc['p_zopa_empty']:.1f}%.", "",
           "| proposal | P(acceptable) | smallest margin: median (5–95%) |", "|---|---:|---:|"]
    for e in doc["proposals"].values():
        m = e["min_margin"]
        out.append(f"| {e['name']} | {100 * e['p_acceptable']:.1f}% | {m['median']:+.3f} "
                   f"({m['p05']:+.3f} … {m['p95']:+.3f}) |")
    for key in ("nash", "kalai_smorodinsky"):
        out += ["", f"## {SOLUTION_LABELS.get(key, key)}: most frequent packages", "",
                "| share | package |", "|---:|---|"]
        out += [f"| {100 * e['share']:.1f}% | {_pkg(e['package'])} |"
                for e in doc["solution_frequency"][key][:5]]
    sens = doc.get("sensitivity")
    if sens and sens["method"] == "tornado":
        out += ["", "## Tornado: numbers that flip a proposal", "",
                "| number | proposal | flips at | file value (range) | becomes |",
                "|---|---|---:|---|---|"]
        out += [f"| {b['path']} | {f['proposal']} | {f['at']:.4g} | {b['value']:g} "
                f"({b['low']:g}–{b['high']:g}) | {f['becomes']} |"
                for b in sens["tornado"]["bars"] for f in b["flips"]]
    elif sens and sens["method"] == "sobol":
        for o in sens["outputs"]:
            rows = sorted((i for i in o["indices"] if i["ST"] is not None),
                          key=lambda i: -i["ST"])[:6]
            out += ["", f"## Sobol indices of {o['output']}", "", "| number | S1 | ST |",
                    "|---|---:|---:|"]
            out += [f"| {i['parameter']} | {i['S1']:.2f} ± {i['S1_conf']:.2f} | "
                    f"{i['ST']:.2f} ± {i['ST_conf']:.2f} |" for i in rows]
    return "\n".join(out) + "\n"


def uncertainty(
    scenario: ScenarioArg = None,
    samples: Annotated[int, typer.Option(help="Monte Carlo draws.")] = 1000,
    seed: Annotated[int, typer.Option(help="Seed; results depend only on it and the "
                                           "number of samples.")] = 0,
    workers: Annotated[int, typer.Option(help="Local worker processes (0: every core).")]
    = 0,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    chart: ChartOpt = None,
    sensitivity: Annotated[Sensitivity, typer.Option(help="Sensitivity analysis to add.")]
    = Sensitivity.tornado,
    sobol_samples: Annotated[int, typer.Option(
        help="Sobol base sample N (a power of 2); N·(d+2) model runs.")] = 64,
    proposal: Annotated[str | None, typer.Option(
        help="Proposal id the tornado chart shows (default: the one most often flipped).")]
    = None,
    cluster: Annotated[str | None, typer.Option(
        help="Dask scheduler address (tcp://host:8786): run the chunks there.")] = None,
    store: Annotated[Path | None, typer.Option(
        help="Directory where each finished chunk is written as Parquet.")] = None,
    resume: Annotated[bool, typer.Option(
        help="Skip chunks of the same run already in --store.")] = False,
    chunk_size: Annotated[int, typer.Option(help="Draws per chunk of work.")] = 100,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Monte Carlo over every number with a range: P(acceptable) of each proposal, P(empty
    ZOPA), how often each package is the Nash / Kalai–Smorodinsky solution; tornado or
    Sobol sensitivity."""
    from parley.cli.common import write_chart
    from parley.uncertainty import compile_scenario

    require_positive(samples, "--samples")
    require_positive(chunk_size, "--chunk-size")
    if workers < 0:
        stderr().print("[red]--workers must be 0 (every core) or more[/]")
        raise typer.Exit(EXIT_INPUT)
    if sensitivity is Sensitivity.sobol and (sobol_samples < 2
                                             or sobol_samples & (sobol_samples - 1)):
        stderr().print("[red]--sobol-samples must be a power of 2 (at least 2)[/]")
        raise typer.Exit(EXIT_INPUT)
    if resume and store is None:
        stderr().print("[red]--resume needs --store DIR[/]")
        raise typer.Exit(EXIT_INPUT)
    sc = load(scenario)
    if proposal is not None and proposal not in [p.id for p in sc.proposals]:
        stderr().print(f"[red]--proposal: unknown proposal {proposal!r}[/]")
        raise typer.Exit(EXIT_INPUT)
    compiled = compile_scenario(sc)
    if not compiled.params:
        stderr().print("[yellow]no number of the bargaining model carries a range: every "
                       "draw is the same[/]")
    n_workers = None if workers == 0 else workers
    client: Any = None
    if cluster is not None:
        from parley.uncertainty.parallel import connect

        try:
            client, _ = connect(cluster)
        except (OSError, ValueError) as exc:
            stderr().print(f"[red]--cluster {cluster}: cannot connect: {exc}[/]")
            raise typer.Exit(EXIT_INPUT) from None
    try:
        doc = _run(compiled, samples, seed, n_workers, client, store, resume, chunk_size,
                   progress, sensitivity, sobol_samples, proposal)
    finally:
        if client is not None:
            client.close()
    emit(doc, fmt, output, text=render_uncertainty_text, markdown=render_uncertainty_markdown)
    from parley.charts.uncertainty import draw_uncertainty

    write_chart(draw_uncertainty, doc, chart)


def _run(compiled: Any, samples: int, seed: int, n_workers: int | None, client: Any,
         store: Path | None, resume: bool, chunk_size: int, progress: bool,
         sensitivity: Sensitivity, sobol_samples: int, proposal: str | None
         ) -> dict[str, Any]:
    """The Monte Carlo run and the sensitivity analysis, with a progress bar."""
    from parley.uncertainty import monte_carlo

    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(), console=stderr(),
                  disable=not progress, transient=True) as bar:
        task = bar.add_task("Monte Carlo", total=samples)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            result = monte_carlo(compiled, samples, seed, workers=n_workers, cluster=client,
                                 store=store, resume=resume, chunk_size=chunk_size,
                                 progress=step)
        except OSError as exc:
            stderr().print(f"[red]cannot run: {exc}[/]")
            raise typer.Exit(EXIT_INPUT) from None
        doc = result.to_dict()
        sens: dict[str, Any] | None = None
        if sensitivity is Sensitivity.tornado:
            from parley.uncertainty.tornado import tornado, tornado_target

            bar.update(task, description="Tornado", completed=0, total=None)
            tor = tornado(compiled).to_dict()
            sens = {"method": "tornado", "tornado": tor,
                    "target": proposal or tornado_target(doc, tor)}
        elif sensitivity is Sensitivity.sobol and not compiled.params:
            sens = {"method": "sobol", "base_samples": sobol_samples, "evaluations": 0,
                    "outputs": []}
        elif sensitivity is Sensitivity.sobol:
            from parley.uncertainty.sobol import saltelli_points, scenario_sobol

            n_runs = saltelli_points(len(compiled.params), sobol_samples, seed).shape[0]
            bar.update(task, description="Sobol", completed=0, total=n_runs)
            indices = scenario_sobol(compiled, sobol_samples, seed, workers=n_workers,
                                     client=client, progress=step)
            sens = {"method": "sobol", "base_samples": sobol_samples, "evaluations": n_runs,
                    "outputs": [i.to_dict() for i in indices]}
    doc["sensitivity"] = sens
    return doc
