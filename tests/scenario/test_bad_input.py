"""Bad scenario files: every one must fail with a located, readable problem, never a traceback.

Each case writes a broken variant of ``tests/fixtures/toy.yaml`` (edited as text, or
loaded, changed and dumped again) into ``tmp_path`` and states the problem it expects:
the dotted field path, a phrase of the message, and the 1-based line (and column) found
by searching the text that was written, so the expectations follow the file.

Every case is checked three ways: :func:`parley.load_scenario` raises
:class:`parley.ScenarioError` with that problem; ``parley validate FILE`` (in-process
through Typer's runner) exits 2 and prints ``file:line``; and a few cases run the real
``python -m parley validate`` in a subprocess.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import EllipsisType
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from parley import Problem, ScenarioError, load_scenario
from parley.cli.main import app

TOY = Path(__file__).resolve().parent.parent / "fixtures" / "toy.yaml"
TOY_TEXT = TOY.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- helpers
@dataclass(frozen=True)
class Expect:
    """A problem the loader must report.

    ``phrases`` must all occur in the message. ``line`` is 1-based (``None``: the problem
    concerns the whole file); ``column`` is checked unless it is ``...``.
    """

    path: str
    phrases: tuple[str, ...]
    line: int | None
    column: int | EllipsisType | None = ...


@dataclass
class Bad:
    """A bad input written to disk, what it must produce, and extra environment."""

    file: Path
    expect: list[Expect]
    env: dict[str, str] = field(default_factory=dict)


def expect(path: str, phrases: str | tuple[str, ...], line: int | None,
           column: int | EllipsisType | None = ...) -> Expect:
    return Expect(path, (phrases,) if isinstance(phrases, str) else phrases, line, column)


def locate(text: str, *anchors: str) -> int:
    """1-based line of the last anchor, each anchor searched (as a line prefix) after the
    previous one. Anchors carry their indentation, so ``"  a:"`` is the key ``a`` at
    depth one."""
    lines = text.splitlines()
    start = 0
    found = -1
    for anchor in anchors:
        for k in range(start, len(lines)):
            if lines[k].startswith(anchor):
                found = k
                break
        else:
            raise AssertionError(f"anchor {anchor!r} not found after line {start + 1}")
        start = found + 1
    return found + 1


def column(text: str, line: int, needle: str, nth: int = 1) -> int:
    """1-based column of the ``nth`` occurrence of ``needle`` on ``line``."""
    row = text.splitlines()[line - 1]
    pos = -1
    for _ in range(nth):
        pos = row.index(needle, pos + 1)
    return pos + 1


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def toy_doc() -> dict[str, Any]:
    return yaml.safe_load(TOY_TEXT)


def dump(doc: Any) -> str:
    return yaml.safe_dump(doc, sort_keys=False, width=1000, allow_unicode=True)


def write(tmp_path: Path, content: str | bytes, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


CASES: dict[str, Callable[[Path], Bad]] = {}


def case(fn: Callable[[Path], Bad]) -> Callable[[Path], Bad]:
    CASES[fn.__name__] = fn
    return fn


def describe(problems: list[Problem]) -> str:
    return "\n".join(p.format() for p in problems)


def assert_reported(problems: list[Problem], file: Path, exp: Expect) -> None:
    matching = [p for p in problems
                if p.path == exp.path and all(ph in p.message for ph in exp.phrases)]
    assert matching, f"no problem at {exp.path!r} saying {exp.phrases}; got:\n" + describe(
        problems)
    located = [p for p in matching
               if p.file == str(file) and p.line == exp.line
               and (exp.column is ... or p.column == exp.column)]
    assert located, (f"expected {exp.path!r} at {file}:{exp.line}:{exp.column}; got:\n"
                     + describe(matching))


# ----------------------------------------------------------------- YAML and file level
@case
def yaml_unclosed_bracket(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "guarantee: 0.2}", "guarantee: 0.2")
    # PyYAML notices the missing `}` at the next key, on the following line
    line = locate(text, "preferences:", "  a:", "    weights: {land: 0.5", "    values:")
    return Bad(write(tmp_path, text), [
        expect("", ("YAML syntax error", "expected ',' or '}'"), line, column(text, line, ":"))])


@case
def yaml_bad_indentation_deeper(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "    name: Party A", "      name: Party A")
    line = locate(text, "      name: Party A")
    return Bad(write(tmp_path, text), [
        expect("", ("YAML syntax error", "mapping values are not allowed"), line,
               column(text, line, ":"))])


@case
def yaml_bad_indentation_shallower(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "    name: Party B", "   name: Party B")
    line = locate(text, "   name: Party B")
    return Bad(write(tmp_path, text), [expect("", "YAML syntax error", line, 4)])


@case
def yaml_tab_indentation(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "    name: Party A", "\tname: Party A")
    line = locate(text, "\tname: Party A")
    return Bad(write(tmp_path, text), [expect("", ("YAML syntax error", "'\\t'"), line, 1)])


@case
def yaml_two_documents(tmp_path: Path) -> Bad:
    text = TOY_TEXT + "---\nparley: 1\n"
    line = locate(text, "---")
    return Bad(write(tmp_path, text), [expect("", "another document", line, 1)])


@case
def yaml_non_scalar_key(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "title: Toy three-party deal\n", "? [x, y]\n: z\n")
    line = locate(text, "? [x, y]")
    return Bad(write(tmp_path, text), [expect("", "mapping keys must be plain names", line, 3)])


@case
def yaml_undefined_alias(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "title: Toy three-party deal", "title: *nowhere")
    line = locate(text, "title: *nowhere")
    return Bad(write(tmp_path, text), [expect("", "undefined alias 'nowhere'", line, 8)])


@case
def empty_file(tmp_path: Path) -> Bad:
    return Bad(write(tmp_path, ""), [expect("", "empty", None, None)])


@case
def whitespace_and_comments_only(tmp_path: Path) -> Bad:
    return Bad(write(tmp_path, "\n   \n# only a comment\n\t\n  # another\n"),
               [expect("", "empty", None, None)])


@case
def latin1_bytes(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "title: Toy three-party deal", "title: Toy café deal")
    line = locate(text, "title:")
    return Bad(write(tmp_path, text.encode("latin-1")),
               [expect("", ("not valid UTF-8", "0xe9"), line, None)])


@case
def utf16_file(tmp_path: Path) -> Bad:
    return Bad(write(tmp_path, TOY_TEXT.encode("utf-16")),
               [expect("", "UTF-16", 1, None)])


@case
def binary_file(tmp_path: Path) -> Bad:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    return Bad(write(tmp_path, png, "picture.yaml"), [expect("", "not valid UTF-8", 1, None)])


@case
def control_character(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "title: Toy three", "title: Toy\x00three")
    line = locate(text, "title:")
    return Bad(write(tmp_path, text),
               [expect("", "control character", line, column(text, line, "\x00"))])


@case
def top_level_list(tmp_path: Path) -> Bad:
    return Bad(write(tmp_path, "- parley: 1\n- id: toy\n"), [expect("", "mapping", 1, 1)])


@case
def top_level_scalar(tmp_path: Path) -> Bad:
    return Bad(write(tmp_path, "# a note\njust some words\n"), [expect("", "mapping", 2, 1)])


@case
def file_over_size_limit(tmp_path: Path) -> Bad:
    return Bad(write(tmp_path, TOY_TEXT), [expect("", "over the 100-byte limit", None, None)],
               env={"PARLEY_MAX_FILE_BYTES": "100"})


@case
def billion_laughs(tmp_path: Path) -> Bad:
    text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for k in range(1, 10):
        prev, name = chr(ord("a") + k - 1), chr(ord("a") + k)
        text += f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    return Bad(write(tmp_path, text), [expect("", "expands to more than", None, None)])


@case
def recursive_alias(tmp_path: Path) -> Bad:
    text = TOY_TEXT + "extra: &loop [1, *loop]\n"
    return Bad(write(tmp_path, text), [expect("", "recursive", None, None)])


@case
def nested_too_deeply(tmp_path: Path) -> Bad:
    text = TOY_TEXT + "extra: " + "[" * 3000 + "]" * 3000 + "\n"
    return Bad(write(tmp_path, text), [expect("", "nested too deeply", None, None)])


@case
def missing_file(tmp_path: Path) -> Bad:
    return Bad(tmp_path / "no_such_file.yaml", [expect("", "file not found", None, None)])


@case
def directory_not_genius(tmp_path: Path) -> Bad:
    folder = tmp_path / "not_a_domain"
    folder.mkdir()
    (folder / "notes.txt").write_text("nothing to see\n", encoding="utf-8")
    return Bad(folder, [expect("", "no XML files", None, None)])


# ------------------------------------------------------------------- document shape
@case
def missing_version(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "parley: 1\n", "")
    # a missing field is reported on its enclosing mapping (here the document, which
    # starts at its first key)
    line = locate(text, "id: toy")
    return Bad(write(tmp_path, text), [expect("", "missing required field `parley`", line, 1)])


@case
def wrong_version(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "parley: 1\n", "parley: 2\n")
    line = locate(text, "parley: 2")
    return Bad(write(tmp_path, text), [expect("parley", "must be 1", line, 9)])


@case
def duplicate_top_level_key(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "title: Toy three-party deal\n",
                        "title: Toy three-party deal\ntitle: Again\n")
    line = locate(text, "title: Again")
    return Bad(write(tmp_path, text), [expect("title", "duplicate key 'title'", line, 1)])


@case
def duplicate_nested_key(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "{land: 0.5, money: 0.3, guarantee: 0.2}",
                        "{land: 0.5, money: 0.3, land: 0.2}")
    line = locate(text, "preferences:", "  a:", "    weights:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a.weights.land", "duplicate key 'land'", line,
               column(text, line, "land", nth=2))])


@case
def unknown_top_level_field(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "proposals:\n", "proposal:\n")
    line = locate(text, "proposal:")
    return Bad(write(tmp_path, text),
               [expect("proposal", ("unknown field `proposal`", "did you mean `proposals`"),
                       line, 1)])


@case
def unknown_party_role(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "role: mediator", "role: king")
    line = locate(text, "    role: king")
    return Bad(write(tmp_path, text),
               [expect("parties[2].role", "must be 'party', 'mediator' or 'ratifier'", line,
                       column(text, line, "king"))])


@case
def id_with_spaces(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "  - id: b\n", '  - id: " b"\n')
    line = locate(text, '  - id: " b"')
    return Bad(write(tmp_path, text),
               [expect("parties[1].id", "spaces", line, column(text, line, '"'))])


@case
def issue_without_options(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, '    options: [{id: "no"}, {id: "yes"}]', "    options: []")
    line = locate(text, "    options: []")
    return Bad(write(tmp_path, text),
               [expect("issues[2].options", "must not be empty", line, column(text, line, "["))])


# ------------------------------------------------------------------------ identities
@case
def duplicate_party_id(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "  - id: b\n", "  - id: a\n")
    line = locate(text, "parties:", "  - id: a", "  - id: a")
    return Bad(write(tmp_path, text),
               [expect("parties[1].id", "duplicate party id 'a'", line, column(text, line, "a"))])


@case
def duplicate_issue_id(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "  - id: money\n", "  - id: land\n")
    line = locate(text, "issues:", "  - id: land", "  - id: land")
    return Bad(write(tmp_path, text), [
        expect("issues[1].id", "duplicate issue id 'land'", line, column(text, line, "land"))])


@case
def duplicate_option_id(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "[{id: none}, {id: some}, {id: lots}]",
                        "[{id: none}, {id: none}, {id: lots}]")
    line = locate(text, "issues:", "  - id: money", "    options:")
    return Bad(write(tmp_path, text), [
        expect("issues[1].options[1].id", "duplicate option id 'none'", line,
               column(text, line, "none", nth=2))])


# ---------------------------------------------------------------------- preferences
@case
def preferences_for_unknown_party(tmp_path: Path) -> Bad:
    doc = toy_doc()
    doc["preferences"]["zed"] = copy.deepcopy(doc["preferences"]["a"])
    text = dump(doc)
    line = locate(text, "preferences:", "  zed:")
    return Bad(write(tmp_path, text), [
        expect("preferences.zed", ("unknown party 'zed'", "keyed by party id"), line, 3)])


@case
def missing_preferences_for_party(tmp_path: Path) -> Bad:
    doc = toy_doc()
    del doc["preferences"]["b"]
    text = dump(doc)
    line = locate(text, "preferences:")
    return Bad(write(tmp_path, text),
               [expect("preferences", "missing preferences for party 'b'", line, 1)])


@case
def unknown_issue_in_weights(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "money: 0.3, guarantee: 0.2}", "money: 0.3, guarantees: 0.2}")
    line = locate(text, "preferences:", "  a:", "    weights:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a.weights.guarantees",
               ("unknown issue 'guarantees'", "did you mean 'guarantee'"), line,
               column(text, line, "0.2"))])


@case
def unknown_option_in_values(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "{none: 0, some: 0.6, lots: 1}", "{none: 0, som: 0.6, lots: 1}")
    line = locate(text, "preferences:", "  a:", "      money:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a.values.money.som",
               ("unknown option 'som' of issue 'money'", "did you mean 'some'"), line,
               column(text, line, "0.6"))])


@case
def missing_option_value(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "{all_a: 1, split: 0.5, all_b: 0}", "{all_a: 1, all_b: 0}")
    line = locate(text, "preferences:", "  a:", "      land:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a.values.land", "no value for option(s) 'split'", line,
               column(text, line, "{"))])


@case
def missing_weight(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "{land: 0.5, money: 0.3, guarantee: 0.2}",
                        "{land: 0.5, guarantee: 0.2}")
    line = locate(text, "preferences:", "  a:", "    weights:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a.weights", ("no weight for 'money'", "write 0"), line,
               column(text, line, "{"))])


def _bad_weight_a(tmp_path: Path, written: str, phrase: str) -> Bad:
    text = replace_once(TOY_TEXT, "{land: 0.5, money: 0.3, guarantee: 0.2}",
                        f"{{land: 0.5, money: {written}, guarantee: 0.2}}")
    line = locate(text, "preferences:", "  a:", "    weights:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a.weights.money", phrase, line, column(text, line, written))])


@case
def negative_weight(tmp_path: Path) -> Bad:
    return _bad_weight_a(tmp_path, "-0.3", "must not be negative")


@case
def nan_weight(tmp_path: Path) -> Bad:
    return _bad_weight_a(tmp_path, ".nan", "finite number")


@case
def text_weight(tmp_path: Path) -> Bad:
    return _bad_weight_a(tmp_path, "high", "number")


@case
def boolean_weight(tmp_path: Path) -> Bad:
    return _bad_weight_a(tmp_path, "true", "number")


@case
def infinite_value(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "{all_a: 1, split: 0.5, all_b: 0}",
                        "{all_a: .inf, split: 0.5, all_b: 0}")
    line = locate(text, "preferences:", "  a:", "      land:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a.values.land.all_a", "finite number", line,
               column(text, line, ".inf"))])


@case
def weights_and_weight_ranks(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "    weights: {land: 0.5, money: 0.3, guarantee: 0.2}\n",
                        "    weights: {land: 0.5, money: 0.3, guarantee: 0.2}\n"
                        "    weight_ranks: [land, money, guarantee]\n")
    line = locate(text, "preferences:", "  a:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a", "give `weights` or `weight_ranks`, not both", line, 3)])


@case
def incomplete_weight_ranks(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "weight_ranks: [money, land, guarantee]",
                        "weight_ranks: [money, land]")
    line = locate(text, "preferences:", "  c:", "    weight_ranks:")
    return Bad(write(tmp_path, text), [
        expect("preferences.c.weight_ranks", "leaves out 'guarantee'", line,
               column(text, line, "["))])


@case
def weight_ranks_unknown_issue(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "weight_ranks: [money, land, guarantee]",
                        "weight_ranks: [money, land, guarantees]")
    line = locate(text, "preferences:", "  c:", "    weight_ranks:")
    return Bad(write(tmp_path, text), [
        expect("preferences.c.weight_ranks[2]",
               ("unknown issue 'guarantees'", "did you mean 'guarantee'"), line,
               column(text, line, "guarantees"))])


@case
def option_ranks_unknown_option_in_tie(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "land: [split, [all_a, all_b]]", "land: [split, [all_a, all_c]]")
    line = locate(text, "preferences:", "  c:", "    option_ranks:", "      land:")
    return Bad(write(tmp_path, text), [
        expect("preferences.c.option_ranks.land[1][1]",
               ("unknown option 'all_c' of issue 'land'", "did you mean 'all_b'"), line,
               column(text, line, "all_c"))])


@case
def option_ranked_twice(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "money: [none, some, lots]", "money: [none, some, none]")
    line = locate(text, "preferences:", "  c:", "    option_ranks:", "      money:")
    return Bad(write(tmp_path, text), [
        expect("preferences.c.option_ranks.money", "ranked more than once: 'none'", line,
               column(text, line, "["))])


@case
def interaction_of_three_issues(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, '- when: {land: all_b, guarantee: "no"}',
                        '- when: {land: all_b, guarantee: "no", money: none}')
    line = locate(text, "preferences:", "  a:", "    interactions:", "      - when:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a.interactions[0].when", "pairwise", line, column(text, line, "{"))])


@case
def interaction_unknown_option(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, '- when: {land: all_b, guarantee: "no"}',
                        '- when: {land: all_c, guarantee: "no"}')
    line = locate(text, "preferences:", "  a:", "    interactions:", "      - when:")
    return Bad(write(tmp_path, text), [
        expect("preferences.a.interactions[0].when.land",
               "unknown option 'all_c' of issue 'land'", line, column(text, line, "all_c"))])


@case
def no_deal_reservation_without_no_deal(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "reservation: 0.35", "reservation: {no_deal: true}")
    line = locate(text, "preferences:", "  b:", "    reservation:")
    return Bad(write(tmp_path, text), [
        expect("preferences.b.reservation", "top-level `no_deal`", line,
               column(text, line, "{"))])


# -------------------------------------------------------------------------- sources
@case
def unknown_source_key(tmp_path: Path) -> Bad:
    lines = TOY_TEXT.splitlines(keepends=True)
    k = locate(TOY_TEXT, "preferences:", "  a:", "    source: made_up") - 1
    lines[k] = "    source: madeup\n"
    text = "".join(lines)
    return Bad(write(tmp_path, text), [
        expect("preferences.a.source", ("unknown source 'madeup'", "did you mean 'made_up'"),
               k + 1, column(text, k + 1, "madeup"))])


@case
def number_without_source(tmp_path: Path) -> Bad:
    lines = TOY_TEXT.splitlines(keepends=True)
    del lines[locate(TOY_TEXT, "preferences:", "  b:", "    source: made_up") - 1]
    text = "".join(lines)
    line = locate(text, "preferences:", "  b:", "    weights:")
    return Bad(write(tmp_path, text), [
        expect("preferences.b.weights.land", "neither a `source` nor a `judgment`", line,
               column(text, line, "0.6"))])


def _capability_a(tmp_path: Path, extra: str, phrase: str) -> Bad:
    text = replace_once(TOY_TEXT, "capability: {value: 2, source: made_up}",
                        f"capability: {{value: 2, source: made_up, {extra}}}")
    line = locate(text, "parties:", "  - id: a", "    capability:")
    return Bad(write(tmp_path, text),
               [expect("parties[0].capability", phrase, line, column(text, line, "{"))])


@case
def source_and_judgment(tmp_path: Path) -> Bad:
    return _capability_a(tmp_path, "judgment: a guess", "either `source` or `judgment`, not both")


@case
def range_without_value(tmp_path: Path) -> Bad:
    return _capability_a(tmp_path, "range: [0, 1]", "outside its range [0.0, 1.0]")


@case
def reversed_range(tmp_path: Path) -> Bad:
    return _capability_a(tmp_path, "range: [3, 1]", "reversed")


# ---------------------------------------------------------------------------- rules
@case
def rule_forbid_and_if(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, '    then: {guarantee: "yes"}\n',
                        '    then: {guarantee: "yes"}\n    forbid: {land: split}\n')
    line = locate(text, "rules:", "  - id: lots_needs_guarantee")
    return Bad(write(tmp_path, text), [
        expect("rules[0]", "either `forbid` or `if`/`then`, not both", line,
               column(text, line, "id"))])


@case
def rule_if_without_then(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, '    then: {guarantee: "yes"}\n', "")
    line = locate(text, "rules:", "  - id: lots_needs_guarantee")
    return Bad(write(tmp_path, text), [
        expect("rules[0]", "needs `forbid`, or both `if` and `then`", line,
               column(text, line, "id"))])


@case
def rules_forbid_every_option(tmp_path: Path) -> Bad:
    doc = toy_doc()
    doc["rules"] = [{"id": f"never_{o}", "forbid": {"guarantee": o}} for o in ("no", "yes")]
    text = dump(doc)
    line = locate(text, "rules:")
    return Bad(write(tmp_path, text), [
        expect("rules", ("contradict", "no package"), line, 1)])


@case
def rules_if_then_contradiction(tmp_path: Path) -> Bad:
    doc = toy_doc()
    doc["rules"] = [
        {"id": "lots_needs_yes", "if": {"money": "lots"}, "then": {"guarantee": "yes"}},
        {"id": "lots_needs_no", "if": {"money": "lots"}, "then": {"guarantee": "no"}},
        {"id": "only_lots", "forbid": {"money": ["none", "some"]}},
    ]
    text = dump(doc)
    line = locate(text, "rules:")
    return Bad(write(tmp_path, text), [expect("rules", "contradict", line, 1)])


# ------------------------------------------------------------------------ proposals
@case
def proposal_missing_issue(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, '{land: all_a, money: none, guarantee: "no"}',
                        "{land: all_a, money: none}")
    line = locate(text, "proposals:", "  - id: p2", "    package:")
    return Bad(write(tmp_path, text), [
        expect("proposals[1].package",
               ("does not say which option it takes on 'guarantee'", "explicitly"), line,
               column(text, line, "{"))])


@case
def proposal_unknown_option(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, '{land: split, money: some, guarantee: "yes"}',
                        '{land: halves, money: some, guarantee: "yes"}')
    line = locate(text, "proposals:", "  - id: p1", "    package:")
    return Bad(write(tmp_path, text), [
        expect("proposals[0].package.land", "unknown option 'halves' of issue 'land'", line,
               column(text, line, "halves"))])


@case
def proposal_breaks_rule(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, '{land: all_a, money: none, guarantee: "no"}',
                        '{land: all_a, money: lots, guarantee: "no"}')
    line = locate(text, "proposals:", "  - id: p2", "    package:")
    return Bad(write(tmp_path, text), [
        expect("proposals[1].package", "proposal 'p2' breaks a feasibility rule", line,
               column(text, line, "{"))])


# --------------------------------------------------------- ratification and settings
@case
def ratification_unknown_ratifier(tmp_path: Path) -> Bad:
    text = replace_once(TOY_TEXT, "    ratifier: r\n", "    ratifier: rr\n")
    line = locate(text, "ratification:", "    ratifier: rr")
    return Bad(write(tmp_path, text), [
        expect("ratification[0].ratifier", "unknown party 'rr'", line, column(text, line, "rr"))])


@case
def bargaining_party_unknown(tmp_path: Path) -> Bad:
    text = TOY_TEXT + "analysis:\n  bargaining_parties: [a, zz]\n"
    line = locate(text, "analysis:", "  bargaining_parties:")
    return Bad(write(tmp_path, text), [
        expect("analysis.bargaining_parties[1]", "unknown party 'zz'", line,
               column(text, line, "zz"))])


@case
def no_veto_party(tmp_path: Path) -> Bad:
    doc = toy_doc()
    for party in doc["parties"]:
        party["veto"] = False
    text = dump(doc)
    line = locate(text, "parties:")
    return Bad(write(tmp_path, text), [expect("parties", "no party holds a veto", line, 1)])


@case
def package_space_too_large(tmp_path: Path) -> Bad:
    doc = toy_doc()
    issues = [f"i{k}" for k in range(16)]
    options = [f"o{j}" for j in range(10)]
    doc["issues"] = [{"id": i, "options": [{"id": o} for o in options]} for i in issues]
    doc["preferences"] = {
        party["id"]: {
            "source": "made_up",
            "weights": {i: (1 if i == "i0" else 0) for i in issues},
            "values": {"i0": {o: j / 9 for j, o in enumerate(options)}},
            "reservation": 0,
        }
        for party in doc["parties"]
    }
    for key in ("rules", "ratification", "proposals"):
        del doc[key]
    text = dump(doc)
    line = locate(text, "issues:")
    return Bad(write(tmp_path, text), [
        expect("issues", ("1e+16 packages", "more than the 1e+15"), line, 1)])


# -------------------------------------------------------------------------- the tests
@pytest.mark.parametrize("name", sorted(CASES))
def test_load_scenario_reports_problem(name: str, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    bad = CASES[name](tmp_path)
    for key, value in bad.env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ScenarioError) as info:
        load_scenario(bad.file)
    problems = info.value.problems
    assert problems
    for exp in bad.expect:
        assert_reported(problems, bad.file, exp)
    for problem in problems:
        assert problem.message.strip(), problem
        assert "Traceback" not in problem.message


def where(bad: Bad) -> list[str]:
    """The ``file:line`` prefixes that ``validate`` must print."""
    return [f"{bad.file}:{e.line}:" if e.line is not None else f"{bad.file}: "
            for e in bad.expect]


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_validate_exits_2(name: str, tmp_path: Path) -> None:
    bad = CASES[name](tmp_path)
    result = CliRunner().invoke(app, ["validate", str(bad.file)], env=bad.env)
    output = result.output
    assert result.exit_code == 2, output
    assert "Traceback" not in output
    assert "problem" in output
    for prefix in where(bad):
        assert prefix in output, output


SUBPROCESS_CASES = ["yaml_tab_indentation", "utf16_file", "missing_file", "billion_laughs",
                    "file_over_size_limit", "proposal_unknown_option"]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_python_m_parley_validate_exits_2(name: str, tmp_path: Path) -> None:
    bad = CASES[name](tmp_path)
    env = {**os.environ, **bad.env, "PYTHONIOENCODING": "utf-8"}
    env.pop("PARLEY_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "parley", "validate", str(bad.file)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120, check=False)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    for prefix in where(bad):
        assert prefix in proc.stderr, proc.stderr


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    bad = billion_laughs(tmp_path)
    start = time.perf_counter()
    with pytest.raises(ScenarioError):
        load_scenario(bad.file)
    assert time.perf_counter() - start < 2.0


def test_cases_are_many_and_distinct() -> None:
    assert len(CASES) >= 30


# ----------------------------------------------------------------- several problems
def test_all_independent_problems_reported_together_sorted(tmp_path: Path) -> None:
    text = TOY_TEXT
    # 1. a bad weight in party b (a schema error)
    text = replace_once(text, "{land: 0.6, money: 0.4, guarantee: 0}",
                        "{land: 0.6, money: high, guarantee: 0}")
    # 2. a duplicate issue id (a cross-reference error), appended after the last issue
    text = replace_once(text, '    options: [{id: "no"}, {id: "yes"}]\n',
                        '    options: [{id: "no"}, {id: "yes"}]\n'
                        "  - id: land\n    options: [{id: all_a}, {id: split}, {id: all_b}]\n")
    # 3. an unknown option in a proposal
    text = replace_once(text, '{land: split, money: some, guarantee: "yes"}',
                        '{land: halves, money: some, guarantee: "yes"}')
    # 4. a negative weight in party a
    text = replace_once(text, "{land: 0.5, money: 0.3, guarantee: 0.2}",
                        "{land: 0.5, money: -0.3, guarantee: 0.2}")
    path = write(tmp_path, text)

    weight_b = locate(text, "preferences:", "  b:", "    weights:")
    weight_a = locate(text, "preferences:", "  a:", "    weights:")
    dup = locate(text, "issues:", "  - id: land", "  - id: land")
    prop = locate(text, "proposals:", "  - id: p1", "    package:")
    expected = [
        expect("issues[3].id", "duplicate issue id 'land'", dup, 9),
        expect("preferences.a.weights.money", "must not be negative", weight_a,
               column(text, weight_a, "-0.3")),
        expect("preferences.b.weights.money", "number", weight_b,
               column(text, weight_b, "high")),
        expect("proposals[0].package.land", "unknown option 'halves'", prop,
               column(text, prop, "halves")),
    ]
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problems = info.value.problems
    for exp in expected:
        assert_reported(problems, path, exp)
    positions = [(p.line, p.column or 0) for p in problems]
    assert all(line is not None for line, _ in positions), describe(problems)
    assert positions == sorted(positions), describe(problems)
    # the error message lists them in the same order, one per line
    rendered = str(info.value).splitlines()
    assert rendered == [p.format() for p in problems]
    # party b's preferences failed the schema; that must not add "missing preferences"
    assert not any("missing preferences" in p.message for p in problems), describe(problems)

    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{len(problems)} problems found" in result.output
    offsets = [result.output.index(f"{path}:{e.line}:") for e in expected]
    assert offsets == sorted(offsets)
