"""Time parley's bargaining engine on the inputs where its shortcuts help least.

``bench_bargaining.py`` uses independent issues, where folding block frontiers is
at its best. This script adds the harder and the everyday cases:

- the bundled default scenario (most issues linked by rules and interactions
  into one block of ~70,000 combinations), full analysis including repairs;
- a random scenario whose rules chain every issue into a single block, so the
  frontier must be filtered from the whole acceptable set;
- the ``scan`` method (plain chunked enumeration) next to ``fold`` on the
  independent 10^6 x 3 case, to show what the structure is worth.

    python benchmarks/bench_engine_paths.py [--out docs/benchmarks.md]

Each case runs in a fresh subprocess; times are the best of 3 runs of
``parley.analyze``; peak RSS is the subprocess's ``ru_maxrss``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_bargaining import machine_info, write_section  # noqa: E402

SECTION = "## Engine paths (bench_engine_paths.py)"


def chained_document(n_issues: int, n_options: int, n_parties: int, seed: int) -> dict[str, Any]:
    """Random preferences; a forbid rule between each pair of neighbouring issues."""
    rng = np.random.default_rng(seed)
    issues = [{"id": f"i{i}", "options": [{"id": f"o{k}"} for k in range(n_options)]}
              for i in range(n_issues)]
    prefs = {}
    for p in range(n_parties):
        w = rng.dirichlet(np.ones(n_issues))
        prefs[f"p{p}"] = {
            "judgment": "random benchmark preferences",
            "weights": {f"i{i}": float(w[i]) for i in range(n_issues)},
            "values": {f"i{i}": {f"o{k}": float(rng.random()) for k in range(n_options)}
                       for i in range(n_issues)},
            "reservation": 0.4,
        }
    rules = [{"id": f"r{i}", "forbid": {f"i{i}": "o0", f"i{i + 1}": "o1"}}
             for i in range(n_issues - 1)]
    return {"parley": 1, "id": "chained", "parties": [{"id": f"p{p}"} for p in range(n_parties)],
            "issues": issues, "preferences": prefs, "rules": rules}


def independent_document(seed: int) -> dict[str, Any]:
    """The 10^6 x 3 case of bench_bargaining.py."""
    from bench_bargaining import CASE_BY_NAME, parley_document, random_case

    case = CASE_BY_NAME["1M × 3"]
    weights, values = random_case(case, seed)
    return parley_document(case, weights, values)


CASES: dict[str, dict[str, Any]] = {
    "default scenario, full analysis": {"doc": "default", "method": "auto", "repairs": 5},
    "chained rules, 6^7 = 279,936 × 3": {"doc": ("chained", 7, 6, 3), "method": "auto",
                                         "repairs": 0},
    "chained rules, 8^7 = 2.10M × 4": {"doc": ("chained", 7, 8, 4), "method": "auto",
                                       "repairs": 0},
    "independent 1M × 3, fold": {"doc": "independent", "method": "fold", "repairs": 0},
    "independent 1M × 3, scan": {"doc": "independent", "method": "scan", "repairs": 0},
}


def worker(name: str, out: Path) -> None:
    import parley

    spec = CASES[name]
    doc = spec["doc"]
    if doc == "default":
        scenario = parley.load_scenario()
    elif doc == "independent":
        scenario = parley.scenario_from_dict(independent_document(0))
    else:
        _, n_issues, n_options, n_parties = doc
        scenario = parley.scenario_from_dict(chained_document(n_issues, n_options, n_parties, 11))
    times = []
    result = None
    for _ in range(3):
        t0 = time.perf_counter()
        result = parley.analyze(scenario, repairs=spec["repairs"], method=spec["method"])
        times.append(time.perf_counter() - t0)
    assert result is not None
    from parley.space import build_blocks

    largest = max(b.size for b in build_blocks(scenario))
    (out / "r.json").write_text(json.dumps({
        "time": min(times), "packages": scenario.n_packages, "feasible": result.n_feasible,
        "zopa": result.zopa.size, "frontier": 0 if result.frontier is None
        else int(result.frontier.packages.shape[0]), "method": result.method,
        "largest_block": int(largest),
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE.parent / "docs" / "benchmarks.md")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--result-dir", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, Path(args.result_dir))
        return 0
    rows = []
    for name in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, __file__, "--worker", name, "--result-dir", tmp],
                           check=True)
            r = json.loads((Path(tmp) / "r.json").read_text())
        print(f"{name}: {r['time'] * 1e3:.1f} ms, frontier {r['frontier']}, "
              f"peak RSS {r['rss'] / 1e6:.0f} MB", flush=True)
        rows.append((name, r))
    info = machine_info()
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [SECTION, "",
             f"Run {date} on {info['cpu']} ({info['nproc']} CPUs, {info['mem_gb']} GB RAM, "
             f"{info['os']}), Python {info['python']}, numpy {info['numpy']}; parley at "
             f"commit {info['commit']}.", "",
             "```", "python benchmarks/bench_engine_paths.py", "```", "",
             "Best of 3 runs of `parley.analyze` in a fresh subprocess; peak RSS of that "
             "subprocess. *Largest block* is the number of joint options of the biggest group "
             "of issues linked by rules or interactions (the engine lists each block once and "
             "folds blocks together).", "",
             "| case | packages | feasible | largest block | ZOPA | frontier | method | time | "
             "peak RSS |",
             "|---|---:|---:|---:|---:|---:|---|---:|---:|"]
    for name, r in rows:
        zopa = "–" if r["zopa"] is None else f"{r['zopa']:,}"
        lines.append(f"| {name} | {r['packages']:,} | {r['feasible']:,} | "
                     f"{r['largest_block']:,} | {zopa} | {r['frontier']:,} | {r['method']} | "
                     f"{r['time'] * 1e3:.1f} ms | {r['rss'] / 1e6:.0f} MB |")
    write_section(args.out, "\n".join(lines) + "\n", SECTION)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
