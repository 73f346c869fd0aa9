"""``parley durability``: probability of renewed war under each proposal and solution.

The lead registers the command in :mod:`parley.cli.main`, e.g.
``app.command()(durability)``. Renderers work on the JSON document
(:meth:`parley.durability.analyze.DurabilityResult.to_dict`), like ``parley analyze``.
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
from parley.cli.render import SOLUTION_LABELS
from parley.errors import AnalysisError

EVIDENCE_LABELS = {"interstate": "interstate", "civil_war": "civil-war", "judgment": "judgment"}


def _pct(band: dict[str, float]) -> str:
    return f"{100 * band['mean']:.0f}% ({100 * band['low']:.0f}–{100 * band['high']:.0f})"


def _provision(effect: dict[str, Any]) -> str:
    if effect["applied"]:
        tag = f"HR {effect['hazard_ratio']:.2f}, {EVIDENCE_LABELS[effect['evidence']]} evidence"
    else:
        classes = "/".join(EVIDENCE_LABELS[c] for c in effect["evidence_classes"])
        tag = f"{effect['direction']} risk, no number" + (f", {classes}" if classes else "")
    if effect["contested"]:
        tag += ", contested"
    return f"{effect['covariate']} ({tag})"


def _rows(doc: dict[str, Any], ids: bool = False) -> list[tuple[str, dict[str, Any]]]:
    rows: list[tuple[str, dict[str, Any]]] = [("Baseline: no provisions", doc["reference"])]
    rows += [(key if ids else entry["name"], entry) for key, entry in doc["proposals"].items()]
    rows += [(f"Solution: {SOLUTION_LABELS.get(name, name)}", entry)
             for name, entry in doc["solutions"].items() if entry is not None]
    return rows


def _heading(doc: dict[str, Any]) -> str:
    b = doc["baseline"]
    u = doc["uncertainty"]
    return (f"Baseline: Weibull λ = {b['lambda']:.1f} years (SE {b['lambda_se']:.1f}), "
            f"ρ = {b['rho']:.2f} (SE {b['rho_se']:.2f}), fitted to {b['n']} interstate wars "
            f"ending 1946–1997, {b['events']} followed by renewed war (interstate evidence). "
            f"Cells: Monte Carlo mean ({100 * u['level']:.0f}% band), {u['samples']:,} draws, "
            f"seed {u['seed']}.")


def render_durability_text(doc: dict[str, Any], console: Console) -> None:
    """Print the durability document as Rich tables."""
    horizons = [str(h) for h in doc["horizons_years"]]
    console.print(f"[bold]Durability: probability of renewed war ({doc['scenario']})[/]")
    console.print(_heading(doc), highlight=False)
    table = Table(title="P(renewed war) by years after the deal", title_justify="left")
    table.add_column("package", style="bold", overflow="fold")
    table.add_column("provisions", overflow="fold")
    for h in horizons:
        table.add_column(f"{h} yr", justify="right", no_wrap=True)
    for label, entry in _rows(doc, ids=True):
        # names only here; the effects table below gives each one's number and evidence
        provisions = "\n".join(e["covariate"] + ("" if e["applied"] else " (no number)")
                               for e in entry["active_effects"]) or "–"
        table.add_row(escape(label), escape(provisions),
                      *(_pct(entry["p_renewed_war"][h]) for h in horizons))
    console.print(table)
    missing = [SOLUTION_LABELS.get(k, k) for k, v in doc["solutions"].items() if v is None]
    if missing:
        console.print(f"No solution (empty ZOPA): {', '.join(missing)}", highlight=False)
    effects = Table(title="Effects and their evidence", title_justify="left")
    for col in ("covariate", "direction", "number used", "evidence", "note"):
        effects.add_column(col, overflow="fold")
    for name, e in doc["effects"].items():
        number, classes = _effect_cells(e)
        effects.add_row(escape(name), e["direction"], escape(number), classes, escape(e["note"]))
    console.print(effects)
    console.print("[bold]Contested findings[/]")
    for text in doc["contested"]:
        console.print(f"  • {escape(text)}", highlight=False)
    console.print("[bold]Limits[/]")
    for text in doc["caveats"]:
        console.print(f"  • {escape(text)}", highlight=False)


def _effect_cells(e: dict[str, Any]) -> tuple[str, str]:
    """The "number used" and "evidence" cells of an effect."""
    number = (f"HR {e['hazard_ratio']:.2f} ({e['ci95'][0]:.2f}–{e['ci95'][1]:.2f})"
              if e["numeric"] else "none (direction only)")
    classes = ", ".join(EVIDENCE_LABELS[c] for c in e["evidence_classes"])
    if e["contested"]:
        classes += " (contested)"
    return number, classes


def render_durability_markdown(doc: dict[str, Any]) -> str:
    """The durability document as Markdown."""
    horizons = [str(h) for h in doc["horizons_years"]]
    out = [f"# Durability: probability of renewed war ({doc['scenario']})", "",
           _heading(doc), "",
           "| package | provisions (evidence) | " + " | ".join(f"{h} yr" for h in horizons)
           + " |", "|---|---|" + "---:|" * len(horizons)]
    for label, entry in _rows(doc):
        provisions = "<br>".join(_provision(e) for e in entry["active_effects"]) or "–"
        cells = " | ".join(_pct(entry["p_renewed_war"][h]) for h in horizons)
        out.append(f"| {label} | {provisions} | {cells} |")
    out += ["", "## Effects and their evidence", "",
            "| covariate | direction | number used | evidence | note |", "|---|---|---|---|---|"]
    for name, e in doc["effects"].items():
        number, classes = _effect_cells(e)
        out.append(f"| {name} | {e['direction']} | {number} | {classes} | {e['note']} |")
    out += ["", "## Contested findings", ""] + [f"- {t}" for t in doc["contested"]]
    out += ["", "## Limits", ""] + [f"- {t}" for t in doc["caveats"]]
    return "\n".join(out) + "\n"


def durability(
    scenario: ScenarioArg = None,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    seed: Annotated[int, typer.Option(help="Seed of the Monte Carlo draws.")] = 0,
    samples: Annotated[int, typer.Option(help="Monte Carlo draws of the parameters.")]
    = 10_000,
    chart: ChartOpt = None,
) -> None:
    """Probability of renewed war by 1, 2, 5 and 10 years for each proposal and solution."""
    from parley.durability.analyze import analyze_durability

    require_positive(samples, "--samples")
    sc = load(scenario)
    try:
        result = analyze_durability(sc, seed=seed, samples=samples)
    except (AnalysisError, ValueError) as exc:
        stderr().print(f"[red]cannot estimate durability: {exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    doc = result.to_dict()
    emit(doc, fmt, output, text=render_durability_text, markdown=render_durability_markdown)
    from parley.charts.durability import draw_survival

    write_chart(draw_survival, doc, chart)
