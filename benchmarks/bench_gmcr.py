"""GMCR benchmark: stability analysis (Nash, GMR, SMR, SEQ) of large random conflicts.

Usage::

    python benchmarks/bench_gmcr.py [--quick] [--seed N] [--out docs/benchmarks.md]

Every case is a random conflict built from a seeded ``numpy.random.Generator``: options are
split as evenly as possible among the decision makers, all options are reversible, and each
decision maker has 6 random preference statements (option prioritisation; each statement joins
1-3 random, possibly negated, options with "&" or "|", and one in four is an "IF"/"IFF" of two
such parts).  Cases:

- 4 decision makers x 13 options, all 8,192 states feasible;
- 4 decision makers x 20 options, all 1,048,576 states feasible;
- 6 decision makers x 20 options with "at most one of" on 7 disjoint option pairs, leaving
  (3/4)**7 * 2**20 = 139,968 feasible states (the issue's "~138,000").

Measured in a fresh subprocess per case: wall time of
``parley.gmcr.analyze_stability(conflict)`` (all four concepts, every decision maker, the
equilibria), best of 3 when a run takes under 10 s, after building the conflict and the
feasible states (excluded); peak RSS (``ru_maxrss``) of the subprocess, with the RSS of an idle
interpreter that imported parley alongside.  ``--quick`` runs only the first case and writes no
file unless ``--out`` is given; a full run replaces the section "## GMCR (bench_gmcr.py)" of
``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_bargaining import machine_info, write_section

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## GMCR (bench_gmcr.py)"
REPEAT_BELOW_S = 10.0


@dataclass(frozen=True)
class Case:
    """One benchmark case; ``target_s``/``target_mb`` are the issue's targets."""

    name: str
    n_dms: int
    n_options: int
    pairs_at_most_one: int
    seed: int
    target_s: float
    target_mb: float | None = None


CASES = [
    Case("4 DMs × 13 options", 4, 13, 0, 1, 0.25),
    Case("4 DMs × 20 options", 4, 20, 0, 2, 10.0, 4096.0),
    Case("6 DMs × 20 options, 7 at-most-one pairs", 6, 20, 7, 3, 2.0),
]


def _random_part(rng: np.random.Generator, n: int) -> str:
    k = int(rng.integers(1, 4))
    opts = rng.choice(n, size=k, replace=False) + 1
    lits = [f"-{o}" if rng.random() < 0.4 else str(o) for o in opts]
    return f" {'&' if rng.random() < 0.5 else '|'} ".join(lits)


