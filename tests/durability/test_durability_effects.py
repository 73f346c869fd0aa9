"""Provision effects: numbers only where the evidence's verification allows one."""

from __future__ import annotations

import math

import pytest

from parley.durability.data import evidence_file
from parley.durability.effects import CONTESTED_FINDINGS, catalogue, numeric_allowed


@pytest.mark.parametrize(("verification", "allowed"), [
    ("derived_replication", True),
    ("verified_table", True),
    ("verified_text (direction only); number not_extracted", False),
    ("verified_text (direction)", False),
    ("secondary_quote", False),
    ("secondary_quote (number); verified_text (direction)", False),
    ("not_extracted; inclusion unverified", False),
    ("verified_text", False),
])
def test_numeric_allowed(verification: str, allowed: bool) -> None:
    assert numeric_allowed(verification) is allowed


def test_only_peacekeeping_has_a_number() -> None:
    effects = catalogue()
    numeric = {name for name, e in effects.items() if e.numeric}
    assert numeric == {"peacekeepers"}
    pk = effects["peacekeepers"]
    assert pk.hazard_ratio == pytest.approx(0.43, abs=0.005)
    low, high = pk.ci95 or (0.0, 0.0)
    assert low == pytest.approx(0.21, abs=0.005)
    assert high == pytest.approx(0.87, abs=0.005)
    assert pk.evidence_class == "civil_war"
    for e in effects.values():
        if not e.numeric:
            assert e.hazard_ratio == 1.0 and e.ci95 is None and e.evidence_class is None


def test_every_number_used_comes_from_an_allowed_entry() -> None:
    entries = evidence_file()["entries"]
    for effect in catalogue().values():
        for ev in effect.evidence:
            assert ev.key in entries
            assert ev.verification == entries[ev.key]["verification"]
        if effect.numeric:
            assert any(numeric_allowed(ev.verification) and ev.evidence == effect.evidence_class
                       for ev in effect.evidence)
    pk = entries["derived_fortna_civil_pk_dum"]
    assert pk["verification"] == "derived_replication"
    assert math.exp(evidence_file()["derived_cox_coefficients"]["estimates"]["pk_dum"]["coef"]) \
        == pytest.approx(pk["estimate"], abs=0.001)


def test_direction_only_entries_stay_direction_only() -> None:
    """Entries read from abstracts or secondary quotes never supply the number used."""
    for effect in catalogue().values():
        for ev in effect.evidence:
            if not numeric_allowed(ev.verification):
                assert ev.evidence in ("interstate", "civil_war")
    assert catalogue()["demilitarized_zone"].classes == ("interstate",)
    assert catalogue()["peacekeepers"].classes == ("interstate", "civil_war")


def test_contested_findings_are_carried() -> None:
    cf = catalogue()["ceasefire_only"]
    assert cf.contested and not cf.numeric
    assert any(ev.contested and "Lo, Hashimoto & Reiter" in ev.finding for ev in cf.evidence)
    assert any("Lo, Hashimoto & Reiter" in text and "almost no effect" in text
               for text in CONTESTED_FINDINGS)
    doc = cf.to_dict()
    assert doc["contested"] is True and doc["hazard_ratio"] is None
