"""Dynamics benchmark: 24 months of bargaining on the default scenario.

Usage::

    python benchmarks/bench_dynamics.py [--months 24] [--out docs/benchmarks.md]

Times, best of 3:

- ``parley.dynamics.analyze.analyze_dynamics(scenario, months)``: one compilation
  (blocks, candidate frontier), then Nash/KS, ZOPA counts and ripeness for every month
  (the horizon plus the 12-month look-ahead);
- its parts: ``compile_bargaining`` and ``bargain_months`` on the reservation path;
- the naive alternative it replaces: ``parley.analyze`` on a copy of the scenario with
  each month's reservation values (recompiling every month), for months 0..horizon.

Peak traced Python memory (tracemalloc) of the dynamics run is reported too. The run
replaces the section "## Dynamics (bench_dynamics.py)" of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import shlex
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_bargaining import machine_info, write_section

import parley
from parley.dynamics import reservation_path
from parley.dynamics.analyze import LOOKAHEAD, analyze_dynamics
from parley.dynamics.bargaining import bargain_months, compile_bargaining

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Dynamics (bench_dynamics.py)"


def best_of(fn: Callable[[], Any], n: int = 3) -> tuple[float, list[float]]:
    runs = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return min(runs), runs


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--months", type=int, default=24, help="horizon in months")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md",
                    help="Markdown file to update")
    args = ap.parse_args(argv)
    scenario = parley.load_scenario()
    months = args.months
    total, runs = best_of(lambda: analyze_dynamics(scenario, months))
    compile_t, _ = best_of(lambda: compile_bargaining(scenario))
    compiled = compile_bargaining(scenario)
    rv = reservation_path(scenario, months + LOOKAHEAD)
    months_t, _ = best_of(lambda: bargain_months(compiled, rv))
    rv_h = rv[: months + 1]

    def naive() -> None:
        for m in range(months + 1):
            parley.analyze(dataclasses.replace(scenario, reservation=rv_h[m].copy()), repairs=0)

    naive_t, _ = best_of(naive, 1)
    tracemalloc.start()
    analyze_dynamics(scenario, months)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    info = machine_info()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    argv_shown = " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    command = f"python benchmarks/bench_dynamics.py {argv_shown}".rstrip()
    n_months = months + 1 + LOOKAHEAD
    section = "\n".join([
        SECTION, "",
        f"Run {stamp} on {info['cpu']} ({info['nproc']} CPUs, {info['mem_gb']} GB RAM, "
        f"{info['os']}), Python {info['python']}, numpy {info['numpy']}; parley at commit "
        f"{info['commit']}.", "",
        "```", command, "```", "",
        f"Default scenario ({compiled.n_feasible:,} feasible packages, "
        f"{compiled.packages.shape[0]:,} frontier candidates), {months}-month horizon plus "
        f"the {LOOKAHEAD}-month look-ahead: bargaining in {n_months} months.", "",
        "| step | time (best of 3) |", "|---|---:|",
        f"| `analyze_dynamics` (whole run) | **{total:.2f} s** "
        f"({', '.join(f'{r:.2f}' for r in runs)}) |",
        f"| of which `compile_bargaining` (once) | {compile_t:.2f} s |",
        f"| of which `bargain_months` ({n_months} months) | {months_t:.2f} s |",
        f"| naive: `parley.analyze` per month, {months + 1} months (1 run) | {naive_t:.2f} s |",
        "",
        f"Peak traced Python memory of the whole run: {peak / 2**20:.0f} MiB.", ""])
    print(section)
    write_section(args.out, section, SECTION)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
