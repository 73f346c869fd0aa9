"""Pieces shared by the ``parley`` commands: formats, exit codes, loading, writing."""

from __future__ import annotations

import enum
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from parley.errors import ScenarioError

EXIT_OK, EXIT_INTERNAL, EXIT_INPUT = 0, 1, 2


class Format(enum.StrEnum):
    """Output formats of ``parley analyze``."""

    text = "text"
    json = "json"
    markdown = "markdown"


class LedgerFormat(enum.StrEnum):
    """Output formats of ``parley sources``."""

    text = "text"
    json = "json"
    csv = "csv"


def stderr() -> Console:
    """A console on standard error."""
    return Console(stderr=True, highlight=False)


def fail_input(err: ScenarioError) -> None:
    """Print every problem (``file:line:column: path: message``) and exit with code 2."""
    con = stderr()
    n = len(err.problems)
    con.print(f"[bold red]{n} problem{'s' if n != 1 else ''} found:[/]")
    for problem in err.problems:
        con.print(f"  {problem.format()}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_INPUT)


def load(path: Path | None) -> Any:
    """Load a scenario (default when ``path`` is None), exiting with code 2 on bad input."""
    from parley.scenario import load_scenario

    try:
        return load_scenario(path)
    except ScenarioError as err:
        fail_input(err)


def write(text: str | bytes, output: Path | None) -> None:
    """Write text (UTF-8) or bytes to stdout, or atomically to ``output`` (exit 2 if that
    fails)."""
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        return
    try:
        if output.exists() and output.is_dir():
            raise OSError(f"{output} is a directory")
        output.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
        try:
            if isinstance(text, bytes):
                with os.fdopen(fd, "wb") as binary:
                    binary.write(text)
            else:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
            os.replace(tmp, output)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        stderr().print(f"[red]cannot write {output}: {exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    stderr().print(f"wrote {output}")


def require_positive(value: int, flag: str) -> None:
    """Exit with code 2 and a message unless ``value`` (given as ``flag``) is at least 1."""
    if value < 1:
        stderr().print(f"[red]{flag} must be at least 1[/]")
        raise typer.Exit(EXIT_INPUT)


def write_yaml(doc: dict[str, Any], output: Path | None) -> None:
    """Write a scenario-style document as YAML, to stdout or atomically to ``output``."""
    from parley.interop.genius import write_scenario_yaml

    buf = io.StringIO()
    write_scenario_yaml(doc, buf)
    write(buf.getvalue(), output)


#: ``--format/-f`` of commands that write a result document.
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
#: ``--output/-o``: a file instead of standard output (written atomically).
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o",
                                               help="Write to this file instead of stdout.")]

ScenarioArg = Annotated[
    Path | None,
    typer.Argument(help="Scenario YAML file or GENIUS domain directory (default: the bundled "
                        "Russia–Ukraine scenario).", show_default=False),
]


def emit(doc: dict[str, Any], fmt: Format, output: Path | None, *,
         text: Callable[[dict[str, Any], Console], None],
         markdown: Callable[[dict[str, Any]], str] | None = None) -> None:
    """Write a command's result document as JSON, Markdown or Rich text (to stdout or a file)."""
    if fmt is Format.json:
        write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", output)
    elif fmt is Format.markdown:
        if markdown is None:
            stderr().print("[red]this command has no Markdown output; use text or json[/]")
            raise typer.Exit(EXIT_INPUT)
        write(markdown(doc), output)
    elif output is None:
        text(doc, Console())
    else:
        buf = io.StringIO()
        text(doc, Console(file=buf, width=120, force_terminal=False))
        write(buf.getvalue(), output)


#: ``--chart``: also draw the result as a chart (PNG, SVG or PDF by the file's extension).
ChartOpt = Annotated[Path | None, typer.Option(
    "--chart", help="Also draw a chart of the result to this file (.png, .svg or .pdf; "
                    "needs the 'charts' extra).", show_default=False)]


def write_chart(draw: Callable[[dict[str, Any]], Any], doc: dict[str, Any],
                path: Path | None) -> None:
    """Draw ``doc`` with ``draw`` (a ``parley.charts`` function) and save it to ``path``.

    Nothing happens when ``path`` is None. A missing matplotlib, a bad extension or an
    unwritable path exits with code 2 and a one-line message.
    """
    if path is None:
        return
    from parley.charts.style import CHART_SUFFIXES, ChartsUnavailable, save_figure

    if path.suffix.lower() not in CHART_SUFFIXES:
        stderr().print(f"[red]--chart {path}: the file must end in "
                       f"{', '.join(CHART_SUFFIXES)}[/]")
        raise typer.Exit(EXIT_INPUT)
    try:
        saved = save_figure(draw(doc), path)
    except ChartsUnavailable as exc:
        stderr().print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    except (OSError, ValueError) as exc:
        stderr().print(f"[red]cannot write chart {path}: {exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    stderr().print(f"wrote chart {saved}")
