"""Benchmark of ``parley uncertainty``: Monte Carlo of the full bargaining analysis.

Each draw of the default scenario's uncertain numbers repeats the whole bargaining
analysis on the compiled scenario (proposal acceptability, exact ZOPA count over the
feasible packages, the acceptable frontier, every bargaining solution). Timed on 1 and
2 local worker processes and on a Dask LocalCluster; all three must give the same
results (checked).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_bargaining import machine_info, write_section

import parley
from parley.uncertainty import compile_scenario, monte_carlo

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Uncertainty (bench_uncertainty.py)"


def _timed(fn: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--samples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cluster-workers", type=int, default=2)
    ap.add_argument("--cluster-samples", type=int, default=None,
                    help="draws of the LocalCluster run (default: --samples)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    from distributed import LocalCluster

    scenario, t_load = _timed(lambda: parley.load_scenario(None))
    compiled, t_compile = _timed(lambda: compile_scenario(scenario))
    n = args.samples
    n_dask = args.cluster_samples or n
    load_before = os.getloadavg()[0]
    cpu0 = time.process_time()
    one, t1 = _timed(lambda: monte_carlo(compiled, n, args.seed, workers=1))
    cpu1 = time.process_time() - cpu0
    print(f"1 worker: {t1:.1f} s", flush=True)
    two, t2 = _timed(lambda: monte_carlo(compiled, n, args.seed, workers=2))
    print(f"2 workers: {t2:.1f} s", flush=True)
    with LocalCluster(n_workers=args.cluster_workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=40) as cluster:
        dask, t_dask = _timed(lambda: monte_carlo(compiled, n_dask, args.seed,
                                                  cluster=cluster))
    print(f"LocalCluster: {t_dask:.1f} s", flush=True)
    docs = [r.to_dict() for r in (one, two)]
    ref = one if n_dask == n else monte_carlo(compiled, n_dask, args.seed, workers=2)
    docs += [ref.to_dict(), dask.to_dict()]
    for d in docs:
        d.pop("run")
    same = docs[0] == docs[1] and docs[2] == docs[3]
    info = machine_info()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    shown = " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    command = f"python benchmarks/bench_uncertainty.py {shown}".rstrip()
    eff = t1 / (2 * t2)
    load_after = os.getloadavg()[0]
    section = "\n".join([
        SECTION, "",
        f"Run {stamp} on {info['cpu']} ({info['nproc']} CPUs, {info['mem_gb']} GB RAM, "
        f"{info['os']}), Python {info['python']}, numpy {info['numpy']}; parley at commit "
        f"{info['commit']}. The machine was shared with other jobs, so the parallel "
        "figures are lower bounds.", "",
        "```", command, "```", "",
        f"{n:,} Monte Carlo draws (seed {args.seed}) of the {len(compiled.params)} uncertain "
        f"numbers of the default scenario ({compiled.scenario.n_packages:,} packages, "
        f"frontier by `{compiled.method}`), each a full bargaining analysis: every "
        "proposal's acceptability, the exact ZOPA count, the acceptable frontier and all "
        "five bargaining solutions. Loading the YAML took "
        f"{t_load:.2f} s and compiling once {t_compile:.2f} s; draws only substitute "
        "numbers into the compiled arrays.", "",
        "| run | wall time | samples/s | scaling efficiency |",
        "|---|---:|---:|---:|",
        f"| 1 local worker (in process) | {t1:.1f} s | {n / t1:.0f} | – |",
        f"| 2 local worker processes | {t2:.1f} s | {n / t2:.0f} | {100 * eff:.0f}% |",
        f"| Dask LocalCluster, {args.cluster_workers} worker processes, {n_dask:,} draws | "
        f"{t_dask:.1f} s | {n_dask / t_dask:.0f} | – |", "",
        f"Per draw on one worker: {1000 * t1 / n:.1f} ms wall, {1000 * cpu1 / n:.1f} ms of "
        f"CPU time (load average {load_before:.1f} before, {load_after:.1f} after the "
        "runs; wall times stretch when other jobs share the cores). Results identical across the "
        f"local runs and between the cluster run and a local run of the same draws: "
        f"**{'yes' if same else 'NO'}**. Scaling efficiency is "
        "t(1) / (2 · t(2)).", ""])
    print(section)
    if not args.no_write:
        write_section(args.out, section, SECTION)
        print(f"wrote {args.out}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
