"""The fast GMCR engines against the brute-force reference, and the solution-concept contract."""

from __future__ import annotations

import numpy as np
import pytest
from gmcr_bruteforce import conflicts, random_conflict, reference_for
from hypothesis import HealthCheck, given, settings

from parley.gmcr import (
    CONCEPTS,
    Conflict,
    DecisionMaker,
    InfeasiblePattern,
    Option,
    Ranking,
    analyze_stability,
    unilateral_improvements,
    unilateral_moves,
)
from parley.gmcr.moves import GroupKernel, make_kernel, move_graph

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(conflicts())
def test_moves_match_reference(conflict: Conflict) -> None:
    ref = reference_for(conflict)
    codes = conflict.feasible_codes()
    assert codes.tolist() == ref.states
    for dm in range(len(conflict.decision_makers)):
        g = unilateral_moves(conflict, dm)
        ui = unilateral_improvements(conflict, dm)
        for k, s in enumerate(ref.states):
            assert {ref.states[t] for t in g.targets(k)} == ref.moves(dm, s)
            assert {ref.states[t] for t in ui.targets(k)} == ref.improvements(dm, s)


@SETTINGS
@given(conflicts(max_options=8))
def test_stability_matches_reference(conflict: Conflict) -> None:
    ref = reference_for(conflict)
    result = analyze_stability(conflict)
    for i, dm in enumerate(conflict.decision_makers):
        for concept in CONCEPTS:
            assert result.stable[dm.name][concept] == ref.stable_numbers(i, concept), concept


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(conflicts(max_options=6))
def test_gmcr_plus_variant_matches_reference(conflict: Conflict) -> None:
    ref = reference_for(conflict)
    result = analyze_stability(conflict, variant="gmcr_plus")
    for i, dm in enumerate(conflict.decision_makers):
        for concept in CONCEPTS:
            assert result.stable[dm.name][concept] == ref.stable_numbers(i, concept, once=True)


def test_group_and_csr_kernels_agree() -> None:
    rng = np.random.default_rng(7)
    codes = np.sort(rng.choice(1 << 8, size=150, replace=False)).astype(np.int64)
    ranks = rng.integers(0, 20, size=len(codes)).astype(np.int64)
    values = rng.integers(-50, 50, size=len(codes)).astype(np.int64)
    mask = 0b00111000
    group = GroupKernel(codes, mask, ranks)
    csr = make_kernel(codes, mask, fwd_mask=1 << 8, back_mask=0, ranks=ranks)  # no own irrev.
    assert isinstance(csr, GroupKernel)
    g = move_graph(codes, mask)
    assert np.array_equal(group.min_moves(values), g.min_over(values))
    imp = g.keep(ranks[g.indices] > ranks[g.sources()])
    assert np.array_equal(group.min_improvements(values), imp.min_over(values))


# --------------------------------------------------------------------------------------------
# The contract every solution concept must honour (Axelrod's TestPlayer idea).
# --------------------------------------------------------------------------------------------

CASES = [random_conflict(np.random.default_rng(seed), n_dms, per_dm)
         for seed, (n_dms, per_dm) in enumerate([(2, 2), (3, 2), (4, 1), (3, 3), (2, 3), (4, 2)])]


def _permuted(conflict: Conflict, perm: list[int]) -> tuple[Conflict, dict[int, int]]:
    """Relabel options (bit k becomes bit perm[k]) and reverse the DM order.

    Returns the relabelled conflict and the map old code -> new code.
    """
    n = len(conflict.options)

    def recode(code: int) -> int:
        return sum(1 << perm[k] for k in range(n) if code >> k & 1)

    old_codes = conflict.feasible_codes().tolist()
    new_of = {c: recode(c) for c in old_codes}
    new_sorted = sorted(new_of.values())
    number_new = {c: i + 1 for i, c in enumerate(new_sorted)}
    options = [Option("")] * n
    for k, opt in enumerate(conflict.options):
        options[perm[k]] = opt
    dms = []
    for dm in reversed(conflict.decision_makers):
        assert isinstance(dm.preferences, Ranking)
        tiers = tuple(tuple(sorted(number_new[new_of[old_codes[s - 1]]] for s in tier))
                      for tier in dm.preferences.tiers)
        dms.append(DecisionMaker(dm.name, tuple(perm[o] for o in dm.options), Ranking(tiers)))
    restrictions = []
    for r in conflict.restrictions:
        assert isinstance(r, InfeasiblePattern)
        restrictions.append(InfeasiblePattern(tuple((perm[o], t) for o, t in r.conditions)))
    relabelled = Conflict(tuple(options), tuple(dms), tuple(restrictions))
    return relabelled, new_of


