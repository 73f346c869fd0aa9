"""Turn an :class:`~parley.bargaining.analyze.AnalysisResult` into the JSON document."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from parley import __version__

if TYPE_CHECKING:
    from parley.bargaining.analyze import AnalysisResult, Solution
    from parley.bargaining.proposals import ProposalResult


def _by_party(parties: tuple[str, ...], values: Any) -> dict[str, float]:
    return {p: float(v) for p, v in zip(parties, values, strict=True)}


def _solution(sol: Solution | None) -> dict[str, Any] | None:
    if sol is None:
        return None
    return {"package": sol.package, "utilities": sol.utilities, "margins": sol.margins}


def _proposal(res: ProposalResult) -> dict[str, Any]:
    spec = res.spec
    return {
        "name": spec.name,
        "kind": spec.kind,
        "date": spec.date,
        "sources": list(spec.sources),
        "package": res.package,
        "unspecified": list(spec.unspecified),
        "utilities": res.utilities,
        "margins": res.margins,
        "required": list(res.required),
        "acceptable": res.acceptable,
        "rejected_by": [
            {"party": r.party, "margin": r.margin,
             "drivers": [{"issue": d.issue, "current": d.current, "best": d.best,
                          "gain": d.gain, "clears_alone": d.clears_alone} for d in r.drivers]}
            for r in res.rejections],
        "frontier_distance": res.frontier_distance,
        "dominated_by": res.dominated_by,
        "repairs": [
            {"changes": {k: {"from": a, "to": b} for k, (a, b) in r.changes.items()},
             "package": r.package, "utilities": r.utilities, "min_margin": r.min_margin}
            for r in res.repairs],
        "repair_distance": res.repair_distance,
        "repair_searched_up_to": res.repair_searched,
        "observed": dict(spec.observed),
        "observed_agreement": res.observed_agreement,
        "note": spec.note,
    }


def result_to_dict(res: AnalysisResult) -> dict[str, Any]:
    """The stable JSON contract of ``parley analyze --format json``."""
    sc = res.scenario
    parties = sc.parties
    dims = set(sc.bargaining)
    required_by_rule = {sc.parties[r.ratifier] for r in sc.ratification}
    frontier: list[dict[str, Any]] = []
    if res.frontier is not None:
        for pkg, util in zip(res.frontier.packages, res.frontier.utilities, strict=True):
            frontier.append({"package": sc.package_dict(pkg),
                             "utilities": _by_party(parties, util)})
    doc_parties = {p.id: p for p in sc.doc.parties}
    return {
        "parley_version": __version__,
        "scenario": {"id": sc.id, "title": sc.doc.title, "file": sc.file,
                     "as_of": sc.doc.as_of},
        "parties": [
            {"id": p, "name": doc_parties[p].name or p, "role": doc_parties[p].role,
             "veto": bool(sc.veto[k]), "ratifies": p in required_by_rule,
             "bargaining": k in dims, "capability": float(sc.capability[k]),
             "reservation_value": float(sc.reservation[k]),
             "disagreement": float(res.disagreement[k]),
             "min_utility": float(res.space_min[k]), "max_utility": float(res.space_max[k])}
            for k, p in enumerate(parties)],
        "issues": [{"id": i, "options": list(o)} for i, o in zip(sc.issues, sc.options,
                                                                 strict=True)],
        "space": {"packages": res.n_packages, "feasible": res.n_feasible,
                  "enumerated": res.enumerated, "method": res.method},
        "conventions": {"disagreement": res.conventions.disagreement,
                        "ideal": res.conventions.ideal},
        "disagreement_point": _by_party(parties, res.disagreement),
        "ideal_point": _by_party(parties, res.ideal),
        "zopa": {"size": res.zopa.size, "share": res.zopa.share, "exact": res.zopa.exact,
                 "empty": res.zopa.empty if res.zopa.exact else None,
                 "share_low": res.zopa.low, "share_high": res.zopa.high},
        "frontier_enumerated": res.frontier_enumerated,
        "frontier": frontier,
        "solutions": {name: _solution(sol) for name, sol in res.solutions.items()},
        "proposals": {pid: _proposal(p) for pid, p in res.proposals.items()},
        "notes": list(res.notes),
        "warnings": list(sc.warnings),
    }


def analysis_schema_path() -> Path:
    """The JSON Schema (draft 2020-12) of the analysis document, shipped as package data."""
    return Path(__file__).resolve().parent.parent / "data" / "analysis.schema.json"
