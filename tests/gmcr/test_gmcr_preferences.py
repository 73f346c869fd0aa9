"""Preference statements (grammar, scoring, OR-of-ANDs form) and explicit rankings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parley.gmcr.preferences import (
    And,
    Expr,
    Iff,
    Implies,
    Lit,
    Not,
    Or,
    Prioritization,
    Ranking,
    parse_statement,
    to_dnf,
)

CODES = np.arange(16, dtype=np.int64)  # all states of 4 options


def truth(text: str) -> list[int]:
    return [int(c) for c in np.flatnonzero(parse_statement(text).evaluate(CODES))]


def test_literals_are_one_based_and_minus_is_not() -> None:
    assert parse_statement("1") == Lit(0)
    assert parse_statement("-3") == Not(Lit(2))
    assert parse_statement("~3") == parse_statement("NOT 3") == Not(Lit(2))
    assert truth("1") == [c for c in range(16) if c & 1]


def test_and_binds_tighter_than_or() -> None:
    assert parse_statement("1 & -3 | 4") == Or((And((Lit(0), Not(Lit(2)))), Lit(3)))
    assert truth("1 & -3 | 4") == [c for c in range(16) if (c & 1 and not c & 4) or c & 8]
    assert truth("1 & (-3 | 4)") == [c for c in range(16) if c & 1 and (not c & 4 or c & 8)]


def test_if_and_iff() -> None:
    # "2 IF 5"-style: consequent IF antecedent
    assert parse_statement("2 if 4") == Implies(Lit(1), Lit(3))
    assert truth("2 IF 4") == [c for c in range(16) if c & 2 or not c & 8]
    assert parse_statement("2 IFF -4") == Iff(Lit(1), Not(Lit(3)))
    assert truth("2 IFF -4") == [c for c in range(16) if bool(c & 2) == (not c & 8)]


@pytest.mark.parametrize("bad", ["", "0", "1 &", "(1 | 2", "1 2", "x", "5"])
def test_syntax_errors(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_statement(bad, n_options=4)


def test_scores_weigh_statement_k_by_two_to_the_l_minus_k() -> None:
    p = Prioritization.parse(["1", "-2", "3 IF 1"])
    s = p.scores(CODES)
    for c in range(16):
        expected = 4 * (c & 1) + 2 * (not c & 2) + 1 * bool(c & 4 or not c & 1)
        assert s[c] == expected
    ranks = p.ranks(CODES)
    assert ranks.min() == 0
    assert (np.argsort(s, kind="stable") == np.argsort(ranks, kind="stable")).all()


def test_string_form_round_trips() -> None:
    for text in ["1 & -3 | 4", "2 IF 4", "2 IFF -4", "-(1 | 2) & 3", "--1"]:
        e = parse_statement(text)
        assert parse_statement(str(e)) == e


exprs: st.SearchStrategy[Expr] = st.recursive(
    st.builds(Lit, st.integers(0, 3)),
    lambda sub: st.one_of(
        st.builds(Not, sub),
        st.builds(lambda a, b: And((a, b)), sub, sub),
        st.builds(lambda a, b: Or((a, b)), sub, sub),
        st.builds(Implies, sub, sub),
        st.builds(Iff, sub, sub),
    ),
    max_leaves=6,
)


@settings(max_examples=200, deadline=None)
@given(exprs)
def test_dnf_is_equivalent(e: Expr) -> None:
    dnf = to_dnf(e)
    value = np.zeros(16, dtype=bool)
    for conj in dnf:
        ok = np.ones(16, dtype=bool)
        for o, taken in conj:
            ok &= ((CODES >> o) & 1).astype(bool) == taken
        value |= ok
    assert (value == e.evaluate(CODES)).all()
    assert parse_statement(str(e)).evaluate(CODES).tolist() == e.evaluate(CODES).tolist()


def test_ranking_with_ties() -> None:
    r = Ranking(((3,), (1, 4), (2,)))
    assert r.ranks(np.array([0, 1, 2, 3])).tolist() == [1, 0, 2, 1]
    with pytest.raises(ValueError, match="misses"):
        Ranking(((1,), (2,))).ranks(np.array([0, 1, 2]))
    with pytest.raises(ValueError, match="more than once"):
        Ranking(((1,), (1, 2))).ranks(np.array([0, 1]))
    with pytest.raises(ValueError, match=r"states are 1\.\.2"):
        Ranking(((1,), (3,))).ranks(np.array([0, 1]))
