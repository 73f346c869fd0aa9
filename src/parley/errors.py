"""Problems found in user input, reported together with their location."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in an input file.

    Attributes
    ----------
    file:
        The file the problem is in, or ``None`` for input that did not come from a file.
    line, column:
        1-based position of the offending YAML node (``None`` when unknown).
    path:
        Dotted field path inside the document, e.g. ``preferences.ukraine.weights.territory``.
    message:
        A plain-language description of what is wrong and, where possible, how to fix it.
    """

    file: str | None
    line: int | None
    column: int | None
    path: str
    message: str

    def format(self) -> str:
        """Render as ``file:line:column: path: message`` (parts that are unknown are left out)."""
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {field}{self.message}"


class ScenarioError(Exception):
    """Raised when a scenario (or an imported file) has one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class AnalysisError(Exception):
    """Raised when an analysis cannot be carried out on a valid scenario (e.g. limits)."""
