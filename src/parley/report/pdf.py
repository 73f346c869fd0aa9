"""The memo as PDF, rendered from the HTML by WeasyPrint (a real HTML/CSS layout engine)."""

from __future__ import annotations

from parley.report.html import render_html
from parley.report.model import Report


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the Pango library it uses) is not installed."""


def render_pdf(report: Report) -> bytes:
    """PDF bytes of the memo (A4, the same content and charts as the HTML)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise PdfUnavailable("PDF output needs WeasyPrint: pip install 'parley[report]' "
                             f"({exc})") from exc
    pdf = weasyprint.HTML(string=render_html(report)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
