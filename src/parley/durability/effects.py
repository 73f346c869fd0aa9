"""Provision effects on the hazard of renewed war, and the evidence behind each.

Each covariate of the durability model (peacekeepers present, a demilitarised zone, a
ceasefire without a settlement, ...) carries the evidence found for it, and each piece
of evidence has an *evidence class*:

- ``interstate``: from studies of wars between states (the population the baseline
  is fitted on);
- ``civil_war``: from studies of civil wars, a different population;
- ``judgment``: a number the scenario author supplies (see the scenario's
  ``durability.effects``), not a published estimate.

A hazard ratio enters the numbers only when an entry's ``verification`` allows it
(:func:`numeric_allowed`): a value read from a published table, or our own
re-estimation from public replication data. Directions read from abstracts, secondary
quotations and values never extracted stay qualitative: they are reported, but the
hazard ratio used is 1. The evidence extract is ``data/durability/effects.json``.

Of the built-in covariates only ``peacekeepers`` has a number: hazard ratio 0.43
(95% CI 0.21–0.87) re-estimated from Fortna's civil-war cease-fire data (Fortna 2008,
*Does Peacekeeping Work?*), which agrees with the 50–75% risk reduction quoted from
her work. It is civil-war evidence applied to an interstate baseline, and is labelled
so wherever it is used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from parley.durability.data import evidence_file

EvidenceClass = Literal["interstate", "civil_war", "judgment"]
Direction = Literal["reduces", "raises", "none"]

#: Two-sided 95% normal quantile.
Z95 = 1.959963984540054

#: Verification labels under which an entry's number may be used as a hazard ratio.
NUMERIC_VERIFICATIONS = ("verified_table", "derived_replication")


def numeric_allowed(verification: str) -> bool:
    """Whether an evidence entry's number may enter the model.

    Only a value read from a published table (``verified_table``) or re-estimated from
    public replication data (``derived_replication``) qualifies. A direction read from an
    abstract (``verified_text (direction)``), a ``secondary_quote`` or anything marked
    ``not_extracted`` does not.
    """
    v = verification.strip().lower()
    if "not_extracted" in v:
        return False
    return any(v.startswith(ok) for ok in NUMERIC_VERIFICATIONS)


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence about a covariate.

    Attributes
    ----------
    key:
        Key of the entry in the bundled ``effects.json``.
    evidence:
        Its evidence class.
    citation:
        The study it comes from.
    verification:
        How the entry was verified (copied from the extract).
    finding:
        What it says, in one line.
    contested:
        Whether this finding contradicts the others for the same covariate.
    """

    key: str
    evidence: EvidenceClass
    citation: str
    verification: str
    finding: str
    contested: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"entry": self.key, "evidence": self.evidence, "citation": self.citation,
                "verification": self.verification, "finding": self.finding,
                "contested": self.contested}


@dataclass(frozen=True)
class Effect:
    """A covariate of the hazard model and what is known about it.

    Attributes
    ----------
    covariate:
        Its name, as used in a scenario's ``durability.mappings``.
    label:
        A short description.
    direction:
        Published direction of the effect on the hazard of renewed war.
    log_hr, log_se:
        Log hazard ratio and its standard error when a number is used, else ``None``
        (the model then uses hazard ratio 1).
    evidence_class:
        Class of the number used (``None`` for a direction-only effect).
    contested:
        Whether published findings disagree.
    evidence:
        Everything found, numeric or not.
    note:
        Why a number is or is not used.
    """

    covariate: str
    label: str
    direction: Direction
    log_hr: float | None
    log_se: float | None
    evidence_class: EvidenceClass | None
    contested: bool
    evidence: tuple[Evidence, ...]
    note: str

    @property
    def numeric(self) -> bool:
        """Whether the effect changes the numbers (it has a hazard ratio)."""
        return self.log_hr is not None

    @property
    def hazard_ratio(self) -> float:
        """The hazard ratio used (1 for a direction-only effect)."""
        return 1.0 if self.log_hr is None else math.exp(self.log_hr)

    @property
    def ci95(self) -> tuple[float, float] | None:
        """95% interval of the hazard ratio, from the log-scale standard error."""
        if self.log_hr is None:
            return None
        se = self.log_se or 0.0
        return (math.exp(self.log_hr - Z95 * se), math.exp(self.log_hr + Z95 * se))

    @property
    def classes(self) -> tuple[EvidenceClass, ...]:
        """Evidence classes of everything found, in a stable order, without repeats."""
        order: tuple[EvidenceClass, ...] = ("interstate", "civil_war", "judgment")
        found = {e.evidence for e in self.evidence}
        return tuple(c for c in order if c in found)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        ci = self.ci95
        return {
            "covariate": self.covariate, "label": self.label, "direction": self.direction,
            "numeric": self.numeric,
            "hazard_ratio": self.hazard_ratio if self.numeric else None,
            "ci95": list(ci) if ci is not None else None,
            "evidence_class": self.evidence_class, "evidence_classes": list(self.classes),
            "contested": self.contested, "note": self.note,
            "evidence": [e.to_dict() for e in self.evidence],
        }


