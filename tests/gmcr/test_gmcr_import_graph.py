"""GMCR YAML files (``parley import gmcr``), the state graph around equilibria, Markdown output."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from gmcr_bruteforce import conflicts, reference_for
from gmcr_cases import assert_same_analysis, rules_and_statements_example
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from parley.cli.main import app
from parley.errors import ScenarioError
from parley.gmcr import (
    Conflict,
    DecisionMaker,
    Option,
    Prioritization,
    analyze_stability,
)
from parley.gmcr.gmcr_plus import write_gmcr
from parley.gmcr.graph import state_graph
from parley.gmcr.scenario import load_gmcr_yaml, section_from_conflict
from parley.interop.genius import write_scenario_yaml

runner = CliRunner()


def _to_yaml(conflict: Conflict, path: Path) -> dict:
    doc = section_from_conflict(conflict, origin="test.gmcr")
    meta = doc.pop("meta")
    write_scenario_yaml(doc, path)
    return meta


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(conflicts())
def test_rankings_round_trip_through_yaml(tmp_path: Path, conflict: Conflict) -> None:
    path = tmp_path / "c.yaml"
    meta = _to_yaml(conflict, path)
    assert meta == {"regrouped": False}  # the random conflicts own contiguous options
    assert_same_analysis(conflict, load_gmcr_yaml(path))


def test_statements_restrictions_and_status_quo_round_trip(tmp_path: Path) -> None:
    c = rules_and_statements_example(status_quo=8, coalitions=((0, 1),))
    path = tmp_path / "c.yaml"
    _to_yaml(c, path)
    back = load_gmcr_yaml(path)
    assert_same_analysis(c, back)
    assert back.status_quo == 8 and back.coalitions == ((0, 1),)
    assert [o.direction for o in back.options] == ["both", "fwd", "back", "both", "both"]
    text = path.read_text()
    assert "statement: c IF d" in text  # ids in place of option numbers


def test_regrouped_options_keep_the_equilibria() -> None:
    # A owns options 0 and 2, B owns 1: the YAML lists A's options first, so codes change
    c = Conflict((Option("p"), Option("q"), Option("r")),
                 (DecisionMaker("A", (0, 2), Prioritization.parse(["1 & 3", "-2"])),
                  DecisionMaker("B", (1,), Prioritization.parse(["2 IFF 1", "3"]))))
    doc = section_from_conflict(c, origin="x.gmcr")
    assert doc.pop("meta") == {"regrouped": True}
    buf = io.StringIO()
    write_scenario_yaml(doc, buf)
    from parley.gmcr.scenario import GmcrFile, conflict_from_section
    from parley.scenario.yamlio import load_yaml_text

    back = conflict_from_section(GmcrFile.model_validate(load_yaml_text(buf.getvalue()).data).gmcr)

    def taken(conflict: Conflict, numbers: list[int]) -> set[frozenset[str]]:
        codes = conflict.feasible_codes()
        return {frozenset(o.name for k, o in enumerate(conflict.options)
                          if int(codes[n - 1]) >> k & 1) for n in numbers}

    a, b = analyze_stability(c), analyze_stability(back)
    for concept in ("nash", "gmr", "smr", "seq"):
        assert taken(c, list(a.equilibria[concept])) == taken(back, list(b.equilibria[concept]))


BAD = """\
gmcr:
  judgment: test
  decision_makers:
    - id: a
      options: [{id: x}]
      ranking: [[[x]], [[y]]]
    - id: b
      options: [{id: z}]
      preferences: [{statement: z}]
      ranking: [[[z]], [[]]]
    - id: c
      options: [{id: w}]
      ranking: [[[w]]]
