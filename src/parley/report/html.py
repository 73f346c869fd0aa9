"""A self-contained HTML memo: inline CSS and inline SVG charts, no network access needed."""

from __future__ import annotations

from parley.charts.style import svg_text
from parley.report.model import Report


def render_html(report: Report) -> str:
    """The memo as one HTML document; all user text is escaped (Jinja2 autoescape)."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("parley.report", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False)
    svgs = {c.id: Markup(svg_text(c.draw(c.doc))) for s in report.sections for c in s.charts}
    return env.get_template("report.html.j2").render(report=report, svgs=svgs)
