"""``parley report``: the decision memo as HTML, Markdown or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from parley.cli.common import EXIT_INPUT, ScenarioArg, load, require_positive, stderr, write

SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
            ".pdf": "pdf"}


def report(
    scenario: ScenarioArg = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The memo to write: .html (self-contained), .md (charts in a "
                               "'<name>_files' folder beside it) or .pdf. Default: Markdown "
                               "without charts on stdout.", show_default=False)] = None,
    seed: Annotated[int, typer.Option(help="Seed of every Monte Carlo part.")] = 0,
    samples: Annotated[int, typer.Option(help="Monte Carlo draws for the durability "
                                              "bands.")] = 4_000,
    uncertainty_samples: Annotated[int, typer.Option(
        help="Monte Carlo draws of the uncertainty section (each a full bargaining "
             "analysis).")] = 200,
    skip: Annotated[list[str] | None, typer.Option(
        "--skip", help="Leave out an optional section (repeatable): stability, forecast, "
                       "dynamics, negotiation, durability, uncertainty.",
        show_default=False)] = None,
) -> None:
    """Write a decision memo: the question, the parties, the bargaining range, the real
    proposals, stability, forecast, dynamics, simulated talks, durability, uncertainty and
    the assumptions ledger, with charts."""
    from parley.errors import AnalysisError
    from parley.report import PdfUnavailable, build_report, render_html, render_markdown
    from parley.report.pdf import render_pdf

    kind = "markdown" if output is None else SUFFIXES.get(output.suffix.lower())
    if kind is None:
        stderr().print(f"[red]--output {output}: use a .html, .md or .pdf file[/]")
        raise typer.Exit(EXIT_INPUT)
    require_positive(samples, "--samples")
    require_positive(uncertainty_samples, "--uncertainty-samples")
    sc = load(scenario)
    try:
        memo = build_report(sc, seed=seed, samples=samples,
                            uncertainty_samples=uncertainty_samples, skip=tuple(skip or ()))
    except (AnalysisError, ValueError) as exc:
        stderr().print(f"[red]cannot build the report: {exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    if output is None:
        write(render_markdown(memo), None)
    elif kind == "html":
        write(render_html(memo), output)
    elif kind == "markdown":
        folder = output.with_name(output.stem + "_files")
        folder.mkdir(parents=True, exist_ok=True)
        write(render_markdown(memo, folder, link_prefix=f"{folder.name}/"), output)
    else:
        try:
            data = render_pdf(memo)
        except PdfUnavailable as exc:
            stderr().print(f"[red]{escape(str(exc))}[/]")
            raise typer.Exit(EXIT_INPUT) from None
        write(data, output)

