"""The ``parley`` command line: every command's happy path and its refusals (exit code 2)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import parley
from parley.bargaining.report import analysis_schema_path
from parley.cli import main as cli_main
from parley.cli.main import app
from parley.scenario import default_scenario_path

TESTS = Path(__file__).resolve().parent
TOY = TESTS / "fixtures" / "toy.yaml"
LAPTOP = TESTS / "fixtures" / "genius" / "Laptop"



def invoke(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def analysis_validator() -> Draft202012Validator:
    schema = json.loads(analysis_schema_path().read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def assert_valid_analysis(doc: Any) -> None:
    errors = sorted(analysis_validator().iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


# --------------------------------------------------------------------------- analyze
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_analyze_formats_exit_0(fmt: str) -> None:
    result = invoke("analyze", str(TOY), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    if fmt == "json":
        doc = json.loads(result.stdout)
        assert doc["scenario"]["id"] == "toy"
        assert_valid_analysis(doc)
    elif fmt == "markdown":
        assert result.stdout.startswith("# Toy three-party deal")
    else:
        assert "Toy three-party deal" in result.stdout


def test_analyze_json_short_option_and_parley_version() -> None:
    result = invoke("analyze", str(TOY), "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["parley_version"] == parley.__version__
    assert [p["id"] for p in doc["parties"]] == ["a", "b", "c", "r"]


def test_analyze_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("old content that must be replaced entirely\n" * 1000, encoding="utf-8")
    result = invoke("analyze", str(TOY), "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # the report goes to the file, not to stdout
    assert f"wrote {out}" in result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert_valid_analysis(doc)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary left


def test_analyze_output_file_creates_directories(tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir" / "report.md"
    result = invoke("analyze", str(TOY), "-f", "markdown", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Toy three-party deal")


def test_analyze_output_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the final rename fails, the old file is untouched and the command exits 2."""
    out = tmp_path / "out.json"
    out.write_text('{"old": true}\n', encoding="utf-8")
    calls: list[tuple[str, str]] = []

    def failing_replace(src: Any, dst: Any) -> None:
        calls.append((str(src), str(dst)))
        raise OSError("disk full")

    monkeypatch.setattr(cli_main.os, "replace", failing_replace)
    result = invoke("analyze", str(TOY), "-f", "json", "-o", str(out))
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.output
    assert out.read_text(encoding="utf-8") == '{"old": true}\n'
    assert calls and calls[0][1] == str(out) and calls[0][0] != str(out)


def test_analyze_output_to_directory_exits_2(tmp_path: Path) -> None:
    result = invoke("analyze", str(TOY), "-f", "json", "-o", str(tmp_path))
    assert result.exit_code == 2, result.output
    assert "is a directory" in result.output


