"""The decision memo: structure, self-containment, escaping, formats, reproducibility."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import parley
from parley.cli.main import app
from parley.report import build_report, render_html, render_markdown, render_pdf

FIXTURES = Path(__file__).parent.parent / "fixtures"
SECTIONS = ["question", "parties", "bargaining", "proposals", "stability", "durability",
            "ledger"]
runner = CliRunner()


@pytest.fixture(scope="module")
def default() -> tuple[parley.Scenario, object, str]:
    sc = parley.load_scenario()
    memo = build_report(sc, samples=300, generated="2026-01-01")
    return sc, memo, render_html(memo)


def test_sections_in_reading_order(default: tuple) -> None:
    _, memo, html = default
    assert [s.id for s in memo.sections] == SECTIONS
    positions = [html.index(f'<section id="{s}">') for s in SECTIONS]
    assert positions == sorted(positions)


def test_every_proposal_and_ledger_entry_is_reported(default: tuple) -> None:
    sc, memo, html = default
    for p in sc.proposals:
        assert html.count(p.name.replace("'", "&#39;")) >= 1, p.name
    ledger = next(s for s in memo.sections if s.id == "ledger")
    assert len(ledger.tables[0].rows) == len(sc.ledger)
    for e in sc.ledger:
        assert f"<td>{e.path}</td>" in html


def test_html_is_self_contained(default: tuple) -> None:
    _, memo, html = default
    n_charts = sum(len(s.charts) for s in memo.sections)
    assert n_charts == 4  # frontier, margins, state graph, survival
    assert html.count("<svg") >= n_charts
    assert "<script" not in html and "<link" not in html and "<img" not in html
    # no external resource: every http(s) URL in an attribute would be fetched or followed
    assert not re.search(r'(src|href)="https?:', html)
    assert "url(http" not in html


def test_same_seed_same_memo(default: tuple) -> None:
    sc, _, html = default
    again = render_html(build_report(sc, samples=300, generated="2026-01-01"))
    assert again == html


def _hostile_scenario(tmp_path: Path) -> Path:
    doc = yaml.safe_load((FIXTURES / "toy.yaml").read_text())
    doc["title"] = "Deal <b>bold</b> & co"
    doc["parties"][0]["name"] = "<script>alert('x')</script>"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def test_user_text_is_escaped(tmp_path: Path) -> None:
    sc = parley.load_scenario(_hostile_scenario(tmp_path))
    html = render_html(build_report(sc, samples=100))
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html and "Deal &lt;b&gt;bold&lt;/b&gt; &amp; co" in html
    md = render_markdown(build_report(sc, samples=100))
    assert "Deal <b>bold</b> & co" in md  # Markdown keeps the text; tables escape pipes


def test_markdown_with_chart_files(default: tuple, tmp_path: Path) -> None:
    _, memo, _ = default
    folder = tmp_path / "memo_files"
    folder.mkdir()
    md = render_markdown(memo, folder, link_prefix="memo_files/")
    links = re.findall(r"!\[[^\]]*\]\((memo_files/[^)]+)\)", md)
    assert len(links) == 4
    for link in links:
        assert (tmp_path / link).read_bytes().startswith(b"\x89PNG")
    headings = [ln[3:] for ln in md.splitlines() if ln.startswith("## ")]
    assert headings == [s.title for s in memo.sections]


def test_pdf_renders_pages_with_the_title(default: tuple) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    _, memo, _ = default
    data = render_pdf(memo)
    assert data.startswith(b"%PDF")
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) > 3
    first = pdf[0].get_textpage().get_text_range()
    assert "Russia-Ukraine" in first and "The question" in first


def test_cli_formats_and_bad_extension(tmp_path: Path) -> None:
    toy = str(FIXTURES / "toy.yaml")
    res = runner.invoke(app, ["report", toy, "--samples", "100", "-o",
                              str(tmp_path / "brief.html")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "brief.html").read_text().startswith("<!DOCTYPE html>")
    res = runner.invoke(app, ["report", toy, "--samples", "100", "-o",
                              str(tmp_path / "brief.md")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "brief_files").is_dir()
    res = runner.invoke(app, ["report", toy, "--samples", "100"])
    assert res.exit_code == 0 and res.stdout.startswith("# Toy three-party deal")
    res = runner.invoke(app, ["report", toy, "-o", str(tmp_path / "brief.docx")])
    assert res.exit_code == 2 and ".html" in res.output
