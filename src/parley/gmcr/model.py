"""The conflict model of the Graph Model for Conflict Resolution in option form.

A conflict has binary *options*, each controlled by one *decision maker* (DM).  A *state* is a
choice of taken options, identified by its decimal code ``sum(2**k for taken options k)`` (option
0 is the low bit).  Some combinations are infeasible; the feasible states, sorted by code, are
numbered 1..n as in GMCR+ (Kinsara, Petersons, Hipel & Kilgour 2015, "Advanced decision support
for the graph model for conflict resolution", J. Decision Systems 24(2)).

An option may be irreversible: ``"fwd"`` means it can be taken but never withdrawn once taken,
``"back"`` that it can only be withdrawn (Fang, Hipel & Kilgour 1993, *Interactive Decision
Making: The Graph Model for Conflict Resolution*, Wiley, ch. 2).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray

from parley.gmcr.preferences import Preferences

__all__ = [
    "MAX_OPTIONS",
    "AtMostOne",
    "Conflict",
    "DecisionMaker",
    "ExactlyOne",
    "Implication",
    "InfeasiblePattern",
    "Option",
    "Restriction",
]

Direction = Literal["both", "fwd", "back"]
Codes: TypeAlias = NDArray[np.int64]
Mask: TypeAlias = NDArray[np.bool_]

#: Largest number of options whose 2**n codes are enumerated when finding feasible states.
MAX_OPTIONS = 26


def _holds(codes: Codes, conditions: Sequence[tuple[int, bool]]) -> Mask:
    out = np.ones(codes.shape, dtype=bool)
    for opt, taken in conditions:
        bit = ((codes >> opt) & 1).astype(bool)
        out &= bit if taken else ~bit
    return out


@dataclass(frozen=True)
class Option:
    """A binary option.  ``direction`` restricts the moves of its owner (see module docstring).

    ``key`` is a short identifier (a scenario's option id) used where statements are shown to
    people; without one, :meth:`Conflict.option_keys` derives it from the name.
    """

    name: str
    direction: Direction = "both"
    key: str | None = None


@dataclass(frozen=True)
class DecisionMaker:
    """A decision maker, the 0-based indices of the options it controls, and its preferences."""

    name: str
    options: tuple[int, ...]
    preferences: Preferences | None = None


@dataclass(frozen=True)
class InfeasiblePattern:
    """States matching every ``(option, taken)`` condition are infeasible ("Y/N/-" patterns)."""

    conditions: tuple[tuple[int, bool], ...]

    @classmethod
    def from_ynd(cls, pattern: str) -> InfeasiblePattern:
        """From a ``Y``/``N``/``-`` string whose first character is option 0."""
        conds = []
        for k, ch in enumerate(pattern.upper()):
            if ch not in "YN-":
                raise ValueError(f"pattern {pattern!r}: use Y, N or -")
            if ch != "-":
                conds.append((k, ch == "Y"))
        return cls(tuple(conds))

    def infeasible(self, codes: Codes) -> Mask:
        """True for the codes this restriction rules out."""
        return _holds(codes, self.conditions)


@dataclass(frozen=True)
class ExactlyOne:
    """Exactly one of ``options`` must be taken (mutually exclusive and exhaustive)."""

    options: tuple[int, ...]

    def infeasible(self, codes: Codes) -> Mask:
        """True for the codes this restriction rules out."""
        count = sum(((codes >> o) & 1) for o in self.options)
        return np.asarray(count != 1)


@dataclass(frozen=True)
class AtMostOne:
    """At most one of ``options`` may be taken (mutually exclusive)."""

    options: tuple[int, ...]

    def infeasible(self, codes: Codes) -> Mask:
        """True for the codes this restriction rules out."""
        count = sum(((codes >> o) & 1) for o in self.options)
        return np.asarray(count > 1)


@dataclass(frozen=True)
class Implication:
    """If every condition in ``when`` holds, every condition in ``then`` must hold."""

    when: tuple[tuple[int, bool], ...]
    then: tuple[tuple[int, bool], ...]

    def infeasible(self, codes: Codes) -> Mask:
        """True for the codes this restriction rules out."""
        return _holds(codes, self.when) & ~_holds(codes, self.then)


Restriction: TypeAlias = InfeasiblePattern | ExactlyOne | AtMostOne | Implication


@dataclass(frozen=True)
class Conflict:
    """A graph model in option form.

    Attributes
    ----------
    options:
        The options; option ``k`` is bit ``k`` of a state code.
    decision_makers:
        Each option belongs to exactly one decision maker.
    restrictions:
        Infeasibility rules; a state is feasible when no rule rules it out.
    status_quo:
        Code of the status quo state, if known.
    coalitions:
        Optional partition of decision makers (indices) into coalitions, carried for GMCR+ files.
    """

    options: tuple[Option, ...]
    decision_makers: tuple[DecisionMaker, ...]
    restrictions: tuple[Restriction, ...] = ()
    status_quo: int | None = None
    coalitions: tuple[tuple[int, ...], ...] = ()
    _codes: list[Codes] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.options)
        if n == 0:
            raise ValueError("a conflict needs at least one option")
        if n > MAX_OPTIONS:
            raise ValueError(f"at most {MAX_OPTIONS} options (2**{MAX_OPTIONS} codes) supported")
        owned = [o for dm in self.decision_makers for o in dm.options]
        if sorted(owned) != list(range(n)):
            raise ValueError("every option must belong to exactly one decision maker "
                             f"(options 0..{n - 1}; got {sorted(owned)})")
        names = [dm.name for dm in self.decision_makers]
        if len(set(names)) != len(names):
            raise ValueError("decision maker names must be unique")
        for r in self.restrictions:
            opts = (r.options if isinstance(r, ExactlyOne | AtMostOne)
                    else [o for o, _ in (r.conditions if isinstance(r, InfeasiblePattern)
                                         else r.when + r.then)])
            if any(not 0 <= o < n for o in opts):
                raise ValueError(f"restriction {r} names an option outside 0..{n - 1}")

    @property
    def n_options(self) -> int:
        """Number of options."""
        return len(self.options)

    def feasible_codes(self) -> Codes:
        """Codes of the feasible states, ascending (state number = position + 1)."""
        if not self._codes:
            codes = np.arange(1 << self.n_options, dtype=np.int64)
            bad = np.zeros(codes.shape, dtype=bool)
            for r in self.restrictions:
                bad |= r.infeasible(codes)
            self._codes.append(codes[~bad])
        return self._codes[0]

    def dm_mask(self, dm: int) -> int:
        """Bit mask of the options controlled by decision maker ``dm``."""
        return sum(1 << o for o in self.decision_makers[dm].options)

    def direction_masks(self) -> tuple[int, int]:
        """Bit masks of the forward-only and backward-only options."""
        fwd = sum(1 << k for k, o in enumerate(self.options) if o.direction == "fwd")
        back = sum(1 << k for k, o in enumerate(self.options) if o.direction == "back")
        return fwd, back

    def ranks(self) -> list[NDArray[np.int64]]:
        """Preference rank of every feasible state for every decision maker (higher preferred)."""
        codes = self.feasible_codes()
        out = []
        for dm in self.decision_makers:
            if dm.preferences is None:
                raise ValueError(f"decision maker {dm.name!r} has no preferences")
            out.append(dm.preferences.ranks(codes))
        return out

    def number_of(self, code: int) -> int:
        """GMCR+ state number (1-based) of a feasible state code."""
        codes = self.feasible_codes()
        i = int(np.searchsorted(codes, code))
        if i >= len(codes) or codes[i] != code:
            raise ValueError(f"state code {code} is infeasible")
        return i + 1

    def option_keys(self) -> tuple[str, ...]:
        """A unique identifier per option: its ``key``, else one derived from its name."""
        taken: set[str] = {o.key for o in self.options if o.key}
        return tuple(o.key if o.key else identifier(o.name, taken) for o in self.options)

    def with_keys(self, text: str) -> str:
        """A statement written with option numbers (from 1), rewritten with option keys."""
        keys = self.option_keys()
        return re.sub(r"\d+", lambda m: keys[int(m.group(0)) - 1], text)

    def describe(self, code: int) -> str:
        """The taken options of a state, in words."""
        taken = [o.name for k, o in enumerate(self.options) if code >> k & 1]
        return ", ".join(taken) if taken else "no option taken"


#: Words a statement parser reserves; identifiers avoid them.
KEYWORDS = frozenset({"IF", "IFF", "NOT"})


def identifier(name: str, taken: set[str]) -> str:
    """A statement-safe identifier for ``name`` (letters, digits, _), unique within ``taken``.

    The result is added to ``taken``.
    """
    base = re.sub(r"[^A-Za-z0-9_]+", "_", name.strip()).strip("_").lower() or "option"
    if base[0].isdigit() or base.upper() in KEYWORDS:
        base = f"o_{base}"
    out, k = base, 2
    while out in taken:
        out, k = f"{base}_{k}", k + 1
    taken.add(out)
    return out
