"""Status quo analysis against a brute-force breadth-first search and on textbook games."""

from __future__ import annotations

from collections import deque

import pytest
from gmcr_bruteforce import Reference, conflicts, reference_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_gmcr_textbook import CHICKEN, PRISONERS

from parley.gmcr import Conflict
from parley.gmcr.status_quo import Path, status_quo_analysis


def bf_lengths(ref: Reference, start: int, improving: bool) -> dict[int, int]:
    """Fewest moves from code ``start`` to every reachable code, no mover twice in a row."""
    step = ref.improvements if improving else ref.moves
    best = {start: 0}
    seen = {(start, -1)}
    queue = deque([(start, -1, 0)])
    while queue:
        s, last, d = queue.popleft()
        for j in range(ref.n_dms):
            if j == last:
                continue
            for t in step(j, s):
                if (t, j) not in seen:
                    seen.add((t, j))
                    best.setdefault(t, d + 1)
                    queue.append((t, j, d + 1))
    return best


def check_path(ref: Reference, path: Path, start: int, improving: bool) -> None:
    names = [dm.name for dm in ref.conflict.decision_makers]
    codes = [ref.states[s - 1] for s in path.states]
    assert codes[0] == start
    for a, b, who, before in zip(codes, codes[1:], path.movers, (None, *path.movers),
                                 strict=False):
        assert who != before
        j = names.index(who)
        assert b in (ref.improvements(j, a) if improving else ref.moves(j, a))


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(conflicts(), st.data())
def test_paths_are_legal_and_shortest(conflict: Conflict, data: st.DataObject) -> None:
    ref = reference_for(conflict)
    n = len(ref.states)
    sq = data.draw(st.integers(1, n))
    targets = data.draw(st.lists(st.integers(1, n), min_size=1, max_size=n, unique=True))
    res = status_quo_analysis(conflict, sq, targets)
    assert res.targets == tuple(sorted(targets))
    for improving, paths in ((True, res.improvement_paths), (False, res.move_paths)):
        best = bf_lengths(ref, ref.states[sq - 1], improving)
        assert {p.target for p in paths} == {t for t in targets if ref.states[t - 1] in best}
        for p in paths:
            assert p.length == best[ref.states[p.target - 1]]
            check_path(ref, p, ref.states[sq - 1], improving)
        assert [p.length for p in paths] == sorted(p.length for p in paths)
        doc = res.to_dict()["improvements" if improving else "moves"]
        assert sorted(doc["unreachable"] + [p["target"] for p in doc["paths"]]) == \
            sorted(targets)


def test_prisoners_dilemma_from_cooperation() -> None:
    # from mutual cooperation (1) defection is an improvement for either prisoner; the other
    # then defects too: two improvements reach the Nash equilibrium, mutual defection (4).
    # Of the two equally short paths, the one whose last mover comes first (A) is reported.
    res = status_quo_analysis(PRISONERS, status_quo=1)
    assert res.targets == (1, 4)
    assert [p.states for p in res.improvement_paths] == [(1,), (1, 3, 4)]
    assert res.improvement_paths[1].movers == ("B", "A")
    # from mutual defection no improvement leads back to cooperation; moves do
    back = status_quo_analysis(PRISONERS, status_quo=4)
    assert [p.target for p in back.improvement_paths] == [4]
    assert [(p.states, p.movers) for p in back.move_paths] == [((4,), ()),
                                                              ((4, 2, 1), ("B", "A"))]
    assert back.to_dict()["improvements"]["unreachable"] == [1]


def test_chicken_from_the_crash() -> None:
    # from the crash (4) either driver swerving is an improvement: one move to an equilibrium.
    # Mutual swerving (1) is then no improvement for the other driver, so it is reachable by
    # moves only.
    res = status_quo_analysis(CHICKEN, status_quo=4)
    assert [(p.states, p.movers) for p in res.improvement_paths] == [
        ((4, 2), ("B",)), ((4, 3), ("A",))]
    assert res.move_paths[-1].states == (4, 2, 1)
    assert res.to_dict()["improvements"]["unreachable"] == [1]


def test_status_quo_needed() -> None:
    with pytest.raises(ValueError, match="status quo"):
        status_quo_analysis(PRISONERS)
    with pytest.raises(ValueError, match="does not exist"):
        status_quo_analysis(PRISONERS, 9)
