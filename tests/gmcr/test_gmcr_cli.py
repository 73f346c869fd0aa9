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


def test_follow_up_analyses_in_json_and_text(tmp_path: Path) -> None:
    from parley.gmcr import coalition_analysis, inverse_question, status_quo_analysis

    path = tmp_path / "pd.gmcr"
    write_gmcr(PRISONERS, path)
    args = ["stability", str(path), "--status-quo", "1", "--coalitions", "--target", "1",
            "--concept", "gmr"]
    result = CliRunner().invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    plain = analyze_stability(PRISONERS).to_dict()
    assert {k: doc[k] for k in plain} == plain  # the contract keys are unchanged
    assert doc["status_quo"] == status_quo_analysis(PRISONERS, 1, [1, 4]).to_dict()
    assert doc["coalitions"] == coalition_analysis(PRISONERS, states=[1, 4]).to_dict()
    assert doc["inverse"] == inverse_question(PRISONERS, 1, "gmr").to_dict()
    assert doc["status_quo"]["improvements"]["paths"][1]["movers"] == ["B", "A"]
    text = CliRunner().invoke(app, args)
    assert text.exit_code == 0, text.output
    assert "1 -B-> 3 -A-> 4" in text.stdout
    assert "A + B can jointly improve to 1" in text.stdout
    assert "A: move state 1 to the bottom, alone" in text.stdout


def test_follow_up_bad_input_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "pd.gmcr"
    write_gmcr(PRISONERS, path)
    for extra in (["--status-quo", "9"], ["--target", "0"], ["--target", "1", "--concept", "x"]):
        result = CliRunner().invoke(app, ["stability", str(path), *extra])
        assert result.exit_code == 2, (extra, result.output)
        assert "Traceback" not in result.output
