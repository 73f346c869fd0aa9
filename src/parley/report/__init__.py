"""Decision memos (``parley report``): HTML, Markdown and PDF built from the analyses.

Sits on top of the engines and ``parley.charts``; the core never imports it.
"""

from parley.report.build import build_report
from parley.report.html import render_html
from parley.report.markdown import render_markdown
from parley.report.model import Chart, Report, Section, Table
from parley.report.pdf import PdfUnavailable, render_pdf

__all__ = ["Chart", "PdfUnavailable", "Report", "Section", "Table", "build_report",
           "render_html", "render_markdown", "render_pdf"]
