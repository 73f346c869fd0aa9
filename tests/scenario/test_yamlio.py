"""YAML reading: YAML 1.2 scalars, locations, duplicate keys."""

from __future__ import annotations

import math

import pytest

from parley.errors import ScenarioError
from parley.scenario.yamlio import load_yaml_text


def test_norway_problem_avoided() -> None:
    # YAML 1.1 would read these as booleans; option ids must stay text.
    doc = load_yaml_text("a: no\nb: yes\nc: on\nd: off\ne: true\nf: ~\n").data
    assert doc == {"a": "no", "b": "yes", "c": "on", "d": "off", "e": True, "f": None}


def test_numbers_follow_yaml_12_core_schema() -> None:
    doc = load_yaml_text("a: 1\nb: -2.5\nc: 1e3\nd: .inf\ne: 0x1F\nf: 0o17\ng: 1_000\n").data
    assert doc["a"] == 1 and doc["b"] == -2.5 and doc["c"] == 1000.0
    assert doc["d"] == math.inf and doc["e"] == 31 and doc["f"] == 15
    assert doc["g"] == "1_000"  # not a number in YAML 1.2 core


def test_quoted_scalars_stay_text() -> None:
    assert load_yaml_text('a: "1"\nb: \'true\'\n').data == {"a": "1", "b": "true"}


def test_locations_are_one_based() -> None:
    located = load_yaml_text("top:\n  items:\n    - x: 1\n    - x: 2\n", "f.yaml")
    assert located.where(("top", "items", 1, "x")) == (4, 10)
    assert located.where(("top", "items", 0)) == (3, 7)
    # unknown paths fall back to the nearest known ancestor
    assert located.where(("top", "items", 1, "missing")) == (4, 7)


def test_duplicate_key_reported_with_location() -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml_text("a: 1\nb: 2\na: 3\n", "dup.yaml")
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("dup.yaml", 3, 1)
    assert "duplicate key 'a'" in problem.message
