"""Textbook conflicts with known stability results.

Prisoner's Dilemma and Chicken are entered as 2 x 2 games in option form: each decision maker
controls one option, "do not cooperate" (PD: defect; Chicken: drive straight on).  State codes:
0 = both cooperate, 1 = only A defects, 2 = only B defects, 3 = both defect; state numbers are
codes + 1.  The expected stable sets follow from the definitions in Fang, Hipel & Kilgour (1993,
ch. 3) and were derived by hand below; they agree with the standard account that mutual
cooperation in the Prisoner's Dilemma is sustained by the threat of mutual defection (GMR, SMR,
SEQ) while it is not a Nash equilibrium, and that in Chicken mutual restraint is GMR/SMR but not
SEQ stable, because carrying out the threat hurts the sanctioner too.

The Elmira groundwater conflict is in test_gmcr_elmira.py.  Not included, and why: the Cuban
missile crisis and the Garrison Diversion Unit conflict (Fraser & Hipel 1984) need the published
preference vectors and stable outcomes, which could not be retrieved here (the search corpora
hold the papers' abstracts, not their tables), so they are left out rather than guessed.
"""

from __future__ import annotations

import pytest

from parley.gmcr import (
    Conflict,
    DecisionMaker,
    Option,
    Prioritization,
    Ranking,
    analyze_stability,
)


def two_by_two(ranking_a: tuple[int, ...], ranking_b: tuple[int, ...]) -> Conflict:
    """A 2x2 game; rankings list state numbers from most to least preferred."""
    return Conflict(
        (Option("A does not cooperate"), Option("B does not cooperate")),
        (DecisionMaker("A", (0,), Ranking(tuple((s,) for s in ranking_a))),
         DecisionMaker("B", (1,), Ranking(tuple((s,) for s in ranking_b)))),
    )


# A: A defects alone (2) > both cooperate (1) > both defect (4) > A cooperates alone (3)
PRISONERS = two_by_two((2, 1, 4, 3), (3, 1, 4, 2))
# A: A goes straight alone (2) > both swerve (1) > A swerves alone (3) > crash (4)
CHICKEN = two_by_two((2, 1, 3, 4), (3, 1, 2, 4))


@pytest.mark.parametrize("variant", ["standard", "gmcr_plus"])
def test_prisoners_dilemma(variant: str) -> None:
    res = analyze_stability(PRISONERS, variant=variant)  # type: ignore[arg-type]
    assert res.equilibria == {"nash": (4,), "gmr": (1, 4), "smr": (1, 4), "seq": (1, 4)}
    # A's only improvement from mutual cooperation is defecting; B's defection sanctions it
    assert res.stable["A"]["nash"] == (2, 4)
    assert res.stable["A"]["gmr"] == (1, 2, 4)


@pytest.mark.parametrize("variant", ["standard", "gmcr_plus"])
def test_chicken(variant: str) -> None:
    res = analyze_stability(CHICKEN, variant=variant)  # type: ignore[arg-type]
    # one driver swerves: Nash.  Both swerve: sanctioned by a crash (GMR), A cannot escape the
    # crash to anything better than mutual swerving (SMR), but B would not crash voluntarily
    # because it is B's worst outcome (not SEQ).
    assert res.equilibria == {"nash": (2, 3), "gmr": (1, 2, 3), "smr": (1, 2, 3),
                              "seq": (2, 3)}


def test_prioritisation_gives_the_same_prisoners_dilemma() -> None:
    # A: above all B cooperates (-2), then A defects (1): scores 2, 3, 0, 1 for states 1..4
    pa = Prioritization.parse(["-2", "1"])
    pb = Prioritization.parse(["-1", "2"])
    c = Conflict(PRISONERS.options, (DecisionMaker("A", (0,), pa), DecisionMaker("B", (1,), pb)))
    assert analyze_stability(c).to_dict() == analyze_stability(PRISONERS).to_dict()
