"""Check a schema-valid scenario document and compile it to a :class:`Scenario`.

Every problem found is collected (with its file, line, column and field path) and
raised together in one :class:`~parley.errors.ScenarioError`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from parley.errors import Problem, ScenarioError
from parley.scenario import ordinal
from parley.scenario.model import (
    Clause,
    InteractionTerm,
    LedgerEntry,
    ProposalSpec,
    RatificationRule,
    Scenario,
)
from parley.scenario.schema import NoDealRef, Param, ScenarioDoc, Sourced
from parley.scenario.yamlio import Located, PathKey, format_path

#: Above this many packages a scenario cannot even be indexed (int64 headroom kept).
MAX_PACKAGES = 10**15


class _Checker:
    def __init__(self, doc: ScenarioDoc, located: Located) -> None:
        self.doc = doc
        self.loc = located
        self.problems: list[Problem] = []
        self.ledger: list[LedgerEntry] = []
        self.warnings: list[str] = []
        self.source_ids = {s.id for s in doc.sources}

    def error(self, path: PathKey, message: str) -> None:
        self.problems.append(self.loc.problem(path, message))

    # ----------------------------------------------------------- identities
    def unique(self, ids: Sequence[str], base: PathKey, what: str) -> None:
        seen: dict[str, int] = {}
        for k, ident in enumerate(ids):
            if ident in seen:
                self.error((*base, k, "id"),
                           f"duplicate {what} id {ident!r} (first used at item {seen[ident]})")
            else:
                seen[ident] = k

    def check_source_ref(self, block: Sourced, path: PathKey) -> None:
        if block.source is not None and block.source not in self.source_ids:
            self.error((*path, "source"), _unknown("source", block.source, self.source_ids)
                       + "; add it to `sources`")

    # ------------------------------------------------------------- numbers
    def number(self, param: Param, path: PathKey, chain: Sequence[Sourced],
               origin: str = "stated") -> float:
        """Record a number in the ledger, resolving its source through ``chain``."""
        self.check_source_ref(param, path)
        source, judgment = param.source, param.judgment
        for block in reversed(chain):
            if source is not None or judgment is not None:
                break
            source, judgment = block.source, block.judgment
        if source is None and judgment is None:
            self.error(path, "this number has neither a `source` nor a `judgment`; write "
                       "{value: ..., source: KEY} or {value: ..., judgment: \"why\"}, or set "
                       "`source`/`judgment` on the enclosing block")
        line, _ = self.loc.where(path)
        self.ledger.append(LedgerEntry(format_path(path), param.value, source, judgment,
                                       param.range, origin, line))
        return param.value

    def derived(self, value: float, path: PathKey, chain: Sequence[Sourced], origin: str) -> None:
        source = judgment = None
        for block in reversed(chain):
            if block.source is not None or block.judgment is not None:
                source, judgment = block.source, block.judgment
                break
        if source is None and judgment is None:
            self.error(path, "ordinal input needs a `source` or `judgment` on its block")
        line, _ = self.loc.where(path)
        self.ledger.append(LedgerEntry(format_path(path), value, source, judgment, None,
                                       origin, line))


def _unknown(kind: str, name: str, known: Any, of: str | None = None) -> str:
    import difflib

    hint = difflib.get_close_matches(str(name), [str(k) for k in known], n=1)
    extra = f" (did you mean {hint[0]!r}?)" if hint else ""
    where = f" of issue {of!r}" if of is not None else ""
    return f"unknown {kind} {name!r}{where}{extra}"


def _clause(chk: _Checker, cond: dict[str, list[str]], path: PathKey,
            issue_index: dict[str, int], options: list[tuple[str, ...]]) -> Clause | None:
    masks: list[tuple[int, np.ndarray]] = []
    ok = True
    for issue, opts in cond.items():
        if issue not in issue_index:
            chk.error((*path, issue), _unknown("issue", issue, issue_index))
            ok = False
            continue
        i = issue_index[issue]
        mask = np.zeros(len(options[i]), dtype=bool)
        for k, opt in enumerate(opts):
            if opt not in options[i]:
                sub = (*path, issue, k) if len(opts) > 1 else (*path, issue)
                chk.error(sub, _unknown("option", opt, options[i], issue))
                ok = False
            else:
                mask[options[i].index(opt)] = True
        masks.append((i, mask))
    if not ok:
        return None
    return Clause(tuple(sorted(masks, key=lambda m: m[0])))


def _package(chk: _Checker, package: dict[str, str], path: PathKey, issues: list[str],
             options: list[tuple[str, ...]], what: str) -> np.ndarray | None:
    ok = True
    for issue in package:
        if issue not in issues:
            chk.error((*path, issue), _unknown("issue", issue, issues))
            ok = False
    missing = [i for i in issues if i not in package]
    if missing:
        chk.error(path, f"{what} does not say which option it takes on "
                  f"{', '.join(map(repr, missing))}; every issue must be given explicitly "
                  "(list silent issues under `unspecified` with the option you model)")
        ok = False
    vec = np.zeros(len(issues), dtype=np.int64)
    for i, issue in enumerate(issues):
        opt = package.get(issue)
        if opt is None:
            continue
        if opt not in options[i]:
            chk.error((*path, issue), _unknown("option", opt, options[i], issue))
            ok = False
        else:
            vec[i] = options[i].index(opt)
    return vec if ok else None


def _check_ranking(chk: _Checker, ranking: Sequence[Any], path: PathKey,
                   expected: Sequence[str], what: str, of: str | None = None) -> bool:
    flat = [x for g in ordinal.flatten(ranking) for x in g]
    # where each item is written: ``[g]``, or ``[g][j]`` inside a tie group
    located: list[tuple[Any, PathKey]] = []
    for g, entry in enumerate(ranking):
        if isinstance(entry, str):
            located.append((entry, (*path, g)))
        else:
            located.extend((x, (*path, g, j)) for j, x in enumerate(entry))
    ok = True
    for item, where in located:
        if item not in expected:
            chk.error(where, _unknown(what, item, expected, of))
            ok = False
    dupes = [x for x, c in Counter(flat).items() if c > 1]
    if dupes:
        chk.error(path, f"ranked more than once: {', '.join(map(repr, dupes))}")
        ok = False
    missing = [x for x in expected if x not in flat]
    if missing and ok:
        every = what if of is None else f"{what} of issue {of!r}"
        chk.error(path, f"the ranking leaves out {', '.join(map(repr, missing))}; "
                  f"rank every {every}")
        ok = False
    return ok


def build_scenario(doc: ScenarioDoc, located: Located) -> Scenario:
    """Check cross-references, sources and feasibility; compile arrays.

    Raises
    ------
    ScenarioError
        With every problem found.
    """
    chk = _Checker(doc, located)
    # ----------------------------------------------------------- identities
    chk.unique([s.id for s in doc.sources], ("sources",), "source")
    chk.unique([p.id for p in doc.parties], ("parties",), "party")
    chk.unique([i.id for i in doc.issues], ("issues",), "issue")
    chk.unique([r.id for r in doc.rules], ("rules",), "rule")
    chk.unique([r.id for r in doc.ratification], ("ratification",), "ratification rule")
    chk.unique([p.id for p in doc.proposals], ("proposals",), "proposal")
    for k, issue_doc in enumerate(doc.issues):
        chk.unique([o.id for o in issue_doc.options], ("issues", k, "options"), "option")

    parties = [p.id for p in doc.parties]
    party_index = {p: k for k, p in reversed(list(enumerate(parties)))}
    issues = [i.id for i in doc.issues]
    issue_index = {i: k for k, i in reversed(list(enumerate(issues)))}
    options = [tuple(o.id for o in iss.options) for iss in doc.issues]
    n_p, n_i = len(parties), len(issues)

    # -------------------------------------------------------------- parties
    capability = np.ones(n_p)
    veto = np.zeros(n_p, dtype=bool)
    for k, party in enumerate(doc.parties):
        path: PathKey = ("parties", k)
        chk.check_source_ref(party, path)
        veto[k] = party.veto if party.veto is not None else party.role != "ratifier"
        if party.capability is not None:
            value = chk.number(party.capability, (*path, "capability"), [party])
            if value <= 0:
                chk.error((*path, "capability"), "capability must be positive")
            capability[k] = value
    if not veto.any():
        chk.error(("parties",), "no party holds a veto, so no package needs anyone's consent; "
                  "set `veto: true` on the parties that must agree")

    # ---------------------------------------------------------- preferences
    weights = np.zeros((n_p, n_i))
    values = [np.zeros((n_p, len(options[i]))) for i in range(n_i)]
    interactions: list[InteractionTerm] = []
    reservation = np.zeros(n_p)
    uses_no_deal: list[int] = []
    for name in doc.preferences:
        if name not in party_index:
            chk.error(("preferences", name), _unknown("party", name, parties)
                      + "; preferences are keyed by party id")
    for k, party_id in enumerate(parties):
        if party_id not in doc.preferences:
            chk.error(("preferences",), f"missing preferences for party {party_id!r}")
            continue
        pref = doc.preferences[party_id]
        base: PathKey = ("preferences", party_id)
        chk.check_source_ref(pref, base)
        chain: list[Sourced] = [pref]
        # weights
        if pref.weights is not None:
            for issue, param in pref.weights.items():
                if issue not in issue_index:
                    chk.error((*base, "weights", issue), _unknown("issue", issue, issues))
                    continue
                value = chk.number(param, (*base, "weights", issue), chain)
                if value < 0:
                    chk.error((*base, "weights", issue), "weights must not be negative")
                weights[k, issue_index[issue]] = value
            missing = [i for i in issues if i not in pref.weights]
            if missing:
                chk.error((*base, "weights"),
                          f"no weight for {', '.join(map(repr, missing))} "
                          "(write 0 if the party does not care about an issue)")
        elif pref.weight_ranks is not None and _check_ranking(
                chk, pref.weight_ranks, (*base, "weight_ranks"), issues, "issue"):
            derived = ordinal.from_ranking(pref.weight_ranks, pref.ordinal.weights)
            for issue, value in derived.items():
                weights[k, issue_index[issue]] = value
                chk.derived(value, (*base, "weight_ranks"), chain,
                            f"weight of {issue!r} from weight_ranks ({pref.ordinal.weights})")
        if pref.weights is not None and n_i and not (weights[k] > 0).any():
            chk.error((*base, "weights"), "all weights are zero: the party cares about nothing")
        # option values
        given: set[str] = set()
        for issue, table in (pref.values or {}).items():
            if issue not in issue_index:
                chk.error((*base, "values", issue), _unknown("issue", issue, issues))
                continue
            given.add(issue)
            i = issue_index[issue]
            for opt, param in table.items():
                if opt not in options[i]:
                    chk.error((*base, "values", issue, opt),
                              _unknown("option", opt, options[i], issue))
                    continue
                values[i][k, options[i].index(opt)] = chk.number(
                    param, (*base, "values", issue, opt), chain)
            missing = [o for o in options[i] if o not in table]
            if missing:
                chk.error((*base, "values", issue),
                          f"no value for option(s) {', '.join(map(repr, missing))}")
        for issue, ranking in (pref.option_ranks or {}).items():
            path = (*base, "option_ranks", issue)
            if issue not in issue_index:
                chk.error(path, _unknown("issue", issue, issues))
                continue
            if issue in given:
                chk.error(path, f"issue {issue!r} has both `values` and `option_ranks`; keep one")
                continue
            given.add(issue)
            i = issue_index[issue]
            if _check_ranking(chk, ranking, path, options[i], "option", issue):
                derived = ordinal.from_ranking(ranking, pref.ordinal.values, values=True)
                for opt, value in derived.items():
                    values[i][k, options[i].index(opt)] = value
                    chk.derived(value, path, chain,
                                f"value of {issue}={opt!r} from option_ranks "
                                f"({pref.ordinal.values})")
        for i, issue in enumerate(issues):
            if issue not in given and weights[k, i] > 0:
                chk.error((*base, "values"),
                          f"missing option values for issue {issue!r} (its weight is "
                          f"{weights[k, i]:g}); give `values` or `option_ranks` for it")
        # interactions
        for t, term in enumerate(pref.interactions):
            path = (*base, "interactions", t)
            chk.check_source_ref(term, path)
            if len(term.when) > 2:
                chk.error((*path, "when"), "interaction terms are pairwise: name one or two issues")
                continue
            clause = _clause(chk, term.when, (*path, "when"), issue_index, options)
            value = chk.number(term.value, (*path, "value"), [*chain, term])
            if clause is not None:
                interactions.append(InteractionTerm(k, clause, value))
        # reservation
        if isinstance(pref.reservation, NoDealRef):
            if doc.no_deal is None:
                chk.error((*base, "reservation"),
                          "`no_deal: true` needs a top-level `no_deal` package")
            uses_no_deal.append(k)
        else:
            reservation[k] = chk.number(pref.reservation, (*base, "reservation"), chain)
        sums = weights[k].sum()
        if pref.weights is not None and sums > 0 and abs(sums - 1) > 0.01:
            chk.warnings.append(f"weights of {party_id!r} sum to {sums:.4g}, not 1 "
                                "(used as given)")

    # ---------------------------------------------------------------- rules
    forbidden: list[Clause] = []
    for k, rule in enumerate(doc.rules):
        path = ("rules", k)
        chk.check_source_ref(rule, path)
        if rule.forbid is not None:
            clause = _clause(chk, rule.forbid, (*path, "forbid"), issue_index, options)
            if clause is not None:
                forbidden.append(clause)
        elif rule.if_ is not None and rule.then is not None:
            cond = _clause(chk, rule.if_, (*path, "if"), issue_index, options)
            then = _clause(chk, rule.then, (*path, "then"), issue_index, options)
            if cond is None or then is None:
                continue
            # if A then (B1 and B2 ...)  ==  forbid (A and not B1), forbid (A and not B2), ...
            for then_issue, mask in then.masks:
                merged = dict(cond.masks)
                merged[then_issue] = merged.get(then_issue, np.ones_like(mask)) & ~mask
                forbidden.append(Clause(tuple(sorted(merged.items()))))

    ratification: list[RatificationRule] = []
    for k, rat in enumerate(doc.ratification):
        path = ("ratification", k)
        chk.check_source_ref(rat, path)
        if rat.ratifier not in party_index:
            chk.error((*path, "ratifier"), _unknown("party", rat.ratifier, parties))
            continue
        clause = _clause(chk, rat.when, (*path, "when"), issue_index, options)
        if clause is not None:
            ratification.append(RatificationRule(rat.id, party_index[rat.ratifier], clause))

    # ---------------------------------------------------------- settings
    settings = doc.analysis
    if settings.bargaining_parties is not None:
        bargaining = []
        for k, pid in enumerate(settings.bargaining_parties):
            if pid not in party_index:
                chk.error(("analysis", "bargaining_parties", k), _unknown("party", pid, parties))
            else:
                bargaining.append(party_index[pid])
        if not settings.bargaining_parties:
            chk.error(("analysis", "bargaining_parties"), "name at least one party")
    else:
        bargaining = [k for k, p in enumerate(doc.parties) if p.role != "ratifier"]
        if not bargaining:
            bargaining = list(range(n_p))

    # ------------------------------------------------------------ packages
    no_deal_vec = None
    if doc.no_deal is not None:
        no_deal_vec = _package(chk, doc.no_deal.package, ("no_deal", "package"), issues,
                               options, "the no-deal package")
    proposals: list[ProposalSpec] = []
    for k, prop in enumerate(doc.proposals):
        path = ("proposals", k)
        for j, src in enumerate(prop.sources):
            if src not in chk.source_ids:
                chk.error((*path, "sources", j), _unknown("source", src, chk.source_ids))
        for j, issue in enumerate(prop.unspecified):
            if issue not in issue_index:
                chk.error((*path, "unspecified", j), _unknown("issue", issue, issues))
        for pid, obs in prop.observed.items():
            if pid not in party_index:
                chk.error((*path, "observed", pid), _unknown("party", pid, parties))
            if obs.source is not None and obs.source not in chk.source_ids:
                chk.error((*path, "observed", pid, "source"),
                          _unknown("source", obs.source, chk.source_ids))
        vec = _package(chk, prop.package, (*path, "package"), issues, options,
                       f"proposal {prop.id!r}")
        if vec is not None:
            proposals.append(ProposalSpec(
                prop.id, prop.name or prop.id, prop.kind, vec, prop.date, tuple(prop.sources),
                tuple(prop.unspecified),
                {pid: obs.reaction for pid, obs in prop.observed.items()}, prop.note))

    n_packages = 1
    for opts in options:
        n_packages *= len(opts)
    if n_packages > MAX_PACKAGES:
        chk.error(("issues",), f"the package space has {n_packages:.3g} packages, more than the "
                  f"{MAX_PACKAGES:.0e} parley can index; merge or drop options")

    from parley.durability.mapping import durability_problems

    more, entries = durability_problems(doc, located)
    chk.problems += more
    chk.ledger += entries

    from parley.gmcr.scenario import gmcr_problems

    chk.problems += gmcr_problems(doc, located)

    from parley.dynamics.checks import dynamics_problems

    more, entries = dynamics_problems(doc, located)
    chk.problems += more
    chk.ledger += entries

    from parley.forecast.scenario_spatial import spatial_problems

    more, entries = spatial_problems(doc, located)
    chk.problems += more
    chk.ledger += entries

    if chk.problems:
        raise ScenarioError(chk.problems)

    scenario = Scenario(
        doc=doc, file=located.file, parties=tuple(parties), issues=tuple(issues),
        options=tuple(options), weights=weights, values=tuple(values),
        interactions=tuple(interactions), reservation=reservation, capability=capability,
        veto=veto, forbidden=tuple(forbidden), ratification=tuple(ratification),
        proposals=tuple(proposals), bargaining=tuple(bargaining), ledger=tuple(chk.ledger),
        warnings=tuple(chk.warnings))
    if no_deal_vec is not None and uses_no_deal:
        u = scenario.utilities(no_deal_vec[None, :])[0]
        for k in uses_no_deal:
            scenario.reservation[k] = u[k]

    _check_feasibility(chk, scenario)
    if chk.problems:
        raise ScenarioError(chk.problems)
    return scenario


def _check_feasibility(chk: _Checker, scenario: Scenario) -> None:
    from parley.space import BlockTooLarge, build_blocks, feasible_count

    try:
        blocks = build_blocks(scenario)
    except BlockTooLarge as exc:
        names = ", ".join(repr(scenario.issues[i]) for i in exc.issues)
        chk.error(("rules",), f"issues {names} are linked by rules, interactions or ratification "
                  f"conditions into {exc.size:,} joint options, too many to list; "
                  "split the rules or reduce the options")
        return
    if feasible_count(blocks) == 0:
        empty = [b for b in blocks if b.size == 0]
        names = ", ".join(repr(scenario.issues[i]) for b in empty for i in b.issues)
        chk.error(("rules",), "the feasibility rules contradict each other: no package "
                  f"satisfies them all (no allowed combination of {names})")
        return
    for prop in scenario.proposals:
        if not scenario.feasible(prop.package[None, :])[0]:
            index = [p.id for p in scenario.doc.proposals].index(prop.id)
            chk.error(("proposals", index, "package"),
                      f"proposal {prop.id!r} breaks a feasibility rule; fix the package or the "
                      "rule")
