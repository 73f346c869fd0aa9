"""The assumptions ledger: every number, its value, its source or judgment, its sensitivity."""

from __future__ import annotations

from parley.report.model import Section, Table
from parley.scenario.model import Scenario


def ledger_section(scenario: Scenario,
                   sensitivity: dict[str, str] | None = None) -> Section:
    """Every numeric parameter with its basis; ``sensitivity`` maps a ledger path to a note."""
    citations = {s.id: s.citation for s in scenario.doc.sources}
    rows = []
    for e in scenario.ledger:
        if e.source:
            basis = f"{e.source}: {citations.get(e.source, '')}".rstrip(": ")
        elif e.judgment:
            basis = f"judgment: {e.judgment}"
        else:
            basis = "unsourced"
        rng = f"{e.range[0]:g}–{e.range[1]:g}" if e.range else "–"
        sens = ("not computed" if sensitivity is None else
                sensitivity.get(e.path, "not varied (no range, or outside the bargaining "
                                        "model)"))
        rows.append((e.path, f"{e.value:g}", rng, basis, sens))
    judged = sum(1 for e in scenario.ledger if e.judgment and not e.source)
    return Section("ledger", "Assumptions ledger", (
        f"{len(rows)} numbers: {len(rows) - judged} with a cited source, {judged} marked as "
        "judgments with a one-line rationale. The sensitivity column says whether varying "
        "the number across its range changes which proposals are acceptable.",),
        (Table("Every number in the scenario", ("parameter", "value", "range", "basis",
                                                "sensitivity"), tuple(rows),
               widths=(24, 8, 10, 38, 20)),))
