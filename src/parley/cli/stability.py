"""``parley stability``: GMCR stability analysis of a GMCR+ ``.gmcr`` file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from parley.errors import Problem, ScenarioError

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


def render_stability(doc: dict[str, Any], conflict: Any, console: Console) -> None:
    """Rich tables: stable states per decision maker and concept, and the equilibria in words."""
    concepts = list(doc["equilibria"])
    table = Table(title=f"Stable states per decision maker ({doc['variant']} sanctions)",
                  title_justify="left")
    table.add_column("decision maker", style="bold")
    for c in concepts:
        table.add_column(CONCEPT_LABELS.get(c, c), overflow="fold")
    for dm, per in doc["stable"].items():
        table.add_row(dm, *[", ".join(map(str, per[c])) or "–" for c in concepts])
    table.add_section()
    table.add_row("equilibria", *[", ".join(map(str, doc["equilibria"][c])) or "–"
                                  for c in concepts], style="green")
    console.print(table)
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
