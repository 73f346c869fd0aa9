"""Forecast benchmark: KTAB SMP and the EUM on 100 actors x 10 dimensions.

Usage::

    python benchmarks/bench_forecast.py [--seed N] [--out docs/benchmarks.md]

The input is drawn from a seeded ``numpy.random.Generator``: capabilities uniform on
[10, 200], positions uniform on [0, 100], saliences random shares of an overall salience
uniform on [50, 100]. Times: ``parley.forecast.run_smp(data)`` to KTAB's stopping rule and
``parley.forecast.run_eum(data)`` (default Scholz options) until no position moves by more
than 1e-9 or 100 rounds, each best of 3. The run replaces the section
"## Forecast (bench_forecast.py)" of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_bargaining import machine_info, write_section

from parley.forecast import SpatialInput, run_eum, run_smp

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Forecast (bench_forecast.py)"


def random_input(n: int, m: int, seed: int) -> SpatialInput:
    """A random spatial input with ``n`` actors and ``m`` dimensions."""
    rng = np.random.default_rng(seed)
    raw = rng.uniform(0.1, 1.0, (n, m))
    sal = 100.0 * raw / raw.sum(axis=1, keepdims=True) * rng.uniform(0.5, 1.0, (n, 1))
    names = tuple(f"a{i}" for i in range(n))
    return SpatialInput("bench", "", names, names, tuple(f"d{k}" for k in range(m)),
                        rng.uniform(10.0, 200.0, n), rng.uniform(0.0, 100.0, (n, m)), sal)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--seed", type=int, default=0, help="seed of the random input")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md",
                    help="Markdown file to update")
    args = ap.parse_args(argv)
    data = random_input(100, 10, args.seed)
    load = os.getloadavg()[0]
    runs = []
    rounds = 0
    for _ in range(3):
        start = time.perf_counter()
        rounds = run_smp(data).rounds
        runs.append(time.perf_counter() - start)
    eum_runs = []
    eum = run_eum(data)
    for _ in range(3):
        start = time.perf_counter()
        eum = run_eum(data)
        eum_runs.append(time.perf_counter() - start)
    per_dim = [run.positions.shape[0] - 1 for run in eum.runs]
    settled = sum(run.converged for run in eum.runs)
    info = machine_info()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    argv_shown = " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    command = f"python benchmarks/bench_forecast.py {argv_shown}".rstrip()
    shown = ", ".join(f"{r:.2f} s" for r in runs)
    eum_shown = ", ".join(f"{r:.2f} s" for r in eum_runs)
    section = "\n".join([
        SECTION, "",
        f"Run {stamp} on {info['cpu']} ({info['nproc']} CPUs, {info['mem_gb']} GB RAM, "
        f"{info['os']}), Python {info['python']}, numpy {info['numpy']}; parley at commit "
        f"{info['commit']}. Load average at the start: {load:.1f} (the machine is shared, "
        "so times vary between runs).", "",
        "```", command, "```", "",
        "KTAB Spatial Model of Politics (default parameters) on a random input of 100 actors "
        f"and 10 dimensions (seed {args.seed}), run to KTAB's stopping rule: {rounds} rounds, "
        f"**{min(runs):.2f} s** best of 3 ({shown}).", "",
        "Expected-utility model (Scholz et al. 2011 reading, default options) on the same "
        f"input, dimension by dimension until no position moves (1e-9) or 100 rounds: "
        f"{settled} of {len(per_dim)} dimensions settled, after {min(per_dim)}–"
        f"{max(per_dim)} rounds ({sum(per_dim)} dimension-rounds); "
        f"**{min(eum_runs):.2f} s** best of 3 ({eum_shown}). Each dimension-round builds one "
        "voter × actor × actor array (10^6 entries) for the offers, and gets the risk "
        "exponents (r = 1) from prefix sums over the sorted positions; no Python loop runs "
        "over actor pairs.", ""])
    print(section)
    write_section(args.out, section, SECTION)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
