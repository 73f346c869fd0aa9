"""A self-contained HTML memo: inline CSS and inline SVG charts, no network access needed."""

from __future__ import annotations

import io
import re

from parley.report.model import Report

_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", re.DOTALL)


def chart_svg(report: Report, chart_id: str) -> str:
    """The SVG text of one chart of the report, without the XML prolog."""
    for s in report.sections:
        for c in s.charts:
            if c.id == chart_id:
                buf = io.StringIO()
                c.draw(c.doc).savefig(buf, format="svg", metadata={"Date": None})
                return _XML_PROLOG.sub("", buf.getvalue())
    raise KeyError(chart_id)


def render_html(report: Report) -> str:
    """The memo as one HTML document; all user text is escaped (Jinja2 autoescape)."""
    import jinja2
    from markupsafe import Markup

    from parley.charts.style import new_figure  # noqa: F401  (selects the Agg backend)

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("parley.report", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False)
    svgs = {c.id: Markup(chart_svg(report, c.id)) for s in report.sections for c in s.charts}
    return env.get_template("report.html.j2").render(report=report, svgs=svgs)