class SolutionConceptContract:
    """Properties every GMCR solution concept must have; subclasses set ``concept``."""

    concept: str = ""
    #: concepts whose stable sets always contain this concept's stable set
    contained_in: tuple[str, ...] = ()

    @pytest.mark.parametrize("case", range(len(CASES)))
    def test_equilibria_are_stable_for_everyone(self, case: int) -> None:
        res = analyze_stability(CASES[case])
        for dm in res.dm_names:
            assert set(res.equilibria[self.concept]) <= set(res.stable[dm][self.concept])
        common = set.intersection(*(set(res.stable[dm][self.concept]) for dm in res.dm_names))
        assert set(res.equilibria[self.concept]) == common

    @pytest.mark.parametrize("case", range(len(CASES)))
    def test_nash_stable_implies_stable(self, case: int) -> None:
        res = analyze_stability(CASES[case])
        for dm in res.dm_names:
            assert set(res.stable[dm]["nash"]) <= set(res.stable[dm][self.concept])

    @pytest.mark.parametrize("case", range(len(CASES)))
    def test_known_inclusions(self, case: int) -> None:
        res = analyze_stability(CASES[case])
        for dm in res.dm_names:
            for wider in self.contained_in:
                assert set(res.stable[dm][self.concept]) <= set(res.stable[dm][wider])

    @pytest.mark.parametrize("case", range(len(CASES)))
    def test_no_improvement_means_stable(self, case: int) -> None:
        conflict = CASES[case]
        res = analyze_stability(conflict)
        for i, dm in enumerate(conflict.decision_makers):
            ui = unilateral_improvements(conflict, i)
            idle = {k + 1 for k in np.flatnonzero(ui.degrees() == 0)}
            assert idle <= set(res.stable[dm.name][self.concept])

    @pytest.mark.parametrize("case", range(len(CASES)))
    def test_gmcr_plus_variant_never_finds_more(self, case: int) -> None:
        std = analyze_stability(CASES[case])
        plus = analyze_stability(CASES[case], variant="gmcr_plus")
        for dm in std.dm_names:
            assert set(plus.stable[dm][self.concept]) <= set(std.stable[dm][self.concept])

    @pytest.mark.parametrize("case", range(len(CASES)))
    def test_invariant_to_relabelling(self, case: int) -> None:
        conflict = CASES[case]
        rng = np.random.default_rng(100 + case)
        perm = [int(x) for x in rng.permutation(len(conflict.options))]
        relabelled, new_of = _permuted(conflict, perm)
        a = analyze_stability(conflict)
        b = analyze_stability(relabelled)
        for dm in a.dm_names:
            mapped = {new_of[a.codes[k - 1]] for k in a.stable[dm][self.concept]}
            assert mapped == {b.codes[k - 1] for k in b.stable[dm][self.concept]}

    @pytest.mark.parametrize("case", range(len(CASES)))
    def test_to_dict_contract(self, case: int) -> None:
        doc = analyze_stability(CASES[case]).to_dict()
        assert [s["number"] for s in doc["states"]] == list(range(1, len(doc["states"]) + 1))
        codes = [s["code"] for s in doc["states"]]
        assert codes == sorted(codes)
        eq = doc["equilibria"][self.concept]
        assert eq == sorted(eq)
        for per_dm in doc["stable"].values():
            assert per_dm[self.concept] == sorted(per_dm[self.concept])


class TestNash(SolutionConceptContract):
    concept = "nash"
    contained_in = ("gmr", "smr", "seq")


class TestGMR(SolutionConceptContract):
    concept = "gmr"


class TestSMR(SolutionConceptContract):
    concept = "smr"
    contained_in = ("gmr",)


class TestSEQ(SolutionConceptContract):
    concept = "seq"
    contained_in = ("gmr",)


def test_single_decision_maker_has_no_sanctions() -> None:
    # with no opponents every concept reduces to Nash stability
    c = Conflict((Option("a"), Option("b")), (DecisionMaker("solo", (0, 1), Ranking(
        ((4,), (1, 2), (3,)))),))
    res = analyze_stability(c)
    for concept in CONCEPTS:
        assert res.stable["solo"][concept] == (4,)


def test_grouped_path_matches_explicit_moves_on_a_larger_conflict(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 3 DMs x 3 options with prioritised preferences: 512 states, grouped kernels by default
    import parley.gmcr.stability as stability
    from parley.gmcr import Prioritization
    from parley.gmcr.moves import CsrKernel

    rng = np.random.default_rng(11)
    dms = tuple(DecisionMaker(f"dm{i}", (3 * i, 3 * i + 1, 3 * i + 2), Prioritization.parse(
        [f"{'-' if rng.random() < 0.5 else ''}{int(rng.integers(1, 10))} & "
         f"{int(rng.integers(1, 10))} | {int(rng.integers(1, 10))}" for _ in range(5)], 9))
        for i in range(3))
    conflict = Conflict(tuple(Option(f"o{k}") for k in range(9)), dms,
                        (InfeasiblePattern(((0, True), (4, True))),))
    fast = analyze_stability(conflict).to_dict()

    def explicit(codes, mover_mask, fwd_mask, back_mask, ranks):  # type: ignore[no-untyped-def]
        return CsrKernel(move_graph(codes, mover_mask, fwd_mask, back_mask), ranks)

    monkeypatch.setattr(stability, "make_kernel", explicit)
    assert analyze_stability(conflict).to_dict() == fast


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(conflicts(max_dms=5, max_options=6))
def test_five_decision_makers_match_reference(conflict: Conflict) -> None:
    ref = reference_for(conflict)
    for variant, once in (("standard", False), ("gmcr_plus", True)):
        result = analyze_stability(conflict, variant=variant)  # type: ignore[arg-type]
        for i, dm in enumerate(conflict.decision_makers):
            for concept in CONCEPTS:
                assert result.stable[dm.name][concept] == ref.stable_numbers(i, concept, once)