def random_conflict(case: Case, seed_offset: int = 0) -> Any:
    """The case's conflict (seeded)."""
    from parley.gmcr import AtMostOne, Conflict, DecisionMaker, Option, Prioritization

    rng = np.random.default_rng(case.seed + seed_offset)
    n = case.n_options
    sizes = [n // case.n_dms + (1 if i < n % case.n_dms else 0) for i in range(case.n_dms)]
    dms = []
    start = 0
    for i, size in enumerate(sizes):
        statements = []
        for _ in range(6):
            part = _random_part(rng, n)
            if rng.random() < 0.25:
                kw = "IF" if rng.random() < 0.5 else "IFF"
                part = f"({part}) {kw} ({_random_part(rng, n)})"
            statements.append(part)
        dms.append(DecisionMaker(f"DM{i + 1}", tuple(range(start, start + size)),
                                 Prioritization.parse(statements, n)))
        start += size
    perm = rng.permutation(n)
    rules = tuple(AtMostOne((int(perm[2 * k]), int(perm[2 * k + 1])))
                  for k in range(case.pairs_at_most_one))
    return Conflict(tuple(Option(f"o{k + 1}") for k in range(n)), tuple(dms), rules)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def worker(case: Case | None, seed_offset: int) -> dict[str, Any]:
    """Run in the subprocess: time the analysis (or report the idle RSS when case is None)."""
    from parley.gmcr import analyze_stability

    if case is None:
        return {"rss_mb": _maxrss_mb()}
    conflict = random_conflict(case, seed_offset)
    conflict.feasible_codes()
    conflict.ranks()
    runs: list[float] = []
    result = None
    while len(runs) < 3:
        t0 = time.perf_counter()
        result = analyze_stability(conflict)
        runs.append(time.perf_counter() - t0)
        if runs[0] >= REPEAT_BELOW_S:
            break
    assert result is not None
    return {"states": len(result.codes), "runs": runs, "rss_mb": _maxrss_mb(),
            "equilibria": {c: len(v) for c, v in result.equilibria.items()}}


def spawn(index: int | None, seed: int) -> dict[str, Any]:
    """Run :func:`worker` for case ``index`` (None: idle) in a fresh interpreter."""
    cmd = [sys.executable, __file__, "--worker", "idle" if index is None else str(index),
           "--seed", str(seed)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _secs(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def render(rows: list[tuple[Case, dict[str, Any]]], idle: dict[str, Any], command: str,
           info: dict[str, str], stamp: str) -> str:
    """The Markdown section."""
    lines = [
        SECTION, "",
        f"Run {stamp} on {info['cpu']} ({info['nproc']} CPUs, {info['mem_gb']} GB RAM, "
        f"{info['os']}), Python {info['python']}, numpy {info['numpy']}; parley at commit "
        f"{info['commit']}.", "",
        "```", command, "```", "",
        "Random conflicts (seeded numpy Generator), all options reversible, 6 random preference "
        "statements per decision maker (option prioritisation). Time: "
        "`parley.gmcr.analyze_stability(conflict)` — Nash, GMR, SMR and SEQ stability for every "
        "decision maker plus the equilibria, standard sanctions (any legal sequence of "
        "opponents' moves) — best of 3 when a run is under 10 s; building the conflict, its "
        "feasible states and preference ranks is excluded. Peak RSS is the subprocess's "
        f"`ru_maxrss`; in brackets the increase over an idle interpreter with parley imported "
        f"({idle['rss_mb']:.0f} MB).", "",
        "| case | feasible states | time (runs) | peak RSS | equilibria nash/gmr/smr/seq |",
        "|---|---:|---|---:|---|",
    ]
    for case, r in rows:
        eq = r["equilibria"]
        runs = ", ".join(_secs(x) for x in r["runs"])
        lines.append(
            f"| {case.name} | {r['states']:,} | **{_secs(min(r['runs']))}** ({runs}) | "
            f"{r['rss_mb']:,.0f} MB (+{r['rss_mb'] - idle['rss_mb']:,.0f} MB) | "
            f"{eq['nash']}/{eq['gmr']}/{eq['smr']}/{eq['seq']} |")
    lines += ["", "Targets (issue 3; GMCR+ took 275 s and 4.1 GB on the first case):", ""]
    for case, r in rows:
        best = min(r["runs"])
        ok = best <= case.target_s and (case.target_mb is None or r["rss_mb"] <= case.target_mb)
        mem = f" and ≤ {case.target_mb / 1024:.0f} GB" if case.target_mb else ""
        lines.append(f"- **{'PASS' if ok else 'FAIL'}** {case.name}: ≤ {_secs(case.target_s)}"
                     f"{mem} (measured {_secs(best)}, peak RSS {r['rss_mb']:,.0f} MB)")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--quick", action="store_true", help="only the first case; no file written")
    ap.add_argument("--seed", type=int, default=0, help="added to every case's seed")
    ap.add_argument("--out", type=Path, default=None,
                    help="Markdown file to update (default docs/benchmarks.md; none with --quick)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker is not None:
        case = None if args.worker == "idle" else CASES[int(args.worker)]
        print(json.dumps(worker(case, args.seed)))
        return 0
    load_start = os.getloadavg()[0]
    idle = spawn(None, args.seed)
    rows = []
    for index, case in enumerate(CASES[:1] if args.quick else CASES):
        r = spawn(index, args.seed)
        rows.append((case, r))
        print(f"{case.name}: {r['states']:,} states, best {_secs(min(r['runs']))}, "
              f"peak RSS {r['rss_mb']:,.0f} MB", flush=True)
    out = args.out if args.out is not None else (None if args.quick else
                                                 ROOT / "docs" / "benchmarks.md")
    if out is not None:
        argv_shown = " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
        command = f"python benchmarks/bench_gmcr.py {argv_shown}".rstrip()
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        info = machine_info()
        section = render(rows, idle, command, info, stamp)
        section = section.replace(
            "\n\n```", f" Load average (1 min) {load_start:.2f} at the start, "
            f"{os.getloadavg()[0]:.2f} at the end.\n\n```", 1)
        write_section(out, section, SECTION)
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