@pytest.mark.parametrize("args", [
    ["--method", "foo"],
    ["--disagreement", "foo"],
    ["--ideal", "foo"],
    ["--format", "pdf"],
])
def test_analyze_bad_option_exits_2(args: list[str]) -> None:
    result = invoke("analyze", str(TOY), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_analyze_method_foo_message() -> None:
    result = invoke("analyze", str(TOY), "--method", "foo")
    assert result.exit_code == 2
    assert "--method must be" in result.output


def test_analyze_without_argument_uses_default() -> None:
    result = invoke("analyze", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["scenario"]["file"] == str(default_scenario_path())
    assert_valid_analysis(doc)


def test_analyze_bad_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("parley: 2\n", encoding="utf-8")
    result = invoke("analyze", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:1:" in result.output


# ----------------------------------------------------------------------- validate
def test_validate_ok() -> None:
    result = invoke("validate", str(TOY))
    assert result.exit_code == 0, result.output
    assert "OK" in result.output
    assert "4 parties, 3 issues, 18 packages, 2 proposals" in " ".join(result.output.split())


# ------------------------------------------------------------------------ sources
def test_sources_text() -> None:
    result = invoke("sources", str(TOY))
    assert result.exit_code == 0, result.output
    assert "Assumptions ledger" in result.stdout
    assert "judgment" in result.stdout


def test_sources_json() -> None:
    result = invoke("sources", str(TOY), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    assert set(rows[0]) == {"path", "value", "source", "citation", "judgment", "range",
                            "origin", "line"}
    by_path = {r["path"]: r for r in rows}
    assert by_path["parties[0].capability"]["value"] == 2.0
    assert by_path["parties[0].capability"]["source"] == "made_up"
    assert by_path["parties[0].capability"]["citation"] == "Invented numbers for tests"
    assert all((r["source"] is None) != (r["judgment"] is None) for r in rows)
    # the line numbers point at the numbers in the file
    lines = TOY.read_text(encoding="utf-8").splitlines()
    assert "capability: {value: 2" in lines[by_path["parties[0].capability"]["line"] - 1]


def test_sources_csv(tmp_path: Path) -> None:
    result = invoke("sources", str(TOY), "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    assert rows[0].keys() >= {"path", "value", "source", "judgment", "range", "line"}
    json_rows = json.loads(invoke("sources", str(TOY), "-f", "json").stdout)
    assert [r["path"] for r in rows] == [r["path"] for r in json_rows]
    out = tmp_path / "ledger.csv"
    result = invoke("sources", str(TOY), "-f", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("path,")


# --------------------------------------------------------------------------- init
def test_init_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    result = invoke("init", str(target))
    assert result.exit_code == 0, result.output
    written = target.read_text(encoding="utf-8")
    assert written == default_scenario_path().read_text(encoding="utf-8")
    assert invoke("validate", str(target)).exit_code == 0

    target.write_text("my own work\n", encoding="utf-8")
    result = invoke("init", str(target))
    assert result.exit_code == 2, result.output
    assert "--force" in result.output
    assert target.read_text(encoding="utf-8") == "my own work\n"

    result = invoke("init", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == written


def test_init_refuses_existing_file_even_without_default(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    result = invoke("init", str(target))
    assert result.exit_code == 2, result.output
    assert target.read_text(encoding="utf-8") == "keep me\n"


# ------------------------------------------------------------------------- schema
def test_schema_analysis_is_valid_json_schema() -> None:
    result = invoke("schema", "analysis")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema == json.loads(analysis_schema_path().read_text(encoding="utf-8"))


def test_schema_default_is_analysis() -> None:
    assert invoke("schema").stdout == invoke("schema", "analysis").stdout


def test_schema_scenario_is_valid_json_schema() -> None:
    result = invoke("schema", "scenario")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert {"parley", "id", "parties", "issues", "preferences"} <= set(schema["required"])
    # the rule field is written by its YAML name, not the Python one
    assert "if" in schema["$defs"]["Rule"]["properties"]


def test_schema_unknown_exits_2() -> None:
    result = invoke("schema", "nonsense")
    assert result.exit_code == 2
    assert "analysis" in result.output and "scenario" in result.output


# ------------------------------------------------------------------------ version
def test_version() -> None:
    result = invoke("version")
    assert result.exit_code == 0
    assert result.stdout.strip() == parley.__version__


def test_version_subprocess() -> None:
    proc = subprocess.run([sys.executable, "-m", "parley", "version"], capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == parley.__version__


def test_no_arguments_shows_help() -> None:
    result = CliRunner().invoke(app, [])
    assert "analyze" in result.output and "validate" in result.output
    assert "Traceback" not in result.output


def test_unknown_command_exits_2_subprocess() -> None:
    proc = subprocess.run([sys.executable, "-m", "parley", "frobnicate"], capture_output=True,
                          text=True, timeout=120, check=False,
                          env={k: v for k, v in os.environ.items() if k != "PARLEY_DEBUG"})
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr


# ------------------------------------------------------------------- import genius
def test_import_genius_then_analyze(tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    result = invoke("import", "genius", str(LAPTOP), "-o", str(out))
    assert result.exit_code == 0, result.output
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["parley"] == 1
    assert len(doc["parties"]) == 2

    assert invoke("validate", str(out)).exit_code == 0
    result = invoke("analyze", str(out), "-f", "json")
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.stdout)
    assert_valid_analysis(analysis)
    assert analysis["scenario"]["file"] == str(out)

    # the directory itself is a valid scenario argument too
    direct = invoke("analyze", str(LAPTOP), "-f", "json")
    assert direct.exit_code == 0, direct.output
    assert_valid_analysis(json.loads(direct.stdout))


def test_import_genius_stdout() -> None:
    result = invoke("import", "genius", str(LAPTOP))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["parley"] == 1


def test_import_genius_bad_directory_exits_2(tmp_path: Path) -> None:
    result = invoke("import", "genius", str(tmp_path), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2, result.output
    assert str(tmp_path) in result.output
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize(("module", "extra"), [("SALib", "uncertainty"), ("jinja2", "report"),
                                               ("matplotlib.pyplot", "charts"),
                                               ("uvicorn", "web")])
def test_missing_optional_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str],
                                                 module: str, extra: str) -> None:
    import parley.cli.main as main

    def boom() -> None:
        raise ModuleNotFoundError(f"No module named {module!r}", name=module)

    monkeypatch.setattr(main, "app", boom)
    monkeypatch.delenv("PARLEY_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        main.run()
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"pip install 'parley[{extra}]'" in err and "internal error" not in err


def test_missing_core_module_is_still_an_internal_error(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    import parley.cli.main as main

    def boom() -> None:
        raise ModuleNotFoundError("No module named 'nonexistent'", name="nonexistent")

    monkeypatch.setattr(main, "app", boom)
    monkeypatch.delenv("PARLEY_DEBUG", raising=False)
    with pytest.raises(ModuleNotFoundError):
        main.run()
