"""``parley stability`` on GMCR+ files."""

from __future__ import annotations

import json
from pathlib import Path

from test_gmcr_textbook import CHICKEN, PRISONERS
from typer.testing import CliRunner

from parley.cli.main import app
from parley.gmcr import analyze_stability
from parley.gmcr.gmcr_plus import write_gmcr


def test_json_output_is_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "pd.gmcr"
    write_gmcr(PRISONERS, path)
    result = CliRunner().invoke(app, ["stability", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["equilibria"] == {"nash": [4], "gmr": [1, 4], "smr": [1, 4], "seq": [1, 4]}
    assert doc["states"] == [{"number": k + 1, "code": k} for k in range(4)]
    assert set(doc["stable"]) == {"A", "B"}


def test_text_output_names_the_options(tmp_path: Path) -> None:
    path = tmp_path / "chicken.gmcr"
    write_gmcr(CHICKEN, path)
    result = CliRunner().invoke(app, ["stability", str(path)])
    assert result.exit_code == 0, result.output
    assert "equilibria" in result.stdout
    # state 2: only A drives straight on
    assert "state 2" in result.stdout and "A does not cooperate" in result.stdout


def test_variant_option(tmp_path: Path) -> None:
    path = tmp_path / "pd.gmcr"
    write_gmcr(PRISONERS, path)
    result = CliRunner().invoke(app, ["stability", str(path), "-f", "json",
                                      "--variant", "gmcr_plus"])
    assert json.loads(result.stdout) == analyze_stability(PRISONERS, "gmcr_plus").to_dict()
    bad = CliRunner().invoke(app, ["stability", str(path), "--variant", "nope"])
    assert bad.exit_code == 2


def test_bad_files_exit_2_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gmcr"
    broken.write_text('{"options": [', encoding="utf-8")
    missing_key = tmp_path / "nokey.gmcr"
    missing_key.write_text('{"options": []}', encoding="utf-8")
    for path in (broken, missing_key, tmp_path / "absent.gmcr"):
        result = CliRunner().invoke(app, ["stability", str(path)])
        assert result.exit_code == 2, (path, result.output)
        assert "Traceback" not in result.output
        assert path.name in result.output
