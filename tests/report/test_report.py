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
SECTIONS = ["question", "parties", "bargaining", "proposals", "stability", "forecast",
            "dynamics", "negotiation", "durability", "uncertainty", "ledger"]
CHARTS = ["frontier", "margins", "state_graph", "forecast", "dynamics", "negotiation",
          "survival", "uncertainty"]
runner = CliRunner()


@pytest.fixture(scope="module")
def default() -> tuple[parley.Scenario, object, str]:
    sc = parley.load_scenario()
    memo = build_report(sc, samples=300, uncertainty_samples=8, generated="2026-01-01")
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
    assert [c.id for s in memo.sections for c in s.charts] == CHARTS
    n_charts = len(CHARTS)
    assert html.count("<svg") >= n_charts
    assert "<script" not in html and "<link" not in html and "<img" not in html
    # no external resource: every http(s) URL in an attribute would be fetched or followed
    assert not re.search(r'(src|href)="https?:', html)
    assert "url(http" not in html


def test_same_seed_same_memo(default: tuple) -> None:
    sc, _, html = default
    again = render_html(build_report(sc, samples=300, uncertainty_samples=8,
                                     generated="2026-01-01"))
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
    html = render_html(build_report(sc, samples=100, uncertainty_samples=4))
    assert "<script>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;" in html and "Deal &lt;b&gt;bold&lt;/b&gt; &amp; co" in html
    md = render_markdown(build_report(sc, samples=100, uncertainty_samples=4))
    assert "Deal <b>bold</b> & co" in md  # Markdown keeps the text; tables escape pipes


def test_markdown_with_chart_files(default: tuple, tmp_path: Path) -> None:
    _, memo, _ = default
    folder = tmp_path / "memo_files"
    folder.mkdir()
    md = render_markdown(memo, folder, link_prefix="memo_files/")
    links = re.findall(r"!\[[^\]]*\]\((memo_files/[^)]+)\)", md)
    assert len(links) == len(CHARTS)
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


def test_ledger_sensitivity_comes_from_the_tornado(default: tuple) -> None:
    _, memo, _ = default
    ledger = next(s for s in memo.sections if s.id == "ledger")
    sens = [row[-1] for row in ledger.tables[0].rows]
    assert "not computed" not in sens
    bars = memo.documents["uncertainty"]["sensitivity"]["tornado"]["bars"]
    flipping = {b["path"] for b in bars if b["flips"]}
    for row in ledger.tables[0].rows:
        if row[0] in flipping:
            assert "becomes" in row[-1]


def test_skipping_sections(default: tuple) -> None:
    sc, _, _ = default
    quick = build_report(sc, skip=("uncertainty", "negotiation", "forecast", "dynamics",
                                   "stability", "durability"))
    assert [s.id for s in quick.sections] == ["question", "parties", "bargaining",
                                              "proposals", "ledger"]
    with pytest.raises(ValueError, match="optional sections"):
        build_report(sc, skip=("bargaining",))


def test_cli_formats_and_bad_extension(tmp_path: Path) -> None:
    toy = str(FIXTURES / "toy.yaml")
    fast = ["--samples", "100", "--uncertainty-samples", "4"]
    res = runner.invoke(app, ["report", toy, *fast, "-o",
                              str(tmp_path / "brief.html")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "brief.html").read_text().startswith("<!DOCTYPE html>")
    res = runner.invoke(app, ["report", toy, *fast, "-o", str(tmp_path / "brief.md")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "brief_files").is_dir()
    res = runner.invoke(app, ["report", toy, *fast])
    assert res.exit_code == 0 and res.stdout.startswith("# Toy three-party deal")
    res = runner.invoke(app, ["report", toy, "-o", str(tmp_path / "brief.docx")])
    assert res.exit_code == 2 and ".html" in res.output
    res = runner.invoke(app, ["report", toy, "--skip", "everything"])
    assert res.exit_code == 2 and "unknown report section" in res.output
