"""The bundled durability data: interstate war recurrence and the evidence on provisions.

Everything is read from ``parley/data/durability/`` (see ``SOURCES.md`` there), so the
package never needs the files it was built from.

Recurrence table: one row per Correlates of War (COW) interstate war that ended in
1946–1997 (Inter-State War Data v4.0; Sarkees & Wayman 2010), saying whether a new
COW war between at least one pair of its opposing states followed (and after how many
years), or whether COW codes a resumption of the same war.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

#: Last year observed by COW Inter-State War Data v4.0: peace spells are censored here.
CENSOR_YEAR = 2007
#: Duration given to a war that COW codes as resumed within weeks (and the floor for all).
MIN_YEARS = 0.1


def data_dir() -> Path:
    """The folder holding the bundled durability data."""
    return Path(__file__).resolve().parent.parent / "data" / "durability"


@dataclass(frozen=True)
class Spells:
    """Peace spells after interstate wars: durations in years and event indicators.

    Attributes
    ----------
    war:
        COW war number of each spell.
    years:
        Time from the war's end to renewed war (events) or to the end of observation.
    event:
        ``True`` where renewed war was observed, ``False`` where the spell is censored.
    """

    war: np.ndarray
    years: np.ndarray
    event: np.ndarray

    @property
    def n(self) -> int:
        """Number of spells."""
        return int(self.years.size)

    @property
    def events(self) -> int:
        """Number of spells that ended in renewed war."""
        return int(self.event.sum())


def _flag(text: str) -> bool:
    if text not in ("True", "False"):
        raise ValueError(f"expected True or False, got {text!r}")
    return text == "True"


@cache
def cow_spells() -> Spells:
    """Peace spells after the 33 COW interstate wars that ended in 1946–1997.

    A spell ends in an event when a new war between the same states followed (its
    duration is the number of years to it) or when COW codes a resumption of the war
    (duration :data:`MIN_YEARS`: the one case, war 184, resumed within weeks).
    Otherwise it is censored at :data:`CENSOR_YEAR`. Durations are floored at
    :data:`MIN_YEARS`, because the data have year resolution.

    Returns
    -------
    Spells
        33 spells, 14 of them events.
    """
    path = data_dir() / "cow_interstate_recurrence_1946_1997.csv"
    wars: list[int] = []
    years: list[float] = []
    events: list[bool] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            new_war = _flag(row["new_war_same_dyad"])
            resumed = _flag(row["resumption_episode"])
            if new_war:
                duration = float(row["years_to_new_war"])
            elif resumed:
                duration = MIN_YEARS
            else:
                duration = float(CENSOR_YEAR - int(row["end"]))
            wars.append(int(row["warnum"]))
            years.append(max(duration, MIN_YEARS))
            events.append(new_war or resumed)
    return Spells(np.array(wars), np.array(years), np.array(events, dtype=bool))


@cache
def evidence_file() -> dict[str, Any]:
    """The bundled evidence extract (``effects.json``): entries and derived coefficients."""
    with (data_dir() / "effects.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data
