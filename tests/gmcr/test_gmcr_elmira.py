"""The Elmira groundwater conflict, re-entered from the published graph model.

Source: Hipel, Kilgour, Fang & Peng (1997), "The decision support system GMCR in
environmental conflict management", *Applied Mathematics and Computation* 83(2-3), 117-152,
and the same model in Xu, Hipel, Kilgour & Fang (2018), *Conflict Resolution Using the Graph
Model*, Springer (the running example).  In 1989 the Ontario Ministry of the Environment (MoE)
ordered Uniroyal Chemicals (UR) to clean up the carcinogen NDMA found in Elmira's aquifer; UR
appealed; the local governments (LG) backed the original order.

The published model has 9 feasible states:

====  ======  =====  ======  =======  ======
state modify  delay  accept  abandon  insist
====  ======  =====  ======  =======  ======
1     N       Y      N       N        N
2     Y       Y      N       N        N
3     N       N      Y       N        N
4     Y       N      Y       N        N
5     N       Y      N       N        Y
6     Y       Y      N       N        Y
7     N       N      Y       N        Y
8     Y       N      Y       N        Y
9     -       -      -       Y        -
====  ======  =====  ======  =======  ======

MoE controls *modify* (irreversible), UR *delay* / *accept* / *abandon* (it can go from
delaying to accepting and from either to abandoning, never back), LG *insist* (reversible).
Preferences, most preferred first: MoE 7 3 4 8 5 1 2 6 9; UR 1 4 8 5 9 3 7 2 6;
LG 7 3 5 1 8 6 4 2 9.  The status quo is state 1.  Reported results: states 5, 8 and 9 are
equilibria under Nash stability and sequential stability; state 5 (UR delays, LG insists) is
where the conflict was heading, and MoE and UR, who both prefer state 8 to state 5, formed a
coalition and jointly moved there (the modified order accepted by UR).

Option form cannot collapse the abandon states into one, so the test enters state 9 as four
option-form states (modify and insist free once UR abandons) that every decision maker ranks
equally, and maps results back.  A separate brute force over the published 9-state graph
(written here from the move list above) checks that the expansion changes nothing.
"""

from __future__ import annotations

import pytest

from parley.gmcr import (
    Conflict,
    DecisionMaker,
    ExactlyOne,
    Option,
    Ranking,
    analyze_stability,
)
from parley.gmcr.coalitions import coalition_analysis
from parley.gmcr.status_quo import status_quo_analysis

MODIFY, DELAY, ACCEPT, ABANDON, INSIST = range(5)
RANKINGS = {"MoE": (7, 3, 4, 8, 5, 1, 2, 6, 9), "UR": (1, 4, 8, 5, 9, 3, 7, 2, 6),
            "LG": (7, 3, 5, 1, 8, 6, 4, 2, 9)}


def published_state(code: int) -> int:
    """The 1..9 label of an option-form state code."""
    if code >> ABANDON & 1:
        return 9
    return ((1 if code >> DELAY & 1 else 3) + (code >> MODIFY & 1)
            + 4 * (code >> INSIST & 1))


def elmira() -> tuple[Conflict, dict[int, int]]:
    options = (Option("MoE modifies the control order", "fwd"),
               Option("UR delays (appeals)", "back"),
               Option("UR accepts the control order"),
               Option("UR abandons its Elmira operation", "fwd"),
               Option("LG insist on the original order"))
    owners = {"MoE": (MODIFY,), "UR": (DELAY, ACCEPT, ABANDON), "LG": (INSIST,)}
    bare = Conflict(options, tuple(DecisionMaker(n, o) for n, o in owners.items()),
                    (ExactlyOne((DELAY, ACCEPT, ABANDON)),))
    codes = [int(c) for c in bare.feasible_codes()]
    label = {k + 1: published_state(c) for k, c in enumerate(codes)}
    dms = []
    for name, own in owners.items():
        order = RANKINGS[name]
        tiers = tuple(tuple(n for n in label if label[n] == s) for s in order)
        dms.append(DecisionMaker(name, own, Ranking(tiers)))
    return Conflict(options, tuple(dms), bare.restrictions,
                    status_quo=codes[[label[k + 1] for k in range(len(codes))].index(1)]), label


