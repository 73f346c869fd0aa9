"""KTAB CSV input: parsing the reference files, round trips and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from parley.errors import ScenarioError
from parley.forecast import parse_ktab_csv, read_ktab_csv, to_ktab_csv

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ktab"

GOOD = """Tiny,"Three actors",3,2,
Actor,Description,Power,Left,Sal1,Right,Sal2,
A,First, 100, 10, 50, 20, 30,
B,Second, 50.5, 90, 40, 80, 40,
C,Third, 20, 50, 10, 50, 90,
"""


def _csv(name: str) -> str:
    ref = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    text: str = ref["inputs_csv_verbatim"]
    return text


def test_parses_reference_files() -> None:
    soe = parse_ktab_csv(_csv("ktab_smp_SOE_Pol_Comp"))
    assert len(soe.actors) == 13 and soe.actors[0] == "XJ"
    assert soe.dimensions == ("Policy Position", "Competitive Position")
    assert soe.actor_descriptions[4] == "Liu He - Deputy Director of DRC"
    assert soe.capability[1] == pytest.approx(60.2)
    assert soe.salience[0].tolist() == [24.0, 48.0]
    dummy = parse_ktab_csv(_csv("ktab_smp_dummyData_3Dim"))
    assert dummy.name == "DummyData_3Dim"
    assert dummy.dimensions == ("Pstn1", "Pstn2", "Pstn3")
    assert dummy.position[2, 2] == pytest.approx(0.07)


@pytest.mark.parametrize("text", [GOOD, "__soe__", "__dummy__"])
def test_round_trip(text: str) -> None:
    if text == "__soe__":
        text = _csv("ktab_smp_SOE_Pol_Comp")
    elif text == "__dummy__":
        text = _csv("ktab_smp_dummyData_3Dim")
    a = parse_ktab_csv(text)
    b = parse_ktab_csv(to_ktab_csv(a))
    assert (a.name, a.description, a.actors, a.actor_descriptions, a.dimensions) == (
        b.name, b.description, b.actors, b.actor_descriptions, b.dimensions)
    for x, y in ((a.capability, b.capability), (a.position, b.position),
                 (a.salience, b.salience)):
        assert np.array_equal(x, y)


def test_read_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert read_ktab_csv(path).actors == ("A", "B", "C")
    with pytest.raises(ScenarioError, match="cannot read"):
        read_ktab_csv(tmp_path / "missing.csv")


@pytest.mark.parametrize(("bad", "line", "needle"), [
    (GOOD.replace("A,First, 100", "A,First, -1"), 3, "capability must be positive"),
    (GOOD.replace("B,Second, 50.5, 90", "B,Second, 50.5, 190"), 4, "position must be in"),
    (GOOD.replace("C,Third, 20, 50, 10, 50, 90", "C,Third, 20, 50, 60, 50, 90"), 5,
     "add up to 150"),
    (GOOD.replace("C,Third, 20, 50, 10, 50, 90", "C,Third, 20, 50, 0, 50, 0"), 5,
     "at least one salience"),
    (GOOD.replace("B,Second, 50.5", "B,Second, lots"), 4, "not a number"),
    (GOOD.replace("C,Third", "A,Third"), 5, "duplicate actor"),
    (GOOD.replace("B,Second, 50.5, 90, 40, 80, 40,", "B,Second, 50.5, 90, 40,"), 4,
     "expected 7 fields"),
    (GOOD.replace('"Three actors",3,2', '"Three actors",4,2'), 5, "announces 4 actors"),
    (GOOD.replace("Sal1,Right,", ""), 2, "expected 7 columns"),
    (GOOD.replace('"Three actors",3,2', '"Three actors",three,2'), 1, "must be integers"),
])
def test_bad_input_names_file_and_line(bad: str, line: int, needle: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_ktab_csv(bad, "in.csv")
    text = str(info.value)
    assert needle in text
    assert f"in.csv:{line}:" in text


def test_too_short() -> None:
    with pytest.raises(ScenarioError, match="title line"):
        parse_ktab_csv("x,y,1,1\n", "in.csv")
