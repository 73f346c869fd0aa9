"""Read and write GMCR+ / gmcr-py save files (``.gmcr``, JSON).

The layout, as written by the open-source gmcr-py (onp/gmcr-py, ``data_01_conflictModel.py``,
``export_rep``/``json_import``), which GMCR+ grew out of::

    {
      "options": [{"name": str, "permittedDirection": "both" | "fwd" | "back"}, ...],
      "decisionMakers": [
        {"name": str,
         "options": [option index, ...],
         "preferences": [condition, ...],          # most important first
         "preferenceRanking": [state | [state, ...], ...]   # only with manual ranking
        }, ...],
      "infeasibles": [condition, ...],
      "coalitions": [dm index | [dm index, ...], ...],
      "useManualPreferenceRanking": bool,
      "program": str, "version": str
    }

A *condition* is a list of ``[option index, "Y" | "N"]`` pairs, all of which must hold, or a
compound ``{"compound": true, "members": [condition, ...]}`` that holds when any member does.
A manual ranking lists state numbers (1..n, feasible states by ascending code), most preferred
first; a nested list is a group of equally preferred states.

Assumptions (the format has no published specification): option indices are 0-based positions
in ``options`` and define the bit order of state codes; a file without
``useManualPreferenceRanking`` (older files say ``useManualPreferenceVectors``, with
``preferenceVector``) uses prioritisation; absent ``coalitions`` means none.  The status quo is
not part of the format and is dropped on writing.  parley's richer statements (``IF``, ``IFF``,
nested and/or/not) are written in the equivalent OR-of-ANDs form, and "exactly one" /
"at most one" / implication rules as the infeasible patterns they stand for.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parley.gmcr.model import (
    AtMostOne,
    Conflict,
    DecisionMaker,
    ExactlyOne,
    Implication,
    InfeasiblePattern,
    Option,
    Restriction,
)
from parley.gmcr.preferences import And, Expr, Lit, Not, Or, Prioritization, Ranking, to_dnf

__all__ = ["conflict_from_gmcr", "conflict_to_gmcr", "read_gmcr", "write_gmcr"]

_DIRECTIONS = ("both", "fwd", "back")


def _pairs(raw: Any, where: str) -> list[tuple[int, bool]]:
    if not isinstance(raw, list):
        raise ValueError(f"{where}: a condition is a list of [option, 'Y'|'N'] pairs")
    out = []
    for item in raw:
        if (not isinstance(item, list | tuple) or len(item) != 2
                or str(item[1]).upper() not in ("Y", "N")):
            raise ValueError(f"{where}: bad condition item {item!r}")
        out.append((int(item[0]), str(item[1]).upper() == "Y"))
    return out


def _conditions(raw: Any, where: str) -> list[list[tuple[int, bool]]]:
    """A condition as a list of conjunctions (one unless compound)."""
    if isinstance(raw, dict):
        return [_pairs(m, where) for m in raw.get("members", [])]
    return [_pairs(raw, where)]


def _expr(conjunctions: list[list[tuple[int, bool]]]) -> Expr:
    terms: list[Expr] = []
    for conj in conjunctions:
        lits: list[Expr] = [Lit(o) if t else Not(Lit(o)) for o, t in conj]
        terms.append(lits[0] if len(lits) == 1 else And(tuple(lits)))
    return terms[0] if len(terms) == 1 else Or(tuple(terms))


def _write_condition(conjunctions: list[list[tuple[int, bool]]]) -> Any:
    rows = [[[o, "Y" if t else "N"] for o, t in conj] for conj in conjunctions]
    return rows[0] if len(rows) == 1 else {"compound": True, "members": rows}


def conflict_from_gmcr(doc: dict[str, Any]) -> Conflict:
    """Build a :class:`Conflict` from a parsed GMCR+ save file.

    Raises
    ------
    ValueError
        If a required part is missing or malformed.
    """
    try:
        options = []
        for k, o in enumerate(doc["options"]):
            direction = o.get("permittedDirection", "both")
            if direction not in _DIRECTIONS:
                raise ValueError(f"options[{k}]: permittedDirection must be one of {_DIRECTIONS}")
            options.append(Option(str(o["name"]), direction))
        manual = bool(doc.get("useManualPreferenceRanking",
                              doc.get("useManualPreferenceVectors", False)))
        restrictions: list[Restriction] = []
        for k, raw in enumerate(doc.get("infeasibles", [])):
            for conj in _conditions(raw, f"infeasibles[{k}]"):
                if conj:
                    restrictions.append(InfeasiblePattern(tuple(conj)))
        dms = []
        for k, d in enumerate(doc["decisionMakers"]):
            prefs: Prioritization | Ranking
            if manual:
                raw_rank = d.get("preferenceRanking", d.get("preferenceVector"))
                if raw_rank is None:
                    raise ValueError(f"decisionMakers[{k}]: manual ranking missing")
                prefs = Ranking(tuple(tuple(int(x) for x in t) if isinstance(t, list)
                                      else (int(t),) for t in raw_rank))
            else:
                prefs = Prioritization(tuple(
                    _expr(_conditions(c, f"decisionMakers[{k}].preferences[{j}]"))
                    for j, c in enumerate(d.get("preferences", []))))
            dms.append(DecisionMaker(str(d["name"]), tuple(int(o) for o in d["options"]), prefs))
        coalitions = tuple(tuple(int(x) for x in c) if isinstance(c, list) else (int(c),)
                           for c in doc.get("coalitions", []))
    except KeyError as exc:
        raise ValueError(f"GMCR+ file lacks {exc.args[0]!r}") from exc
    return Conflict(tuple(options), tuple(dms), tuple(restrictions), coalitions=coalitions)


def _restriction_conditions(r: Restriction) -> list[list[tuple[int, bool]]]:
    """The infeasible patterns a restriction stands for."""
    if isinstance(r, InfeasiblePattern):
        return [list(r.conditions)]
    if isinstance(r, AtMostOne | ExactlyOne):
        pairs = [[(a, True), (b, True)] for i, a in enumerate(r.options)
                 for b in r.options[i + 1:]]
        return pairs + ([[(o, False) for o in r.options]] if isinstance(r, ExactlyOne) else [])
    assert isinstance(r, Implication)
    out = []
    when = dict(r.when)
    for o, t in r.then:
        if when.get(o, not t) == (not t):  # skip a literal the antecedent already settles true
            out.append(sorted({**when, o: not t}.items()))
    return out


def conflict_to_gmcr(conflict: Conflict) -> dict[str, Any]:
    """The GMCR+ save-file document of a conflict (see module docstring)."""
    manual = any(isinstance(dm.preferences, Ranking) for dm in conflict.decision_makers)
    codes = conflict.feasible_codes()
    dms = []
    for dm in conflict.decision_makers:
        rep: dict[str, Any] = {"name": dm.name, "options": list(dm.options), "preferences": []}
        if isinstance(dm.preferences, Prioritization):
            rep["preferences"] = [_write_condition(to_dnf(s)) for s in dm.preferences.statements]
        if manual:
            if isinstance(dm.preferences, Ranking):
                tiers = dm.preferences.tiers
            else:
                assert dm.preferences is not None
                ranks = dm.preferences.ranks(codes)
                tiers = tuple(tuple(int(k) + 1 for k in range(len(codes)) if ranks[k] == r)
                              for r in sorted(set(ranks.tolist()), reverse=True))
            rep["preferenceRanking"] = [list(t) if len(t) > 1 else t[0] for t in tiers]
        dms.append(rep)
    infeasibles = [_write_condition([c]) for r in conflict.restrictions
                   for c in _restriction_conditions(r)]
    coalitions = [list(c) if len(c) > 1 else c[0] for c in conflict.coalitions]
    return {
        "decisionMakers": dms,
        "coalitions": coalitions,
        "options": [{"name": o.name, "permittedDirection": o.direction}
                    for o in conflict.options],
        "infeasibles": infeasibles,
        "useManualPreferenceRanking": manual,
        "program": "parley",
        "version": "0.1",
    }


def read_gmcr(path: str | Path) -> Conflict:
    """Read a ``.gmcr`` file."""
    return conflict_from_gmcr(json.loads(Path(path).read_text(encoding="utf-8")))


def write_gmcr(conflict: Conflict, path: str | Path) -> None:
    """Write a conflict as a ``.gmcr`` file."""
    Path(path).write_text(json.dumps(conflict_to_gmcr(conflict), indent=1) + "\n",
                          encoding="utf-8")
