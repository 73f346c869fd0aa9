"""Strategic stability (GMCR): which outcomes nobody can profitably leave."""

from __future__ import annotations

from typing import Any

from parley.report.model import Chart, Section, Table
from parley.scenario.model import Scenario

CONCEPTS = (("nash", "Nash"), ("gmr", "GMR"), ("smr", "SMR"), ("seq", "SEQ"))


def stability_section(scenario: Scenario) -> tuple[Section, dict[str, Any]] | None:
    """The equilibria of the scenario's GMCR view in words (None without a ``gmcr:`` section)."""
    if scenario.doc.gmcr is None:
        return None
    from parley.charts.gmcr import draw_state_graph
    from parley.gmcr import analyze_stability
    from parley.gmcr.graph import state_graph
    from parley.gmcr.scenario import conflict_from_section

    conflict = conflict_from_section(scenario.doc.gmcr)
    result = analyze_stability(conflict)
    doc = result.to_dict()
    every = sorted({n for c, _ in CONCEPTS for n in result.equilibria[c]})
    strong = [n for n in every if all(n in result.equilibria[c] for c, _ in CONCEPTS)]
    rows = tuple((str(n), ", ".join(label for c, label in CONCEPTS
                                    if n in result.equilibria[c]),
                  conflict.describe(result.codes[n - 1]))
                 for n in (strong or every))
    paragraphs = [
        f"The GMCR view has {len(conflict.decision_makers)} decision makers, "
        f"{len(conflict.options)} options and {len(result.codes)} feasible states. A state "
        "is an equilibrium when no decision maker can move to a state it prefers without "
        "being sanctioned by the others (Nash: no profitable move at all; GMR, SMR, SEQ: "
        "moves deterred by credible sanctions).",
        f"{len(strong)} states are equilibria under all four concepts"
        + (" and are listed below." if strong else
           "; the table lists every state that is an equilibrium under some concept."),
    ]
    table = Table("Equilibria of the GMCR view (options taken)",
                  ("state", "equilibrium under", "options taken"), rows)
    charts: tuple[Chart, ...] = ()
    nash = list(result.equilibria["nash"])
    if nash:
        g = state_graph(conflict, nash, title="Nash equilibria", max_nodes=24)
        charts = (Chart("state_graph", "Unilateral improvements into and out of the Nash "
                        "equilibria, coloured by the mover.", draw_state_graph, g.to_dict()),)
    return Section("stability", "Would a deal be stable? (Graph Model for Conflict "
                   "Resolution)", tuple(paragraphs), (table,), charts), doc
