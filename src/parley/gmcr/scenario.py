"""From a scenario's ``gmcr:`` section to a :class:`~parley.gmcr.model.Conflict`.

The section (schema: :mod:`parley.scenario.sections.gmcr`) names options by id; statements use
those ids where :func:`~parley.gmcr.preferences.parse_statement` uses option numbers.  Option
ids follow the model's order: the options of the first decision maker, then the second's, and
so on, so option ``k`` in that order is bit ``k`` of a state code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field

from parley.errors import Problem, ScenarioError
from parley.gmcr.model import Conflict, DecisionMaker, InfeasiblePattern, Option, identifier
from parley.gmcr.preferences import Prioritization, Ranking, parse_statement
from parley.scenario.schema import SourceEntry
from parley.scenario.sections.gmcr import GmcrSection
from parley.scenario.types import Sourced, Strict, Text
from parley.scenario.yamlio import Located, PathKey

if TYPE_CHECKING:
    from parley.scenario.schema import ScenarioDoc

__all__ = ["GmcrFile", "conflict_from_section", "gmcr_from_located", "gmcr_problems",
           "load_gmcr_yaml",
           "section_from_conflict"]


class GmcrFile(Strict):
    """A stand-alone GMCR model in YAML (what ``parley import gmcr`` writes)."""

    title: Text | None = None
    note: Text | None = None
    sources: list[SourceEntry] = Field(default_factory=list)
    gmcr: GmcrSection

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = {"IF", "IFF", "NOT"}


class _Problems(Exception):
    def __init__(self, found: list[tuple[PathKey, str]]) -> None:
        super().__init__(found[0][1] if found else "")
        self.found = found


def _option_ids(section: GmcrSection) -> dict[str, int]:
    ids = [o.id for dm in section.decision_makers for o in dm.options]
    return {o: k for k, o in enumerate(ids)}


def _translate(text: str, index: dict[str, int]) -> str:
    """Replace option ids by option numbers (from 1) for the statement parser."""
    def sub(m: re.Match[str]) -> str:
        word = m.group(0)
        if word.upper() in _KEYWORDS:
            return word
        if word not in index:
            raise ValueError(f"unknown option {word!r} (options: {', '.join(index)})")
        return str(index[word] + 1)
    return _NAME.sub(sub, text)


def _build(section: GmcrSection) -> Conflict:
    found: list[tuple[PathKey, str]] = []
    base: PathKey = ("gmcr",)
    index = _option_ids(section)
    seen: set[str] = set()
    for i, dm in enumerate(section.decision_makers):
        for j, opt in enumerate(dm.options):
            path = (*base, "decision_makers", i, "options", j, "id")
            if not _NAME.fullmatch(opt.id) or opt.id.upper() in _KEYWORDS:
                found.append((path, f"option id {opt.id!r}: use letters, digits and _ "
                              "(not starting with a digit), and not IF, IFF or NOT"))
            if opt.id in seen:
                found.append((path, f"option id {opt.id!r} is used twice"))
            seen.add(opt.id)
    dm_ids = [dm.id for dm in section.decision_makers]
    if len(set(dm_ids)) != len(dm_ids):
        found.append(((*base, "decision_makers"), "decision maker ids must be unique"))
    n = len(index)
    options: list[Option] = []
    dms: list[DecisionMaker] = []
    for i, dm in enumerate(section.decision_makers):
        statements = []
        for j, st in enumerate(dm.preferences):
            try:
                statements.append(parse_statement(_translate(st.statement, index), n))
            except ValueError as exc:
                found.append(((*base, "decision_makers", i, "preferences", j, "statement"),
                              f"statement {st.statement!r}: {exc}"))
        own = tuple(index[o.id] for o in dm.options)
        options += [Option(o.label or o.id, o.direction, key=o.id) for o in dm.options]
        dms.append(DecisionMaker(dm.name or dm.id, own, Prioritization(tuple(statements))))
        for t, tier in enumerate(dm.ranking or []):
            for k, state in enumerate(tier):
                for j, oid in enumerate(state):
                    if oid not in index:
                        found.append(((*base, "decision_makers", i, "ranking", t, k, j),
                                      f"unknown option {oid!r}"))
    patterns = []
    for k, rule in enumerate(section.infeasible):
        conds = []
        for oid, taken in rule.when.items():
            if oid not in index:
                found.append(((*base, "infeasible", k, "when", oid), f"unknown option {oid!r}"))
            else:
                conds.append((index[oid], taken))
        patterns.append(InfeasiblePattern(tuple(conds)))
    status_quo = None
    if section.status_quo is not None:
        status_quo = 0
        for k, oid in enumerate(section.status_quo):
            if oid not in index:
                found.append(((*base, "status_quo", k), f"unknown option {oid!r}"))
            else:
                status_quo |= 1 << index[oid]
    coalitions = []
    for k, group in enumerate(section.coalitions):
        members = []
        for j, who in enumerate(group):
            if who not in dm_ids:
                found.append(((*base, "coalitions", k, j), f"unknown decision maker {who!r}"))
            else:
                members.append(dm_ids.index(who))
        coalitions.append(tuple(members))
    if found:
        raise _Problems(found)
    try:
        conflict = Conflict(tuple(options), tuple(dms), tuple(patterns), status_quo,
                            tuple(coalitions))
        if status_quo is not None:
            conflict.number_of(status_quo)
    except ValueError as exc:
        raise _Problems([(base, str(exc))]) from None
    if any(dm.ranking is not None for dm in section.decision_makers):
        conflict = _with_rankings(conflict, section, index)
    return conflict


def _with_rankings(conflict: Conflict, section: GmcrSection, index: dict[str, int]) -> Conflict:
    """Replace the placeholder preferences of decision makers that give a ``ranking``."""
    found: list[tuple[PathKey, str]] = []
    dms = list(conflict.decision_makers)
    for i, dm in enumerate(section.decision_makers):
        if dm.ranking is None:
            continue
        path: PathKey = ("gmcr", "decision_makers", i, "ranking")
        tiers: list[tuple[int, ...]] = []
        for t, tier in enumerate(dm.ranking):
            numbers = []
            for k, state in enumerate(tier):
                code = sum(1 << index[o] for o in set(state))
                try:
                    numbers.append(conflict.number_of(code))
                except ValueError:
                    found.append(((*path, t, k), f"state {state} is infeasible"))
            tiers.append(tuple(numbers))
        ranking = Ranking(tuple(tiers))
        try:
            ranking.ranks(conflict.feasible_codes())
        except ValueError as exc:
            found.append((path, str(exc).replace("state ", "feasible state number ")))
        dms[i] = DecisionMaker(dms[i].name, dms[i].options, ranking)
    if found:
        raise _Problems(found)
    return Conflict(conflict.options, tuple(dms), conflict.restrictions, conflict.status_quo,
                    conflict.coalitions)


def conflict_from_section(section: GmcrSection) -> Conflict:
    """The conflict a ``gmcr:`` section describes.

    Raises
    ------
    ValueError
        With the first problem found (use :func:`gmcr_problems` for all of them, located).
    """
    try:
        return _build(section)
    except _Problems as exc:
        raise ValueError(str(exc)) from None


def gmcr_problems(doc: ScenarioDoc, located: Located) -> list[Problem]:
    """Every problem of the ``gmcr`` section of a schema-valid document, located.

    Checks option ids and statements, references to options and decision makers, that the
    status quo is feasible, that source keys exist and that every statement has a source or a
    judgment (its own, its decision maker's or the section's).
    """
    section = getattr(doc, "gmcr", None)
    if section is None:
        return []
    sources = {s.id for s in doc.sources}
    problems: list[Problem] = []
    base: PathKey = ("gmcr",)
    blocks: list[tuple[PathKey, Sourced]] = [(base, section)]
    for i, dm in enumerate(section.decision_makers):
        blocks.append(((*base, "decision_makers", i), dm))
        for j, st in enumerate(dm.preferences):
            path = (*base, "decision_makers", i, "preferences", j)
            blocks.append((path, st))
            if all(b.source is None and b.judgment is None for b in (st, dm, section)):
                problems.append(located.problem(path, "this preference statement has neither "
                                                "a `source` nor a `judgment`"))
    for k, rule in enumerate(section.infeasible):
        blocks.append(((*base, "infeasible", k), rule))
    for path, block in blocks:
        if block.source is not None and block.source not in sources:
            problems.append(located.problem((*path, "source"), f"unknown source "
                                            f"{block.source!r}; add it to `sources`"))
    try:
        _build(section)
    except _Problems as exc:
        problems += [located.problem(p, m) for p, m in exc.found]
    return problems



def load_gmcr_yaml(path: str | Path) -> Conflict:
    """Read a stand-alone GMCR model file (YAML with a top-level ``gmcr:``).

    Raises
    ------
    ScenarioError
        Every problem found, with file, line and column.
    """
    from parley.scenario.yamlio import load_yaml_file

    return gmcr_from_located(load_yaml_file(path))


def gmcr_from_located(located: Located) -> Conflict:
    """The conflict of a read GMCR YAML document (see :func:`load_gmcr_yaml`)."""
    from parley.scenario.load import parse_document

    doc = parse_document(located, GmcrFile)
    assert isinstance(doc, GmcrFile)
    problems = gmcr_problems(doc, located)  # type: ignore[arg-type]
    if problems:
        raise ScenarioError(sorted(problems, key=lambda p: (p.line is None, p.line or 0,
                                                            p.column or 0)))
    return conflict_from_section(doc.gmcr)


def section_from_conflict(conflict: Conflict, *, origin: str) -> dict[str, Any]:
    """A :class:`GmcrFile` document (plain data, ready for YAML) describing ``conflict``.

    Options are regrouped by decision maker, as the section requires, so state numbers can
    differ from the original model's when a decision maker's options were not contiguous;
    ``regrouped`` in the returned ``meta`` says whether that happened.  Preference statements
    keep their meaning with option ids in place of numbers; explicit rankings list each
    state by the option ids taken in it.  Every restriction becomes infeasibility patterns.
    """
    from parley.gmcr.gmcr_plus import _restriction_conditions

    ids = conflict.option_keys()
    dm_taken: set[str] = set()
    dm_ids = [identifier(dm.name, dm_taken) for dm in conflict.decision_makers]
    codes = conflict.feasible_codes()
    order = [o for dm in conflict.decision_makers for o in dm.options]

    def state(code: int) -> list[str]:
        return [ids[k] for k in range(len(ids)) if code >> k & 1]

    dms: list[dict[str, Any]] = []
    for dm, dm_id in zip(conflict.decision_makers, dm_ids, strict=True):
        entry: dict[str, Any] = {"id": dm_id, "name": dm.name, "options": [
            {"id": ids[o], "label": conflict.options[o].name,
             **({"direction": conflict.options[o].direction}
                if conflict.options[o].direction != "both" else {})} for o in dm.options]}
        if isinstance(dm.preferences, Ranking):
            entry["ranking"] = [[state(int(codes[n - 1])) for n in tier]
                                for tier in dm.preferences.tiers]
        elif isinstance(dm.preferences, Prioritization):
            entry["preferences"] = [{"statement": conflict.with_keys(t)}
                                    for t in dm.preferences.texts()]
        dms.append(entry)
    infeasible = [{"when": {ids[o]: bool(t) for o, t in conds}}
                  for r in conflict.restrictions for conds in _restriction_conditions(r)
                  if conds]
    section: dict[str, Any] = {
        "judgment": f"Imported from {origin}: options, infeasible states and preferences "
                    "as the model's author entered them",
        "decision_makers": dms,
    }
    if infeasible:
        section["infeasible"] = infeasible
    if conflict.status_quo is not None:
        section["status_quo"] = state(conflict.status_quo)
    if conflict.coalitions:
        section["coalitions"] = [[dm_ids[i] for i in c] for c in conflict.coalitions]
    return {"title": f"GMCR model imported from {Path(origin).name}", "gmcr": section,
            "meta": {"regrouped": order != sorted(order)}}
