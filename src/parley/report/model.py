"""The pieces a report is made of, independent of the output format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Table:
    """A table: a caption, column headers and rows of cell text."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None
    #: Column widths in percent (HTML/PDF), or None to let the layout decide.
    widths: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Chart:
    """A chart drawn from an engine's JSON document by a ``parley.charts`` function."""

    id: str
    caption: str
    draw: Callable[[dict[str, Any]], Any]
    doc: dict[str, Any]


@dataclass(frozen=True)
class Section:
    """One section of the memo: paragraphs, tables and charts, in that order."""

    id: str
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """A decision memo: title, subtitle, sections, and the analyses it was built from."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    generated: str = ""
