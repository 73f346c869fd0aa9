"""Negotiation benchmark: a 100-round 5-party SAO run on 10^6 packages, a tournament of
6 strategies x 20 seeds on the default scenario, and NegMAS on the same SAO run.

Usage::

    python benchmarks/bench_negotiation.py [--seed N] [--no-negmas] [--negmas-timeout S]
                                           [--out docs/benchmarks.md]

The synthetic scenario has 5 parties and 6 issues of 10 options (10^6 packages, no
rules), weights and option values drawn from a seeded ``numpy.random.Generator``,
reservation values at 60% of each party's utility range. parley: ``build_space`` (list
and sort once) and ``run_sao`` with every party ``linear`` for 100 rounds. NegMAS 0.16:
``SAOMechanism(n_steps=100)`` with five ``TimeBasedConcedingNegotiator(offering_curve=1.0,
stochastic=False)`` on the same linear-additive utilities, in a subprocess with a time
limit. The tournament is ``run_tournament(default, 6 strategies, seeds=20,
pairing="focal")`` (26 combinations x 20 seeds = 520 runs) with 1 and 2 workers.
Replaces the section "## Negotiation (bench_negotiation.py)" of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_bargaining import machine_info, write_section

import parley
from parley.negotiation import build_space, run_sao
from parley.negotiation.mediated import run_mediated
from parley.negotiation.tournament import run_tournament

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Negotiation (bench_negotiation.py)"
STRATEGIES = ["linear_om", "boulware", "conceder", "tit_for_tat", "hardliner", "walk_away"]


def synthetic_document(seed: int, n_issues: int = 6, n_options: int = 10,
                       n_parties: int = 5) -> dict[str, Any]:
    """A random linear-additive scenario with ``n_options ** n_issues`` packages."""
    rng = np.random.default_rng(seed)
    parties = [f"p{k}" for k in range(n_parties)]
    issues = [f"i{i}" for i in range(n_issues)]
    prefs = {}
    for pid in parties:
        w = rng.uniform(0.1, 1.0, n_issues)
        w /= w.sum()
        values = rng.uniform(0.0, 1.0, (n_issues, n_options)).round(4)
        lo = float((w * values.min(axis=1)).sum())
        hi = float((w * values.max(axis=1)).sum())
        prefs[pid] = {"judgment": "synthetic", "weights": dict(zip(issues, w.round(6).tolist(),
                                                                    strict=True)),
                      "values": {iid: {f"o{j}": float(values[i, j]) for j in range(n_options)}
                                 for i, iid in enumerate(issues)},
                      "reservation": round(lo + 0.6 * (hi - lo), 4)}
    return {"parley": 1, "id": "synthetic_negotiation", "parties": [{"id": p} for p in parties],
            "issues": [{"id": iid, "options": [{"id": f"o{j}"} for j in range(n_options)]}
                       for iid in issues], "preferences": prefs}


NEGMAS_SCRIPT = r"""
import json, sys, time
from negmas import SAOMechanism, make_issue, make_os
from negmas.gb.negotiators.timebased import TimeBasedConcedingNegotiator
from negmas.preferences import LinearAdditiveUtilityFunction
doc = json.load(sys.stdin)
issues = [make_issue(values=[o["id"] for o in i["options"]], name=i["id"]) for i in doc["issues"]]
space = make_os(issues)
start = time.perf_counter()
mech = SAOMechanism(outcome_space=space, n_steps=100)
for p in doc["parties"]:
    pref = doc["preferences"][p["id"]]
    u = LinearAdditiveUtilityFunction(
        values=[pref["values"][i["id"]] for i in doc["issues"]],
        weights=[pref["weights"][i["id"]] for i in doc["issues"]],
        outcome_space=space, reserved_value=pref["reservation"])
    mech.add(TimeBasedConcedingNegotiator(offering_curve=1.0, stochastic=False,
                                          name=p["id"]), preferences=u)
state = mech.run()
print(json.dumps({"seconds": time.perf_counter() - start, "step": state.step,
                  "agreement": state.agreement is not None}))