"""


def test_bad_rankings_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    with pytest.raises(ScenarioError) as info:
        load_gmcr_yaml(path)
    [problem] = info.value.problems
    assert (problem.line, problem.path) == (7, "gmcr.decision_makers[1]")
    assert "not both" in problem.message
    res = runner.invoke(app, ["stability", str(path)])
    assert res.exit_code == 2
    assert "bad.yaml:" in res.output and "Traceback" not in res.output


def test_unknown_options_and_incomplete_rankings_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD.replace("      preferences: [{statement: z}]\n", ""))
    with pytest.raises(ScenarioError) as info:
        load_gmcr_yaml(path)
    [problem] = info.value.problems
    assert problem.line == 6 and "unknown option 'y'" in problem.message
    path.write_text(BAD.replace("      preferences: [{statement: z}]\n", "")
                    .replace("ranking: [[[x]], [[y]]]", "ranking: [[[x]]]"))
    with pytest.raises(ScenarioError) as info:
        load_gmcr_yaml(path)
    # three options, eight states: every decision maker's ranking leaves some out
    assert [p.path for p in info.value.problems] == [
        f"gmcr.decision_makers[{i}].ranking" for i in range(3)]
    assert all("misses" in p.message for p in info.value.problems)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(conflicts(), st.data())
def test_state_graph_matches_brute_force(conflict: Conflict, data: st.DataObject) -> None:
    ref = reference_for(conflict)
    codes = ref.states
    n = len(codes)
    focus = data.draw(st.lists(st.integers(1, n), min_size=1, max_size=3, unique=True))
    g = state_graph(conflict, focus, max_nodes=10_000)
    expected = set()
    for i, dm in enumerate(conflict.decision_makers):
        for s in codes:
            for t in ref.improvements(i, s):
                a, b = codes.index(s) + 1, codes.index(t) + 1
                if a in focus or b in focus:
                    expected.add((a, b, dm.name))
    assert set(g.edges) == expected
    assert set(g.focus) == set(focus) and g.omitted == 0
    assert set(g.nodes) == set(focus) | {x for a, b, _ in expected for x in (a, b)}
    small = state_graph(conflict, focus, max_nodes=2)
    assert len(small.nodes) <= 2 and set(small.edges) <= expected


def test_dot_output_quotes_names() -> None:
    c = Conflict((Option('say "no"'), Option("b")),
                 (DecisionMaker('A "the first"', (0,), Prioritization.parse(["1"])),
                  DecisionMaker("B", (1,), Prioritization.parse(["-1", "2"]))))
    eq = analyze_stability(c).equilibria["nash"]
    dot = state_graph(c, eq).to_dot()
    assert dot.startswith("digraph gmcr {") and dot.rstrip().endswith("}")
    assert 'label="A \\"the first\\""' in dot or "A \\\"the first\\\"" in dot
    assert dot.count("->") == len(state_graph(c, eq).edges)


def test_cli_graph_markdown_export_and_import(tmp_path: Path) -> None:
    png, dot, md = tmp_path / "g.png", tmp_path / "g.dot", tmp_path / "s.md"
    res = runner.invoke(app, ["stability", "--graph", str(png), "-f", "markdown", "-o", str(md)])
    assert res.exit_code == 0, res.output
    assert png.read_bytes().startswith(b"\x89PNG")
    assert md.read_text().startswith("# GMCR stability") and "| **equilibria** |" in md.read_text()
    res = runner.invoke(app, ["stability", "--graph", str(dot), "--concept", "seq",
                              "--export-gmcr", str(tmp_path / "m.gmcr"), "-f", "json",
                              "-o", str(tmp_path / "a.json")])
    assert res.exit_code == 0, res.output
    assert "digraph" in dot.read_text()
    res = runner.invoke(app, ["import", "gmcr", str(tmp_path / "m.gmcr"),
                              "-o", str(tmp_path / "m.yaml")])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["stability", str(tmp_path / "m.yaml"), "-f", "json",
                              "-o", str(tmp_path / "b.json")])
    assert res.exit_code == 0, res.output
    a = json.loads((tmp_path / "a.json").read_text())
    b = json.loads((tmp_path / "b.json").read_text())
    assert a["equilibria"] == b["equilibria"] and a["stable"] == b["stable"]
    bad = runner.invoke(app, ["stability", "--graph", str(tmp_path / "g.txt")])
    assert bad.exit_code == 2
    bad = runner.invoke(app, ["stability", "--concept", "xyz"])
    assert bad.exit_code == 2


def test_import_to_stdout_and_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "m.gmcr"
    write_gmcr(rules_and_statements_example(status_quo=8, coalitions=((0, 1),)), path)
    res = runner.invoke(app, ["import", "gmcr", str(path)])
    assert res.exit_code == 0 and res.stdout.startswith("title:")
    (tmp_path / "bad.gmcr").write_text("{not json")
    res = runner.invoke(app, ["import", "gmcr", str(tmp_path / "bad.gmcr")])
    assert res.exit_code == 2 and "not valid JSON" in res.output


def test_inverse_descriptions_use_option_ids() -> None:
    from parley.gmcr.inverse import inverse_question
    from parley.gmcr.scenario import GmcrFile, conflict_from_section

    doc = {"gmcr": {"judgment": "test", "decision_makers": [
        {"id": "a", "options": [{"id": "strike", "label": "A strikes"}],
         "preferences": [{"statement": "-talk"}, {"statement": "strike IF talk"}]},
        {"id": "b", "options": [{"id": "talk"}], "preferences": [{"statement": "talk"}]}]}}
    c = conflict_from_section(GmcrFile.model_validate(doc).gmcr)
    assert c.option_keys() == ("strike", "talk")
    res = inverse_question(c, 1, "nash")
    assert res.changes
    for change in res.changes:
        words = change.description.split("(", 1)[1]
        assert not any(ch.isdigit() for ch in words), change.description
        assert "talk" in words or "strike" in words
