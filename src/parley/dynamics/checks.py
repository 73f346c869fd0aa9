"""Check a scenario's ``dynamics:`` section (every problem located by file, line, field)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from parley.dynamics.model import PARAM_PATHS, STATE_NAMES
from parley.errors import Problem
from parley.scenario.model import LedgerEntry
from parley.scenario.types import Param, Sourced
from parley.scenario.yamlio import Located, PathKey, format_path

if TYPE_CHECKING:
    from parley.scenario.schema import ScenarioDoc

#: Allowed interval of each parameter (inclusive); unlisted parameters are unrestricted.
BOUNDS: dict[str, tuple[float, float]] = {
    "territory_share": (0.0, 100.0),
    "ukraine_force": (0.0, float("inf")),
    "russia_force": (0.0, float("inf")),
    "ukraine_losses": (0.0, float("inf")),
    "russia_losses": (0.0, float("inf")),
    "ukraine_recruitment": (0.0, float("inf")),
    "russia_recruitment": (0.0, float("inf")),
    "ukraine_attrition": (0.0, 1.0),
    "russia_attrition": (0.0, 1.0),
    "defence_gdp": (0.0, 100.0),
    "inflation": (-100.0, float("inf")),
    "key_rate": (0.0, float("inf")),
    "aid_us": (0.0, float("inf")),
    "aid_us_enablers": (0.0, float("inf")),
    "aid_europe": (0.0, float("inf")),
    "aid_reference": (0.0, float("inf")),
    "aid_substitution": (0.0, 1.0),
    "discount": (0.0, 1.0),
}


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    names = [str(k) for k in known]
    hint = difflib.get_close_matches(str(name), names, n=1)
    extra = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"unknown {kind} {name!r}{extra}"


def _bound_text(low: float, high: float) -> str:
    if high == float("inf"):
        return f"at least {low:g}"
    return f"between {low:g} and {high:g}"


def dynamics_problems(doc: ScenarioDoc,
                      located: Located) -> tuple[list[Problem], list[LedgerEntry]]:
    """Problems of the ``dynamics`` section and ledger entries for its numbers.

    Checks: every number has a source or judgment (its own or an enclosing block's),
    sources exist, parameters lie in their allowed intervals (value and range), the
    discount factor is positive, parties named under ``sensitivities`` and
    ``ripeness_parties`` exist.
    """
    section = doc.dynamics
    if section is None:
        return [], []
    problems: list[Problem] = []
    ledger: list[LedgerEntry] = []
    sources = {s.id for s in doc.sources}
    parties = [p.id for p in doc.parties]
    base: PathKey = ("dynamics",)

    def error(path: PathKey, message: str) -> None:
        problems.append(located.problem(path, message))

    def check_block(block: Sourced, path: PathKey) -> None:
        if block.source is not None and block.source not in sources:
            error((*path, "source"), _unknown("source", block.source, sources)
                  + "; add it to `sources`")

    def record(param: Param, path: PathKey, chain: list[Sourced], origin: str) -> None:
        check_block(param, path)
        source = judgment = None
        for block in [param, *reversed(chain)]:
            if block.source is not None or block.judgment is not None:
                source, judgment = block.source, block.judgment
                break
        if source is None and judgment is None:
            error(path, "this number has neither a `source` nor a `judgment`; write "
                  "{value: ..., source: KEY} or {value: ..., judgment: \"why\"}, or set one "
                  "on an enclosing block")
        line, _ = located.where(path)
        ledger.append(LedgerEntry(format_path(path), param.value, source, judgment,
                                  param.range, origin, line))

    check_block(section, base)
    for name, rel in PARAM_PATHS.items():
        chain: list[Sourced] = [section]
        node: object = section
        for key in rel[:-1]:
            node = getattr(node, key)
            assert isinstance(node, Sourced)
            check_block(node, (*base, *rel[: rel.index(key) + 1]))
            chain.append(node)
        param = getattr(node, rel[-1])
        path = (*base, *rel)
        record(param, path, chain, "dynamics parameter")
        if name in BOUNDS:
            low, high = BOUNDS[name]
            values = [param.value, *(param.range or ())]
            if any(not low <= v <= high for v in values):
                what = "its value and range" if param.range is not None else "it"
                error(path, f"{what} must lie {_bound_text(low, high)}")
        if name == "discount" and param.value <= 0:
            error(path, "the monthly discount factor must be positive")

    for k, pid in enumerate(section.ripeness_parties):
        if pid not in parties:
            error((*base, "ripeness_parties", k), _unknown("party", pid, parties))
    for pid, sens in section.sensitivities.items():
        path = (*base, "sensitivities", pid)
        if pid not in parties:
            error(path, _unknown("party", pid, parties)
                  + "; sensitivities are keyed by party id")
            continue
        check_block(sens, path)
        for state in STATE_NAMES:
            param = getattr(sens, state)
            if param is not None:
                record(param, (*path, state), [section, sens], "dynamics sensitivity")
    return problems, ledger
