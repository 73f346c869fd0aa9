"""``parley stability`` and ``parley import gmcr``: the Graph Model for Conflict Resolution."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from parley.cli.common import (
    EXIT_INPUT,
    Format,
    FormatOpt,
    OutputOpt,
    emit,
    fail_input,
    stderr,
    write,
    write_chart,
)
from parley.errors import Problem, ScenarioError

#: Most states drawn by ``--graph`` unless ``--graph-nodes`` says otherwise.
DEFAULT_GRAPH_NODES = 30
#: Stable sets longer than this are shown as a count in the text output.
LIST_AT_MOST = 12
CONCEPT_LABELS = {"nash": "Nash (R)", "gmr": "GMR", "smr": "SMR", "seq": "SEQ"}


def load_conflict(path: Path) -> Any:
    """Read a ``.gmcr`` file, turning every failure into a located :class:`ScenarioError`."""
    from parley.gmcr.gmcr_plus import conflict_from_gmcr
    from parley.scenario.yamlio import read_text

    text = read_text(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError([Problem(str(path), exc.lineno, exc.colno, "",
                                     f"not valid JSON: {exc.msg}")]) from None
    try:
        return conflict_from_gmcr(doc)
    except (ValueError, TypeError, IndexError) as exc:
        raise ScenarioError([Problem(str(path), None, None, "", str(exc))]) from None


def load_any(path: Path | None) -> Any:
    """A ``.gmcr`` file, a stand-alone GMCR YAML file, or a scenario's ``gmcr:`` section.

    Without a path, the bundled scenario's section.
    """
    if path is not None and path.suffix.lower() not in (".yaml", ".yml"):
        return load_conflict(path)
    from parley.cli.common import load
    from parley.gmcr.scenario import conflict_from_section, load_gmcr_yaml
    from parley.scenario.yamlio import load_yaml_file

    if path is not None:
        data = load_yaml_file(path).data
        if isinstance(data, dict) and "gmcr" in data and "parties" not in data:
            return load_gmcr_yaml(path)

    scenario = load(path)
    if scenario.doc.gmcr is None:
        raise ScenarioError([Problem(scenario.file, None, None, "gmcr",
                                     "the scenario has no `gmcr:` section to analyse")])
    return conflict_from_section(scenario.doc.gmcr)


def follow_up(doc: dict[str, Any], conflict: Any, *, status_quo: int | None = None,
              coalitions: bool = False, target: int | None = None, concept: str = "nash",
              variant: str = "standard") -> dict[str, Any]:
    """Add the follow-up analyses asked for to the stability document, under new keys.

    ``status_quo`` (paths from that state number, or from the model's own status quo when it is
    0, to every equilibrium), ``coalitions`` (coalition Nash
    stability of the equilibria) and ``inverse`` (single preference changes that flip ``target``
    under ``concept``); the contract keys are left as they are.  ``ValueError`` on bad input.
    """
    from parley.gmcr.coalitions import coalition_analysis
    from parley.gmcr.inverse import inverse_question
    from parley.gmcr.stability import CONCEPTS
    from parley.gmcr.status_quo import status_quo_analysis

    targets = sorted({s for c in CONCEPTS for s in doc["equilibria"][c]})
    if status_quo is not None:  # 0: the status quo stored in the model
        doc["status_quo"] = status_quo_analysis(conflict, status_quo or None, targets).to_dict()
    if coalitions:
        doc["coalitions"] = coalition_analysis(conflict, states=targets).to_dict()
    if target is not None:
        doc["inverse"] = inverse_question(conflict, target, concept,
                                          variant=cast(Any, variant)).to_dict()
    return doc


def _follow_up_lines(doc: dict[str, Any]) -> list[tuple[int, str]]:
    """The follow-up analyses as ``(indent level, plain text)`` lines, for text and Markdown."""
    out: list[tuple[int, str]] = []
    if "status_quo" in doc:
        sq = doc["status_quo"]
        out.append((0, f"Status quo analysis from state {sq['status_quo']} "
                       f"({sq['convention']}):"))
        for key, label in (("improvements", "unilateral improvements"), ("moves", "any moves")):
            out.append((1, f"paths of {label}:"))
            for p in sq[key]["paths"]:
                steps = " ".join(f"-{who}-> {st}" for who, st in zip(p["movers"], p["states"][1:],
                                                                  strict=True))
                moves = f"{p['length']} move" + ("" if p["length"] == 1 else "s")
                out.append((2, f"to {p['target']} ({moves}): {p['states'][0]} {steps}".rstrip()))
            if sq[key]["unreachable"]:
                out.append((2, f"unreachable: {', '.join(map(str, sq[key]['unreachable']))}"))
    if "coalitions" in doc:
        out.append((0, "Coalition analysis of the equilibria (coalition Nash stability):"))
        for st in doc["coalitions"]["states"]:
            if st["coalition_stable"]:
                out.append((1, f"state {st['number']}: no coalition can jointly improve"))
            for imp in st["improvements"]:
                out.append((1, f"state {st['number']}: {' + '.join(imp['coalition'])} can "
                               f"jointly improve to {', '.join(map(str, imp['to']))}"))
    if "inverse" in doc:
        inv = doc["inverse"]
        verb = "stop it being" if inv["is_equilibrium"] else "make it"
        label = CONCEPT_LABELS.get(inv["concept"], inv["concept"])
        out.append((0, f"Inverse question: single preference changes that {verb} a {label} "
                       f"equilibrium (state {inv['target']}):"))
        out += [(1, f"{c['dm']}: {c['description']}") for c in inv["changes"]]
        if not inv["changes"]:
            out.append((1, "none"))
    return out


def _render_follow_up(doc: dict[str, Any], console: Console) -> None:
    for level, line in _follow_up_lines(doc):
        console.print("  " * level + line, highlight=False, markup=False)


def _cells(doc: dict[str, Any], states: list[int]) -> str:
    if len(states) > LIST_AT_MOST:
        return f"{len(states)} of {len(doc['states'])} states"
    return ", ".join(map(str, states)) or "–"


def _in_words(doc: dict[str, Any], conflict: Any) -> list[tuple[int, str, str]]:
    """``(state, concepts, options taken)`` for every equilibrium under any concept."""
    concepts = list(doc["equilibria"])
    codes = {s["number"]: s["code"] for s in doc["states"]}
    every = sorted({n for c in concepts for n in doc["equilibria"][c]})
    return [(n, ", ".join(CONCEPT_LABELS.get(c, c) for c in concepts
                          if n in doc["equilibria"][c]), conflict.describe(codes[n]))
            for n in every]


def render_stability_markdown(doc: dict[str, Any], conflict: Any) -> str:
    """The stability document as Markdown (a table, the equilibria in words, follow-ups)."""
    concepts = list(doc["equilibria"])
    out = [f"# GMCR stability ({doc['variant']} sanctions)", "",
           "| decision maker | " + " | ".join(CONCEPT_LABELS.get(c, c) for c in concepts) + " |",
           "|---|" + "---|" * len(concepts)]
    for dm, per in doc["stable"].items():
        out.append(f"| {_md(dm)} | " + " | ".join(_cells(doc, per[c]) for c in concepts) + " |")
    out.append("| **equilibria** | " + " | ".join(
        ", ".join(map(str, doc["equilibria"][c])) or "–" for c in concepts) + " |")
    words = _in_words(doc, conflict)
    if words:
        out += ["", "## Equilibria in words (options taken)", ""]
        out += [f"- **state {n}** ({where}): {_md(taken)}" for n, where, taken in words]
    follow = _follow_up_lines(doc)
    if follow:
        out += ["", "## Follow-up analyses", ""]
        out += ["  " * level + "- " + _md(line) for level, line in follow]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """Escape the characters that would break a Markdown table cell or emphasis."""
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def render_stability(doc: dict[str, Any], conflict: Any, console: Console) -> None:
    """Rich tables: stable states per decision maker and concept, and the equilibria in words."""
    concepts = list(doc["equilibria"])
    table = Table(title=f"Stable states per decision maker ({doc['variant']} sanctions)",
                  title_justify="left")
    table.add_column("decision maker", style="bold")
    for c in concepts:
        table.add_column(CONCEPT_LABELS.get(c, c), overflow="fold")
    long = False
    for dm, per in doc["stable"].items():
        long = long or any(len(per[c]) > LIST_AT_MOST for c in concepts)
        table.add_row(escape(dm), *[_cells(doc, per[c]) for c in concepts])
    table.add_section()
    table.add_row("equilibria", *[", ".join(map(str, doc["equilibria"][c])) or "–"
                                  for c in concepts], style="green")
    console.print(table)
    if long:
        console.print("(long lists are counted; `--format json` lists every state)",
                      style="dim")
    words = _in_words(doc, conflict)
    if words:
        console.print("Equilibria in words (options taken):")
    for n, where, taken in words:
        console.print(f"  state {n} ({where}): {taken}", highlight=False, markup=False)
    _render_follow_up(doc, console)


def stability(
    file: Annotated[Path | None, typer.Argument(
        help="A GMCR+ save file (.gmcr, JSON), a GMCR YAML file (`parley import gmcr`) or a "
             "scenario YAML file with a `gmcr:` section (default: the bundled scenario).",
        show_default=False)] = None,
    fmt: FormatOpt = Format.text,
    output: OutputOpt = None,
    variant: Annotated[str, typer.Option(
        help="Sanctions: 'standard' (any legal sequence of opponents' moves) or 'gmcr_plus' "
             "(each opponent moves at most once, as GMCR+ does).")] = "standard",
    status_quo: Annotated[int | None, typer.Option(
        "--status-quo", metavar="STATE",
        help="Status quo analysis: shortest paths of unilateral improvements, and of any "
             "moves, from this state number (0: the model's own status quo) to every "
             "equilibrium.")] = None,
    coalitions: Annotated[bool, typer.Option(
        "--coalitions", help="Coalition Nash stability of the equilibria (the file's "
                             "coalitions, else every coalition of two or more).")] = False,
    target: Annotated[int | None, typer.Option(
        "--target", metavar="STATE",
        help="Inverse question: single preference changes that make this state an "
             "equilibrium under --concept, or stop it being one.")] = None,
    concept: Annotated[str, typer.Option(
        help="Concept for --target and --graph: nash, gmr, smr or seq.")] = "nash",
    graph: Annotated[Path | None, typer.Option(
        "--graph", metavar="FILE",
        help="Draw the state graph around the --concept equilibria: unilateral improvements "
             "into and out of them (.dot for Graphviz; .png, .svg or .pdf drawn directly).",
        show_default=False)] = None,
    graph_nodes: Annotated[int, typer.Option(
        help="Most states in the --graph drawing (equilibria first).")] = DEFAULT_GRAPH_NODES,
    export_gmcr: Annotated[Path | None, typer.Option(
        "--export-gmcr", metavar="FILE",
        help="Also write the model as a GMCR+ save file (.gmcr).", show_default=False)] = None,
) -> None:
    """GMCR stability: stable states per decision maker under Nash, GMR, SMR and SEQ."""
    from parley.gmcr import analyze_stability

    if variant not in ("standard", "gmcr_plus"):
        stderr().print("[red]--variant must be standard or gmcr_plus[/]")
        raise typer.Exit(EXIT_INPUT)
    if concept not in CONCEPT_LABELS:
        stderr().print("[red]--concept must be nash, gmr, smr or seq[/]")
        raise typer.Exit(EXIT_INPUT)
    if graph is not None and graph.suffix.lower() not in (".dot", ".png", ".svg", ".pdf"):
        stderr().print(f"[red]--graph {graph}: the file must end in .dot, .png, .svg or .pdf[/]")
        raise typer.Exit(EXIT_INPUT)
    try:
        conflict = load_any(file)
        result = analyze_stability(conflict, variant=cast(Any, variant))
        doc = follow_up(result.to_dict(), conflict, status_quo=status_quo,
                        coalitions=coalitions, target=target, concept=concept, variant=variant)
    except ScenarioError as err:
        fail_input(err)
    except ValueError as exc:
        stderr().print(f"[red]{file or 'default scenario'}: {exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    if export_gmcr is not None:
        from parley.gmcr.gmcr_plus import conflict_to_gmcr

        write(json.dumps(conflict_to_gmcr(conflict), indent=1) + "\n", export_gmcr)
    emit(doc, fmt, output,
         text=lambda doc, console: render_stability(doc, conflict, console),
         markdown=lambda doc: render_stability_markdown(doc, conflict))
    if graph is not None:
        _write_graph(conflict, doc, concept, graph, graph_nodes)


def _write_graph(conflict: Any, doc: dict[str, Any], concept: str, path: Path,
                 max_nodes: int) -> None:
    from parley.gmcr.graph import state_graph

    focus = doc["equilibria"][concept]
    if not focus:
        stderr().print(f"[yellow]no {CONCEPT_LABELS[concept]} equilibria: the graph is "
                       "not drawn[/]")
        return
    try:
        g = state_graph(conflict, focus, title=f"{CONCEPT_LABELS[concept]} equilibria",
                        max_nodes=max_nodes)
    except ValueError as exc:
        stderr().print(f"[red]--graph: {exc}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    if path.suffix.lower() == ".dot":
        write(g.to_dot(), path)
        return
    from parley.charts.gmcr import draw_state_graph

    write_chart(draw_state_graph, g.to_dict(), path)


def import_gmcr(
    file: Annotated[Path, typer.Argument(help="A GMCR+ save file (.gmcr, JSON).")],
    output: OutputOpt = None,
) -> None:
    """Convert a GMCR+ save file into a parley GMCR YAML file (read by `parley stability`)."""
    from parley.gmcr.scenario import gmcr_from_located, section_from_conflict
    from parley.interop.genius import write_scenario_yaml
    from parley.scenario.yamlio import load_yaml_text

    try:
        conflict = load_conflict(file)
    except ScenarioError as err:
        fail_input(err)
    doc = section_from_conflict(conflict, origin=str(file))
    meta = doc.pop("meta")
    buf = io.StringIO()
    write_scenario_yaml(doc, buf)
    text = buf.getvalue()
    gmcr_from_located(load_yaml_text(text))  # what is written reads back as a GMCR file
    write(text, output)
    if meta["regrouped"]:
        stderr().print("[yellow]note: options were regrouped by decision maker, so state "
                       "numbers differ from the GMCR+ file's[/]")