def _entry(key: str) -> dict[str, Any]:
    entries: dict[str, Any] = evidence_file()["entries"]
    if key not in entries:
        raise KeyError(f"no evidence entry {key!r} in the bundled effects.json")
    return dict(entries[key])


def _evidence(key: str, evidence: EvidenceClass, finding: str,
              contested: bool = False) -> Evidence:
    entry = _entry(key)
    return Evidence(key, evidence, str(entry["source"]), str(entry["verification"]), finding,
                    contested)


def _derived_coefficient(entry_key: str, variable: str) -> tuple[float, float]:
    """Log hazard ratio and SE of a derived Cox estimate, gated on its verification."""
    entry = _entry(entry_key)
    if not numeric_allowed(str(entry["verification"])):
        raise ValueError(f"entry {entry_key!r} is {entry['verification']!r}: "
                         "its number may not be used")
    est = evidence_file()["derived_cox_coefficients"]["estimates"][variable]
    coef, se = float(est["coef"]), float(est["se"])
    # the extract's hazard ratio and the coefficient must describe the same estimate
    if abs(math.exp(coef) - float(entry["estimate"])) > 0.01:
        raise ValueError(f"entry {entry_key!r}: hazard ratio and coefficient disagree")
    return coef, se


@cache
def catalogue() -> dict[str, Effect]:
    """The built-in covariates and their evidence (see the module docstring).

    Returns
    -------
    dict
        Covariate name to :class:`Effect`. Only ``peacekeepers`` has a numeric hazard
        ratio; the others are directions without a number.
    """
    pk_coef, pk_se = _derived_coefficient("derived_fortna_civil_pk_dum", "pk_dum")
    fortna_io = "Fortna 2003 (interstate cease-fires 1946–1997, abstract)"
    return {
        "peacekeepers": Effect(
            "peacekeepers", "Peacekeepers or international monitors present",
            "reduces", pk_coef, pk_se, "civil_war", False,
            (
                _evidence("fortna2003_peacekeeping", "interstate",
                          f"{fortna_io}: peacekeeping reduces the hazard (no number read)"),
                _evidence("fortna2004isq_peacekeeping_civil", "civil_war",
                          "Fortna 2004 (civil wars, abstract): peacekeeping makes an "
                          "important contribution to the stability of peace"),
                _evidence("pksoi_peacekeeping_civil", "civil_war",
                          "Secondary quotation of Fortna 2008: peacekeepers reduce the risk "
                          "of renewed fighting by 50–75% (hazard ratio 0.25–0.5)"),
                _evidence("derived_fortna_civil_pk_dum", "civil_war",
                          "Re-estimated from Fortna's civil-war cease-fires 1989–1999 (Cox, "
                          "14 covariates): hazard ratio 0.43, 95% CI 0.21–0.87 (used)"),
                _evidence("derived_fortna_civil_pk_dum_no_controls", "civil_war",
                          "Same data without controls: hazard ratio 0.60; peacekeepers go to "
                          "harder cases, so the raw contrast understates the effect"),
            ),
            "The only provision with a usable number. It is civil-war evidence: no "
            "interstate hazard ratio was extracted. Fortna's peacekeeping variable counts "
            "monitoring missions (unarmed observers) as well as armed forces.",
        ),
        "demilitarized_zone": Effect(
            "demilitarized_zone", "Demilitarised zone between the forces", "reduces",
            None, None, None, False,
            (_evidence("fortna2003_dmz", "interstate",
                       f"{fortna_io}: demilitarised zones reduce the hazard"),),
            "Direction only: the hazard ratio in Fortna's tables was not extracted.",
        ),
        "third_party_guarantee": Effect(
            "third_party_guarantee", "Explicit third-party guarantee", "reduces",
            None, None, None, False,
            (_evidence("fortna2003_guarantee", "interstate",
                       f"{fortna_io}: explicit third-party guarantees reduce the hazard"),),
            "Direction only: the hazard ratio in Fortna's tables was not extracted.",
        ),
        "joint_commission": Effect(
            "joint_commission", "Joint commission for resolving disputes", "reduces",
            None, None, None, False,
            (_evidence("fortna2003_joint_commission", "interstate",
                       f"{fortna_io}: joint commissions reduce the hazard"),),
            "Direction only: the hazard ratio in Fortna's tables was not extracted.",
        ),
        "ceasefire_only": Effect(
            "ceasefire_only",
            "Ceasefire or armistice only (no settlement of the political questions)",
            "raises", None, None, None, True,
            (
                _evidence("fortna2003_agreement_strength", "interstate",
                          f"{fortna_io}: stronger agreements make peace last longer"),
                _evidence("lo_hashimoto_reiter2008_agreement_strength", "interstate",
                          "Lo, Hashimoto & Reiter 2008 (interstate cease-fires 1914–2001): "
                          "agreement strength has almost no effect on how long peace lasts",
                          contested=True),
                _evidence("pksoi_treaty_civil", "civil_war",
                          "Secondary quotation (civil wars): a peace agreement cuts the risk "
                          "by about 60% against a cease-fire or truce"),
                _evidence("derived_fortna_civil_treaty", "civil_war",
                          "Re-estimated from Fortna's civil-war data: treaty hazard ratio "
                          "0.27 (not used)"),
            ),
            "Contested: the interstate evidence disagrees (Fortna 2003 vs Lo, Hashimoto & "
            "Reiter 2008), so the civil-war treaty contrast is not transferred and no "
            "number is used.",
        ),
        "third_party_pressure": Effect(
            "third_party_pressure",
            "Ceasefire pressed on the belligerents by outside powers", "raises",
            None, None, None, True,
            (
                _evidence("werner_yuen2005_third_party_pressure", "interstate",
                          "Werner & Yuen 2005 (interstate cease-fires): cease-fires produced "
                          "by third-party pressure are significantly more likely to fail",
                          contested=True),
                _evidence("pechenkina2020_third_party_pressure", "interstate",
                          "Pechenkina 2020: more costly outside pressure is expected to "
                          "shorten peace (abstract only)"),
            ),
            "Direction only, and it cuts against the selection argument behind the other "
            "effects (Fortna: hard cases get the strongest provisions).",
        ),
    }


#: Findings that disagree with the rest and must travel with every result.
CONTESTED_FINDINGS: tuple[str, ...] = (
    "Lo, Hashimoto & Reiter (2008), on interstate cease-fires 1914–2001, find that the "
    "strength of the cease-fire agreement has almost no effect on how long peace lasts, "
    "against Fortna (2003). parley therefore puts no number on agreement strength "
    "(covariate `ceasefire_only`).",
    "Werner & Yuen (2005) find that cease-fires pressed on the belligerents by third "
    "parties fail more often, and that getting the terms right matters more than "
    "enforcement; Fortna argues that strong provisions go to harder cases, which hides "
    "their effect. Both cannot be fully right.",
)
