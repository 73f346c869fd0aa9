"""Labels and number formats shared by the report sections."""

from __future__ import annotations

from typing import Any

from parley.scenario.model import Scenario


def pct(x: float) -> str:
    """``0.123`` → ``"12%"``."""
    return f"{100 * x:.0f}%"


def num(x: float | None, digits: int = 2) -> str:
    """A number with ``digits`` decimals, or an en dash for None."""
    return "–" if x is None else f"{x:.{digits}f}"


def signed(x: float) -> str:
    """A margin with its sign."""
    return f"{x:+.2f}"


class Labels:
    """Display names of a scenario's parties, issues and options."""

    def __init__(self, scenario: Scenario) -> None:
        doc = scenario.doc
        self.party = {p.id: p.name or p.id for p in doc.parties}
        self.issue = {i.id: i.name or i.id for i in doc.issues}
        self.option = {(i.id, o.id): o.label or o.id for i in doc.issues for o in i.options}

    def parties(self, ids: list[str]) -> str:
        """Comma-separated party names (an en dash for none)."""
        return ", ".join(self.party.get(p, p) for p in ids) or "–"

    def package(self, package: dict[str, Any]) -> list[tuple[str, str]]:
        """``(issue name, option label)`` for every issue of a package."""
        return [(self.issue.get(i, i), self.option.get((i, o), o)) for i, o in package.items()]

    def changes(self, changes: dict[str, dict[str, str]]) -> str:
        """A repair's changes in words: ``issue: from → to``."""
        return "; ".join(f"{self.issue.get(i, i)}: {self.option.get((i, c['from']), c['from'])}"
                         f" → {self.option.get((i, c['to']), c['to'])}"
                         for i, c in changes.items())