# the published 9-state graph: (from, to) moves per decision maker
MOVES = {
    "MoE": [(1, 2), (3, 4), (5, 6), (7, 8)],
    "UR": [(1, 3), (1, 9), (2, 4), (2, 9), (3, 9), (4, 9), (5, 7), (5, 9), (6, 8), (6, 9),
           (7, 9), (8, 9)],
    "LG": [(1, 5), (5, 1), (2, 6), (6, 2), (3, 7), (7, 3), (4, 8), (8, 4)],
}


def graph_form_equilibria() -> dict[str, set[int]]:
    """Nash, GMR, SMR and SEQ equilibria of the published 9-state graph, by brute force."""
    dms = list(MOVES)
    pay = {d: {s: 9 - RANKINGS[d].index(s) for s in range(1, 10)} for d in dms}

    def moves(d: str, s: int) -> set[int]:
        return {b for a, b in MOVES[d] if a == s}

    def better(d: str, s: int) -> set[int]:
        return {t for t in moves(d, s) if pay[d][t] > pay[d][s]}

    def reach(group: list[str], s: int, improving: bool) -> set[int]:
        step = better if improving else moves
        seen, todo, out = set(), [(s, "")], set()
        while todo:
            state, last = todo.pop()
            for d in group:
                if d != last:
                    for t in step(d, state):
                        if (t, d) not in seen:
                            seen.add((t, d))
                            out.add(t)
                            todo.append((t, d))
        return out

    stable: dict[str, list[set[int]]] = {c: [] for c in ("nash", "gmr", "smr", "seq")}
    for d in dms:
        others = [o for o in dms if o != d]
        p = pay[d]
        states = range(1, 10)
        stable["nash"].append({s for s in states if not better(d, s)})
        stable["gmr"].append({s for s in states if all(
            any(p[x] <= p[s] for x in reach(others, s1, False)) for s1 in better(d, s))})
        stable["smr"].append({s for s in states if all(
            any(p[x] <= p[s] and all(p[y] <= p[s] for y in moves(d, x))
                for x in reach(others, s1, False)) for s1 in better(d, s))})
        stable["seq"].append({s for s in states if all(
            any(p[x] <= p[s] for x in reach(others, s1, True)) for s1 in better(d, s))})
    return {c: set.intersection(*v) for c, v in stable.items()}


@pytest.mark.parametrize("variant", ["standard", "gmcr_plus"])
def test_published_equilibria(variant: str) -> None:
    conflict, label = elmira()
    assert len(label) == 12  # 8 published states + 4 option-form abandon states
    res = analyze_stability(conflict, variant=variant)  # type: ignore[arg-type]
    found = {c: {label[n] for n in res.equilibria[c]} for c in res.equilibria}
    assert found["nash"] == {5, 8, 9}
    assert found["seq"] == {5, 8, 9}
    assert {5, 8, 9} <= found["gmr"] and {5, 8, 9} <= found["smr"]
    # the option-form expansion gives exactly the published graph's results
    assert found == graph_form_equilibria()
    # every abandon state is an equilibrium together with the others (they are tied)
    nines = [n for n in label if label[n] == 9]
    assert set(nines) <= set(res.equilibria["nash"])


def test_status_quo_leads_to_state_5_when_lg_insists() -> None:
    conflict, label = elmira()
    five = next(n for n in label if label[n] == 5)
    sq = status_quo_analysis(conflict, targets=[five])
    [path] = [p for p in sq.improvement_paths if p.target == five]
    assert [label[s] for s in path.states] == [1, 5] and path.movers == ("LG",)


def test_moe_and_uniroyal_can_jointly_improve_from_5_to_8() -> None:
    conflict, label = elmira()
    five = next(n for n in label if label[n] == 5)
    res = coalition_analysis(conflict, coalitions=[(0, 1)], states=[five])
    assert {label[s] for s in res.improvements[five][0]} == {8}
    assert not res.stable(five)


def test_the_shipped_example_files_are_this_model() -> None:
    from pathlib import Path

    from parley.gmcr.gmcr_plus import read_gmcr
    from parley.gmcr.scenario import load_gmcr_yaml

    examples = Path(__file__).resolve().parents[2] / "examples"
    def summary(conflict: Conflict) -> tuple:
        doc = analyze_stability(conflict).to_dict()  # decision makers by position, not name
        return doc["states"], doc["equilibria"], list(doc["stable"].values())

    expected = summary(elmira()[0])
    yaml_model = load_gmcr_yaml(examples / "elmira.yaml")
    assert summary(yaml_model) == expected
    assert summary(read_gmcr(examples / "elmira.gmcr")) == expected
    assert yaml_model.status_quo == 2  # delay only: published state 1
