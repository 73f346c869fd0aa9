"""The memo as Markdown, with its charts as PNG files in a folder next to it."""

from __future__ import annotations

from pathlib import Path

from parley.report.model import Report, Table


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(t: Table) -> list[str]:
    out = [f"**{_cell(t.caption)}**", "", "| " + " | ".join(map(_cell, t.header)) + " |",
           "|" + "---|" * len(t.header)]
    out += ["| " + " | ".join(map(_cell, row)) + " |" for row in t.rows]
    if t.note:
        out += ["", t.note]
    return [*out, ""]


def render_markdown(report: Report, charts_dir: Path | None = None,
                    link_prefix: str = "") -> str:
    """Markdown text; when ``charts_dir`` is given, charts are saved there as PNG and linked.

    ``link_prefix`` is the folder name the links use (relative to the Markdown file).
    """
    from parley.charts.style import save_figure

    out = [f"# {report.title}", "", f"*{report.subtitle}*", ""]
    for s in report.sections:
        out += [f"## {s.title}", ""]
        for p in s.paragraphs:
            out += [p, ""]
        for t in s.tables:
            out += _table(t)
        for c in s.charts:
            if charts_dir is not None:
                save_figure(c.draw(c.doc), charts_dir / f"{c.id}.png")
                out += [f"![{c.caption}]({link_prefix}{c.id}.png)", "", f"*{c.caption}*", ""]
        if s.bullets:
            out += [f"- {b}" for b in s.bullets] + [""]
    return "\n".join(out)
