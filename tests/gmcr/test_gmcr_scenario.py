"""The ``gmcr:`` scenario section, the default scenario's GMCR view and ``parley stability``."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from parley.cli.main import app
from parley.errors import ScenarioError
from parley.gmcr import analyze_stability
from parley.gmcr.scenario import conflict_from_section
from parley.scenario import load_scenario, scenario_from_dict
from parley.scenario.load import default_scenario_path


def default_doc() -> dict[str, Any]:
    return yaml.safe_load(default_scenario_path().read_text(encoding="utf-8"))


def test_default_scenario_gmcr_view() -> None:
    sc = load_scenario()
    assert sc.doc.gmcr is not None
    conflict = conflict_from_section(sc.doc.gmcr)
    names = [dm.name for dm in conflict.decision_makers]
    assert names == ["russia", "ukraine", "US administration", "europe", "US Congress"]
    assert conflict.n_options == 9
    assert conflict.status_quo is not None
    sq = conflict.number_of(conflict.status_quo)  # feasible
    assert conflict.describe(conflict.status_quo) == ("Russia continues the offensive, "
                                                      "Europe takes over funding Ukraine")
    # every statement rests on a listed source or on a judgment
    sources = {s.id for s in sc.doc.sources}
    for dm in sc.doc.gmcr.decision_makers:
        for st in dm.preferences:
            assert st.source in sources or (st.judgment and st.judgment.strip())
    res = analyze_stability(conflict)
    assert res.equilibria["nash"]  # the view has Nash equilibria
    assert sq in res.equilibria["nash"]  # the war, with Europe paying, is itself stable


def invalid(mutate: Any) -> list[str]:
    doc = default_doc()
    mutate(doc["gmcr"])
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(copy.deepcopy(doc), "x.yaml")
    return [f"{p.path}: {p.message}" for p in err.value.problems]


def test_problems_are_located() -> None:
    def bad_statement(g: dict[str, Any]) -> None:
        g["decision_makers"][0]["preferences"][0]["statement"] = "ua_drop_nato & nosuch"
    msgs = invalid(bad_statement)
    assert any("gmcr.decision_makers[0].preferences[0].statement" in m and "nosuch" in m
               for m in msgs)

    def bad_source(g: dict[str, Any]) -> None:
        g["decision_makers"][1]["preferences"][0]["source"] = "nowhere"
    assert any("unknown source 'nowhere'" in m for m in invalid(bad_source))

    def no_provenance(g: dict[str, Any]) -> None:
        st = g["decision_makers"][4]["preferences"][2]
        st.pop("source")
    assert any("neither a `source` nor a `judgment`" in m for m in invalid(no_provenance))

    def bad_refs(g: dict[str, Any]) -> None:
        g["coalitions"] = [["us", "mars"]]
        g["status_quo"] = ["ru_offensive", "ru_ceasefire"]
    msgs = invalid(bad_refs)
    assert any("unknown decision maker 'mars'" in m for m in msgs)

    def infeasible_status_quo(g: dict[str, Any]) -> None:
        g["status_quo"] = ["ru_offensive", "ru_ceasefire"]
    assert any("infeasible" in m for m in invalid(infeasible_status_quo))

    def bad_id(g: dict[str, Any]) -> None:
        g["decision_makers"][0]["options"][0]["id"] = "IF"
    assert any("not IF, IFF or NOT" in m for m in invalid(bad_id))


def test_stability_of_the_default_scenario() -> None:
    result = CliRunner().invoke(app, ["stability", "-f", "json", "--status-quo", "0",
                                      "--coalitions"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    conflict = conflict_from_section(load_scenario().doc.gmcr)  # type: ignore[arg-type]
    plain = analyze_stability(conflict).to_dict()
    assert {k: doc[k] for k in plain} == plain
    assert doc["status_quo"]["status_quo"] == conflict.number_of(conflict.status_quo or 0)
    assert doc["coalitions"]["coalitions"] == [["US administration", "US Congress"],
                                               ["ukraine", "europe"]]
    text = CliRunner().invoke(app, ["stability", str(default_scenario_path())])
    assert text.exit_code == 0 and "Russia continues the offensive" in text.stdout


def test_scenario_without_section_exits_2(tmp_path: Path) -> None:
    doc = default_doc()
    del doc["gmcr"]
    path = tmp_path / "plain.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["stability", str(path)])
    assert result.exit_code == 2
    assert "no `gmcr:` section" in result.output