"""


def negmas_run(doc: dict[str, Any], timeout: float) -> dict[str, Any] | None:
    """NegMAS's SAO run in a subprocess; None when it times out or fails."""
    try:
        out = subprocess.run([sys.executable, "-c", NEGMAS_SCRIPT], input=json.dumps(doc),
                             capture_output=True, text=True, timeout=timeout, check=True)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return None
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def best_of(fn: Any, k: int = 3) -> tuple[float, Any]:
    """Best wall time of ``k`` calls and the last result."""
    times, result = [], None
    for _ in range(k):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--seed", type=int, default=0, help="seed of the synthetic scenario")
    ap.add_argument("--no-negmas", action="store_true", help="skip NegMAS")
    ap.add_argument("--negmas-timeout", type=float, default=600.0,
                    help="seconds for each NegMAS run")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = ap.parse_args(argv)

    load_start = os.getloadavg()[0]
    big = synthetic_document(args.seed)
    sc = parley.scenario_from_dict(big, "synthetic")
    t_build, space = best_of(lambda: build_space(sc), 1)
    t_sao, res = best_of(lambda: run_sao(space, default="linear", rounds=100, seed=0))
    t_med, med = best_of(lambda: run_mediated(space, default="linear", rounds=100, seed=0,
                                              analysis=parley.analyze(sc, repairs=0)), 1)
    small = synthetic_document(args.seed, n_issues=4)
    sc_small = parley.scenario_from_dict(small, "synthetic_small")
    t_small, res_small = best_of(
        lambda: run_sao(build_space(sc_small), default="linear", rounds=100, seed=0))

    default = parley.load_scenario()
    t_t1, tour = best_of(lambda: run_tournament(default, STRATEGIES, seeds=20,
                                                pairing="focal", workers=1), 1)
    t_t2, tour2 = best_of(lambda: run_tournament(default, STRATEGIES, seeds=20,
                                                 pairing="focal", workers=2), 1)
    assert tour.to_dict() == tour2.to_dict()
    overall = tour.to_dict()["overall"]

    nm_big = nm_small = None
    if not args.no_negmas:
        nm_small = negmas_run(small, args.negmas_timeout)
        nm_big = negmas_run(big, args.negmas_timeout)

    def negmas_text(r: dict[str, Any] | None) -> str:
        if args.no_negmas:
            return "not run"
        if r is None:
            return f"did not finish within {args.negmas_timeout:.0f} s"
        return (f"**{r['seconds']:.2f} s** ({'agreement' if r['agreement'] else 'no agreement'}"
                f", step {r['step']})")

    def outcome(r: Any) -> str:
        return (f"agreement in round {r.agreement.round}" if r.agreement is not None
                else r.reason)

    load_end = os.getloadavg()[0]
    info = machine_info()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    shown = " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    command = f"python benchmarks/bench_negotiation.py {shown}".rstrip()
    section = "\n".join([
        SECTION, "",
        f"Run {stamp} on {info['cpu']} ({info['nproc']} CPUs, {info['mem_gb']} GB RAM, "
        f"{info['os']}), Python {info['python']}, numpy {info['numpy']}; parley at commit "
        f"{info['commit']}.", "",
        "```", command, "```", "",
        f"The machine is shared: 1-minute load average {load_start:.1f} at the start and "
        f"{load_end:.1f} at the end of the run (on 2 CPUs, extra workers may not help).", "",
        "| case | parley | NegMAS 0.16 |", "|---|---|---|",
        f"| 5 parties, 10^6 packages: list and sort the space once (`build_space`) | "
        f"{t_build:.2f} s | – |",
        f"| 5 parties, 10^6 packages: 100-round SAO, all `linear` ({outcome(res)}, "
        f"{len(res.trace)} offers) | **{t_sao:.3f} s** (best of 3, after the listing) | "
        f"{negmas_text(nm_big)} |",
        f"| 5 parties, 10^6 packages: 100-round mediated text, neutral Nash target "
        f"({outcome(med)}) | {t_med:.2f} s (with `parley.analyze` for the target) | – |",
        f"| 5 parties, 10^4 packages: 100-round SAO, all `linear` ({outcome(res_small)}) | "
        f"{t_small:.3f} s (listing included) | {negmas_text(nm_small)} |",
        f"| default scenario (432,000 packages, 209,040 feasible): tournament of 6 strategies "
        f"× 20 seeds, `--pairing focal` (26 combinations, 520 runs), 1 worker | "
        f"**{t_t1:.1f} s** | – |",
        f"| same tournament, 2 workers (identical results) | {t_t2:.1f} s | – |", "",
        f"Tournament: agreement rate {overall['agreement_rate']:.0%} over 520 runs "
        f"(strategies {', '.join(STRATEGIES)}; baseline `{STRATEGIES[0]}`). "
        "Agents never re-sort or re-evaluate the space during a run: each offer is a "
        "binary search in the party's "
        "presorted utilities (`linear_om` then scores at most 500 packages of its band with "
        "its frequency model) and each response a table lookup; the NegMAS time includes "
        "building its negotiators' inverse utility functions over the outcome space.", ""])
    print(section)
    write_section(args.out, section, SECTION)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
