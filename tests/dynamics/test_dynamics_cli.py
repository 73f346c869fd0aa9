"""``parley dynamics``: JSON contract, Markdown, chart, and input errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parley.cli.main import app

TOY = Path(__file__).resolve().parent.parent / "fixtures" / "toy.yaml"
runner = CliRunner()


def test_json_contract(tmp_path: Path) -> None:
    out = tmp_path / "dyn.json"
    result = runner.invoke(app, ["dynamics", "--months", "6", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [m["month"] for m in doc["months"]] == list(range(7))
    for m in doc["months"]:
        assert isinstance(m["zopa_size"], int)
        assert set(m["reservation_values"]) == set(doc["parties"])
        assert m["nash"] is None or set(m["nash"]) == {"package", "utilities"}
        if m["nash"] is not None:
            assert set(m["nash"]["utilities"]) == set(doc["parties"])
    assert all(isinstance(k, int) and 0 <= k <= 6 for k in doc["ripe_months"])
    assert doc["fallback"] is None
    assert doc["bands"] is None


def test_json_bands(tmp_path: Path) -> None:
    result = runner.invoke(app, ["dynamics", "--months", "3", "--samples", "100", "-f", "json"])
    assert result.exit_code == 0, result.output
    bands = json.loads(result.output)["bands"]
    assert bands["samples"] == 100
    low, high = bands["reservation_values"]["0.05"], bands["reservation_values"]["0.95"]
    assert all(a <= b for a, b in zip(low["ukraine"], high["ukraine"], strict=True))
    assert runner.invoke(app, ["dynamics", "--samples", "-1"]).exit_code == 2


def test_europe_share_markdown_and_chart(tmp_path: Path) -> None:
    chart = tmp_path / "dyn.png"
    result = runner.invoke(app, ["dynamics", "--months", "4", "--europe-share", "0.5",
                                 "--samples", "200",
                                 "--format", "markdown", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert "| month | ZOPA |" in result.output
    assert "the US saves" in result.output
    assert chart.stat().st_size > 1000


def test_bad_arguments_exit_2() -> None:
    result = runner.invoke(app, ["dynamics", "--europe-share", "1.5"])
    assert result.exit_code == 2
    assert "--europe-share" in result.output
    result = runner.invoke(app, ["dynamics", str(TOY)])
    assert result.exit_code == 2
    assert "no `dynamics` section" in result.output
    assert "Traceback" not in result.output
