"""``parley stability``: GMCR stability analysis of a GMCR+ ``.gmcr`` file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from rich.console import Console
from rich.table import Table

from parley.errors import Problem, ScenarioError

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
    """A ``.gmcr`` file, or the ``gmcr:`` section of a scenario (default: the bundled one)."""
    if path is not None and path.suffix.lower() not in (".yaml", ".yml"):
        return load_conflict(path)
    from parley.cli.common import load
    from parley.gmcr.scenario import conflict_from_section

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


def _render_follow_up(doc: dict[str, Any], console: Console) -> None:
    if "status_quo" in doc:
        sq = doc["status_quo"]
        console.print(f"Status quo analysis from state {sq['status_quo']} "
                      f"({sq['convention']}):", highlight=False)
        for key, label in (("improvements", "unilateral improvements"), ("moves", "any moves")):
            console.print(f"  paths of {label}:", highlight=False)
            for p in sq[key]["paths"]:
                steps = " ".join(f"-{who}-> {st}" for who, st in zip(p["movers"], p["states"][1:],
                                                                  strict=True))
                moves = f"{p['length']} move" + ("" if p["length"] == 1 else "s")
                console.print(f"    to {p['target']} ({moves}): {p['states'][0]} {steps}".rstrip(),
                              highlight=False)
            if sq[key]["unreachable"]:
                console.print(f"    unreachable: {', '.join(map(str, sq[key]['unreachable']))}",
                              highlight=False)
    if "coalitions" in doc:
        console.print("Coalition analysis of the equilibria (coalition Nash stability):")
        for st in doc["coalitions"]["states"]:
            if st["coalition_stable"]:
                console.print(f"  state {st['number']}: no coalition can jointly improve",
                              highlight=False)
            for imp in st["improvements"]:
                console.print(f"  state {st['number']}: {' + '.join(imp['coalition'])} can "
                              f"jointly improve to {', '.join(map(str, imp['to']))}",
                              highlight=False)
    if "inverse" in doc:
        inv = doc["inverse"]
        verb = "stop it being" if inv["is_equilibrium"] else "make it"
        label = CONCEPT_LABELS.get(inv["concept"], inv["concept"])
        console.print(f"Inverse question: single preference changes that {verb} a {label} "
                      f"equilibrium (state {inv['target']}):", highlight=False)
        for c in inv["changes"]:
            console.print(f"  {c['dm']}: {c['description']}", highlight=False)
        if not inv["changes"]:
            console.print("  none", highlight=False)


def render_stability(doc: dict[str, Any], conflict: Any, console: Console) -> None:
    """Rich tables: stable states per decision maker and concept, and the equilibria in words."""
    concepts = list(doc["equilibria"])
    table = Table(title=f"Stable states per decision maker ({doc['variant']} sanctions)",
                  title_justify="left")
    table.add_column("decision maker", style="bold")
    for c in concepts:
        table.add_column(CONCEPT_LABELS.get(c, c), overflow="fold")
    total = len(doc["states"])
    long = False
    for dm, per in doc["stable"].items():
        cells = []
        for c in concepts:
            states = per[c]
            if len(states) > LIST_AT_MOST:
                long = True
                cells.append(f"{len(states)} of {total} states")
            else:
                cells.append(", ".join(map(str, states)) or "–")
        table.add_row(dm, *cells)
    table.add_section()
    table.add_row("equilibria", *[", ".join(map(str, doc["equilibria"][c])) or "–"
                                  for c in concepts], style="green")
    console.print(table)
    if long:
        console.print("(long lists are counted; `--format json` lists every state)",
                      style="dim")
    codes = {s["number"]: s["code"] for s in doc["states"]}
    names = [o.name for o in conflict.options]
    every = sorted({n for c in concepts for n in doc["equilibria"][c]})
    if every:
        console.print("Equilibria in words (options taken):")
    for n in every:
        taken = [name for k, name in enumerate(names) if codes[n] >> k & 1]
        where = ", ".join(CONCEPT_LABELS.get(c, c) for c in concepts if n in doc["equilibria"][c])
        console.print(f"  state {n} ({where}): {', '.join(taken) if taken else 'no option taken'}",
                      highlight=False)
    _render_follow_up(doc, console)
