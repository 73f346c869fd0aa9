"""Bargaining benchmark: parley against NegMAS 0.16 on the same random scenarios.

Usage::

    python benchmarks/bench_bargaining.py [--quick] [--no-negmas] [--negmas-slow]
                                          [--negmas-timeout SECONDS] [--out docs/benchmarks.md]

Every case is a random linear-additive scenario built from a seeded
``numpy.random.Generator``: no feasibility rules, no interactions, no ratification,
every party has a veto, option values are uniform on [0, 1], each party's issue
weights are drawn from a flat Dirichlet, and reservation values are 0. The same
numbers are handed to parley (as a scenario document) and to NegMAS (as
``LinearAdditiveUtilityFunction`` objects over ``make_issue``/``make_os`` issues).

Measured, each in a fresh subprocess so that peak memory is the run's own:

- parley: wall time of ``parley.analyze(scenario, repairs=0)`` (the Pareto frontier
  of the acceptable set, every bargaining solution and the exact ZOPA count),
  best of 3 when one run takes under 10 s; scenario building is excluded. Peak RSS
  is ``getrusage(RUSAGE_SELF).ru_maxrss`` of the subprocess, reported together with
  the RSS of an idle interpreter that has imported parley; a further untimed run
  under ``tracemalloc`` (only when a run takes under 30 s) gives the peak of traced
  (numpy and Python) allocations.
- NegMAS: wall time (one run) of ``negmas.preferences.ops.pareto_frontier`` plus
  ``nash_points``, ``kalai_points``, ``ks_points`` and ``max_welfare_points`` on
  that frontier, and the subprocess's peak RSS (idle interpreter with NegMAS
  imported reported alongside). A run over ``--negmas-timeout`` is killed and
  reported as a timeout.

Agreement check: NegMAS's frontier utility vectors must equal parley's as sets
(rounded to 1e-9, with a 1e-9 tolerance fallback for rounding-boundary cases), and
parley's Nash, Kalai–Smorodinsky, egalitarian (NegMAS "kalai") and utilitarian
(NegMAS max welfare) points must be among NegMAS's tied optima (1e-9).

``--quick`` runs only the cases of at most 10^6 outcomes, with a 120 s NegMAS
timeout, and writes no file unless ``--out`` is given. A full run writes the
section "## Bargaining (bench_bargaining.py)" of ``docs/benchmarks.md`` (creating
the file if needed and replacing only that section otherwise).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import math
import os
import platform
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Bargaining (bench_bargaining.py)"
#: Repeat a parley run (best of 3) when one run is faster than this.
REPEAT_BELOW_S = 10.0
#: Rerun under tracemalloc (untimed) only when a run is faster than this.
TRACE_BELOW_S = 30.0
#: Tolerance of the agreement checks.
TOL = 1e-9


@dataclass(frozen=True)
class Case:
    """One benchmark case: issue sizes (their product is the outcome count) and parties."""

    name: str
    sizes: tuple[int, ...]
    parties: int
    seed: int
    negmas: bool = True  # run NegMAS by default (else only with --negmas-slow)
    quick: bool = False  # part of --quick

    @property
    def outcomes(self) -> int:
        return math.prod(self.sizes)


CASES = (
    # the task statement: NegMAS 0.16 takes 5.1 s for this frontier
    Case("937.5k × 3", (10, 10, 15, 25, 25), 3, seed=1, quick=True),
    Case("1M × 3", (10,) * 6, 3, seed=2, quick=True),
    Case("10M × 3", (10,) * 7, 3, seed=3),
    Case("1M × 6", (10,) * 6, 6, seed=4, quick=True),
    # the task statement: NegMAS 0.16 takes 94 s and 4.2 GB for 9.77 M outcomes (5^10)
    Case("9.77M × 3", (5,) * 10, 3, seed=5, negmas=False),
)
CASE_BY_NAME = {c.name: c for c in CASES}


# --------------------------------------------------------------------------- scenario


def random_case(case: Case, seed_offset: int = 0) -> tuple[np.ndarray, list[list[np.ndarray]]]:
    """Weights ``(parties, issues)`` and values ``[party][issue] -> (options,)``."""
    rng = np.random.default_rng(case.seed + seed_offset)
    weights = rng.dirichlet(np.ones(len(case.sizes)), size=case.parties)
    values = [[rng.uniform(0.0, 1.0, size=s) for s in case.sizes] for _ in range(case.parties)]
    return weights, values


def parley_document(case: Case, weights: np.ndarray,
                    values: list[list[np.ndarray]]) -> dict[str, Any]:
    """The scenario document (``docs/scenario-format.md``) of a random case."""
    issues = [{"id": f"i{i}", "options": [{"id": f"o{k}"} for k in range(s)]}
              for i, s in enumerate(case.sizes)]
    parties = [{"id": f"p{p}", "role": "party", "veto": True} for p in range(case.parties)]
    prefs = {
        f"p{p}": {
            "judgment": "random benchmark preferences",
            "weights": {f"i{i}": float(weights[p, i]) for i in range(len(case.sizes))},
            "values": {f"i{i}": {f"o{k}": float(v) for k, v in enumerate(values[p][i])}
                       for i in range(len(case.sizes))},
            "reservation": 0.0,
        }
        for p in range(case.parties)
    }
    return {"parley": 1, "id": "bench_random", "title": f"random {case.name}",
            "parties": parties, "issues": issues, "preferences": prefs}


def _import_parley() -> Any:
    try:
        import parley
    except ImportError:  # running from a checkout without installing
        sys.path.insert(0, str(ROOT / "src"))
        import parley
    return parley


def _maxrss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


# --------------------------------------------------------------------------- workers


def worker_parley(case: Case, seed_offset: int, out: Path) -> dict[str, Any]:
    import tracemalloc

    parley = _import_parley()
    weights, values = random_case(case, seed_offset)
    t0 = time.perf_counter()
    scenario = parley.scenario_from_dict(parley_document(case, weights, values))
    build_s = time.perf_counter() - t0
    times = []
    result = None
    while True:
        t0 = time.perf_counter()
        result = parley.analyze(scenario, repairs=0)
        times.append(time.perf_counter() - t0)
        if len(times) == 3 or times[0] >= REPEAT_BELOW_S:
            break
    peak_rss = _maxrss_bytes()
    traced_peak = None
    if min(times) <= TRACE_BELOW_S:
        tracemalloc.start()
        parley.analyze(scenario, repairs=0)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert result is not None and result.frontier is not None
    sols = {}
    for name in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        sol = result.solutions[name]
        sols[name] = None if sol is None else [sol.utilities[p] for p in scenario.parties]
    np.save(out / "frontier.npy", result.frontier.utilities)
    return {"time_s": min(times), "times_s": times, "build_s": build_s,
            "peak_rss": peak_rss, "traced_peak": traced_peak,
            "frontier": int(result.frontier.utilities.shape[0]), "method": result.method,
            "zopa": result.zopa.size, "enumerated": result.enumerated, "solutions": sols}


def worker_negmas(case: Case, seed_offset: int, out: Path) -> dict[str, Any]:
    from negmas.outcomes import make_issue, make_os
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.ops import (
        kalai_points,
        ks_points,
        max_welfare_points,
        nash_points,
        pareto_frontier,
    )

    weights, values = random_case(case, seed_offset)
    t0 = time.perf_counter()
    issues = [make_issue(values=s, name=f"i{i}") for i, s in enumerate(case.sizes)]
    space = make_os(issues)
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[{k: float(v) for k, v in enumerate(values[p][i])}
                    for i in range(len(case.sizes))],
            weights=[float(w) for w in weights[p]],
            outcome_space=space, reserved_value=0.0)
        for p in range(case.parties)
    ]
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    front, _ = pareto_frontier(ufuns, issues=space.issues)
    t1 = time.perf_counter()
    points = {
        "nash": nash_points(ufuns, front, outcome_space=space),
        "egalitarian": kalai_points(ufuns, front, outcome_space=space),
        "kalai_smorodinsky": ks_points(ufuns, front, outcome_space=space),
        "utilitarian": max_welfare_points(ufuns, front, outcome_space=space),
    }
    t2 = time.perf_counter()
    peak_rss = _maxrss_bytes()
    np.save(out / "frontier.npy", np.asarray(front, dtype=float).reshape(-1, case.parties))
    sols = {name: [[float(u) for u in utils] for utils, _ in pts]
            for name, pts in points.items()}
    return {"time_s": t2 - t0, "frontier_s": t1 - t0, "solutions_s": t2 - t1,
            "build_s": build_s, "peak_rss": peak_rss, "frontier": len(front),
            "solutions": sols}


def worker_idle(kind: str) -> dict[str, Any]:
    if kind == "parley":
        _import_parley()
    else:
        import negmas
        import negmas.preferences.ops  # noqa: F401
    return {"peak_rss": _maxrss_bytes()}


def run_worker(args: argparse.Namespace) -> None:
    out = Path(args.result_dir)
    if args.worker in ("idle-parley", "idle-negmas"):
        res = worker_idle(args.worker.removeprefix("idle-"))
    else:
        case = CASE_BY_NAME[args.case]
        fn = worker_parley if args.worker == "parley" else worker_negmas
        res = fn(case, args.seed, out)
    (out / "result.json").write_text(json.dumps(res))


# --------------------------------------------------------------------------- driver


def spawn(worker: str, case: Case | None, seed: int, timeout: float) -> dict[str, Any]:
    """Run one worker in a fresh interpreter; ``{"timeout": True}`` if it overran."""
    with tempfile.TemporaryDirectory(prefix="bench_bargaining_") as tmp:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", worker,
               "--result-dir", tmp, "--seed", str(seed)]
        if case is not None:
            cmd += ["--case", case.name]
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            return {"timeout": True, "wall_s": time.perf_counter() - t0}
        if proc.returncode != 0:
            return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip()
                    else f"exit {proc.returncode}", "stderr": proc.stderr[-4000:]}
        res = json.loads((Path(tmp) / "result.json").read_text())
        front = Path(tmp) / "frontier.npy"
        if front.exists():
            res["frontier_u"] = np.load(front)
        res["wall_s"] = time.perf_counter() - t0
        return res


def _matched(a: np.ndarray, b: np.ndarray) -> bool:
    """Does every row of ``a`` have a row of ``b`` within ``TOL`` (max-abs)?"""
    for start in range(0, a.shape[0], 256):
        d = np.abs(a[start:start + 256, None, :] - b[None, :, :]).max(axis=2)
        if not (d.min(axis=1) <= TOL).all():
            return False
    return True


def same_frontier(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal as sets of utility vectors (rounded to 1e-9, tolerance fallback)."""
    ra = np.unique(np.round(a, 9), axis=0)
    rb = np.unique(np.round(b, 9), axis=0)
    if ra.shape == rb.shape and np.array_equal(ra, rb):
        return True
    return _matched(ra, rb) and _matched(rb, ra)


def agreement(p: dict[str, Any], n: dict[str, Any]) -> str:
    """The "results agree" cell."""
    problems = []
    if not same_frontier(p["frontier_u"], n["frontier_u"]):
        problems.append(f"frontier ({p['frontier']} vs {n['frontier']} points)")
    for name, label in (("nash", "Nash"), ("kalai_smorodinsky", "KS"),
                        ("egalitarian", "egalitarian"), ("utilitarian", "welfare")):
        mine = p["solutions"][name]
        theirs = n["solutions"][name]
        if mine is None or not theirs or not any(
                np.allclose(mine, t, rtol=0, atol=TOL) for t in theirs):
            problems.append(label)
    return "yes" if not problems else "NO: " + ", ".join(problems)


def _mb(nbytes: float) -> str:
    return f"{nbytes / 2**20:,.0f} MB"


def _secs(s: float) -> str:
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"
    return f"{s:.2f} s" if s < 100 else f"{s:.0f} s"


def _outcomes(n: int) -> str:
    return f"{n:,}"


def machine_info() -> dict[str, str]:
    def run(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
        except OSError:
            return ""

    cpu = next((line.split(":", 1)[1].strip() for line in run(["lscpu"]).splitlines()
                if line.startswith("Model name")), platform.processor() or "unknown")
    nproc = run(["nproc"]).strip() or str(os.cpu_count())
    mem = next((line.split()[1] for line in run(["free", "-g"]).splitlines()
                if line.startswith("Mem:")), "?")
    try:
        negmas_version = importlib.metadata.version("negmas")
    except importlib.metadata.PackageNotFoundError:
        negmas_version = "not installed"
    commit = run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]).strip() or "unknown"
    if run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"]).strip():
        commit += " + uncommitted changes in src/"
    return {"cpu": cpu, "nproc": nproc, "mem_gb": mem, "python": platform.python_version(),
            "numpy": np.__version__, "negmas": negmas_version,
            "os": f"{platform.system()} {platform.release()}", "commit": commit}


def render(rows: list[dict[str, Any]], idle: dict[str, Any], targets: list[str],
           info: dict[str, str], command: str, date: str, negmas_timeout: float) -> str:
    """The Markdown section."""
    lines = [
        SECTION, "",
        f"Run {date} on {info['cpu']} ({info['nproc']} CPUs, {info['mem_gb']} GB RAM, "
        f"{info['os']}), Python {info['python']}, numpy {info['numpy']}, "
        f"NegMAS {info['negmas']}; parley at commit {info['commit']}. Load average "
        f"(1 min) {info['load']}: other work on the machine makes timings noisier.", "",
        "```", command, "```", "",
        "Random linear-additive scenarios (seeded numpy Generator): every party has a veto, "
        "option values uniform on [0, 1], flat-Dirichlet issue weights, reservation values 0, "
        "no rules or interactions. parley and NegMAS get the same numbers. parley time: "
        "`parley.analyze(scenario, repairs=0)` (frontier, all solutions, exact ZOPA count), "
        f"best of 3 when a run is under {REPEAT_BELOW_S:.0f} s, scenario building excluded. "
        "NegMAS time: `pareto_frontier` + `nash_points`, `kalai_points`, `ks_points`, "
        f"`max_welfare_points` (one run, timeout {negmas_timeout:.0f} s). Peak RSS is the "
        "subprocess's `ru_maxrss`; in brackets the increase over an idle interpreter "
        f"(parley imported: {_mb(idle['parley'])}; NegMAS imported: "
        f"{_mb(idle['negmas']) if idle.get('negmas') else 'n/a'}). "
        "\"Results agree\": the same frontier utility vectors (as sets, 1e-9) and the same "
        "Nash, Kalai–Smorodinsky, egalitarian and max-welfare points.", "",
        "| case | outcomes | parties | parley time | parley peak RSS | NegMAS time "
        "| NegMAS peak RSS | speed-up | results agree |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append("| " + " | ".join(r["cells"]) + " |")
    lines += ["", "Details (frontier size; parley runs and tracemalloc peak; NegMAS split):", "",
              "| case | frontier points | parley runs | parley traced peak "
              "| NegMAS frontier | NegMAS solutions |",
              "|---|---:|---|---:|---:|---:|"]
    for r in rows:
        lines.append("| " + " | ".join(r["details"]) + " |")
    lines += ["", "Targets:", ""]
    lines += [f"- {t}" for t in targets]
    lines += ["", "Reference (task statement, NegMAS 0.16 on another machine): 5.1 s for the "
              "frontier of 937,500 outcomes × 3 parties; 94 s and 4.2 GB for 9.77 M outcomes.",
              ""]
    return "\n".join(lines)


INTRO = """# Benchmarks

Measured performance of parley, with the scripts in `benchmarks/` that produce each
section. Every section states the machine, the library versions, the exact command
and the date of its run; rerunning a script replaces only its own section.

"""


def write_section(path: Path, section: str, heading: str = SECTION) -> None:
    """Replace the section that starts with ``heading`` in ``path`` (or append it)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(INTRO + section)
        return
    text = path.read_text()
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
        text = text.rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--quick", action="store_true",
                    help="only cases of at most 10^6 outcomes; 120 s NegMAS timeout")
    ap.add_argument("--no-negmas", action="store_true", help="run parley only")
    ap.add_argument("--negmas-slow", action="store_true",
                    help="also run NegMAS on the 9.77M-outcome case (minutes, ~4 GB)")
    ap.add_argument("--negmas-timeout", type=float, default=None,
                    help="seconds per NegMAS case (default 600, 120 with --quick)")
    ap.add_argument("--parley-timeout", type=float, default=1800.0)
    ap.add_argument("--seed", type=int, default=0, help="added to every case's seed")
    ap.add_argument("--out", type=Path, default=None,
                    help="Markdown file to update (default docs/benchmarks.md; "
                         "none with --quick)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--case", help=argparse.SUPPRESS)
    ap.add_argument("--result-dir", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        run_worker(args)
        return 0

    negmas_timeout = args.negmas_timeout or (120.0 if args.quick else 600.0)
    out = args.out if args.out is not None else (None if args.quick else
                                                 ROOT / "docs" / "benchmarks.md")
    cases = [c for c in CASES if c.quick or not args.quick]
    use_negmas = not args.no_negmas
    if use_negmas:
        try:
            importlib.metadata.version("negmas")
        except importlib.metadata.PackageNotFoundError:
            print("negmas is not installed: running parley only", file=sys.stderr)
            use_negmas = False

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    load_start = os.getloadavg()[0]
    idle = {"parley": spawn("idle-parley", None, 0, 120)["peak_rss"]}
    if use_negmas:
        idle["negmas"] = spawn("idle-negmas", None, 0, 300)["peak_rss"]
    log("idle RSS: " + ", ".join(f"{k} {_mb(v)}" for k, v in idle.items()))

    rows: list[dict[str, Any]] = []
    results: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
    for case in cases:
        log(f"[{case.name}] parley ...")
        p = spawn("parley", case, args.seed, args.parley_timeout)
        if "error" in p or p.get("timeout"):
            log(f"[{case.name}] parley failed: {p.get('error', 'timeout')}\n"
                f"{p.get('stderr', '')}")
        else:
            log(f"[{case.name}] parley {_secs(p['time_s'])} (runs "
                f"{', '.join(_secs(t) for t in p['times_s'])}), peak RSS {_mb(p['peak_rss'])}, "
                f"frontier {p['frontier']}")
        n: dict[str, Any] | None = None
        if use_negmas and (case.negmas or args.negmas_slow):
            log(f"[{case.name}] NegMAS (timeout {negmas_timeout:.0f} s) ...")
            n = spawn("negmas", case, args.seed, negmas_timeout)
            if n.get("timeout"):
                log(f"[{case.name}] NegMAS timeout")
            elif "error" in n:
                log(f"[{case.name}] NegMAS failed: {n['error']}\n{n.get('stderr', '')}")
            else:
                log(f"[{case.name}] NegMAS {_secs(n['time_s'])}, peak RSS "
                    f"{_mb(n['peak_rss'])}, frontier {n['frontier']}")
        results[case.name] = (p, n)
        rows.append(_row(case, p, n, idle, negmas_timeout))

    targets = _targets(results, negmas_timeout)
    info = machine_info()
    info["load"] = f"{load_start:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    command = "python " + shlex.join([os.path.relpath(Path(__file__).resolve(), ROOT),
                                      *sys.argv[1:]])
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = render(rows, idle, targets, info, command, date, negmas_timeout)
    print(section)
    if out is not None:
        write_section(out, section)
        log(f"wrote {out}")
    return 0


def _row(case: Case, p: dict[str, Any], n: dict[str, Any] | None, idle: dict[str, Any],
         negmas_timeout: float) -> dict[str, Any]:
    p_ok = "error" not in p and not p.get("timeout")
    if p_ok:
        p_time = _secs(p["time_s"])
        p_rss = f"{_mb(p['peak_rss'])} (+{_mb(p['peak_rss'] - idle['parley'])})"
    else:
        p_time = "timeout" if p.get("timeout") else "error"
        p_rss = "—"
    n_time = n_rss = speed = check = "—"
    n_front = n_sol = "—"
    if n is not None:
        if n.get("timeout"):
            n_time = f"timeout (> {negmas_timeout:.0f} s)"
            speed = f"> {negmas_timeout / p['time_s']:,.0f}×" if p_ok else "—"
            check = "n/a (timeout)"
        elif "error" in n:
            n_time = "error"
            check = "n/a (error)"
        else:
            n_time = _secs(n["time_s"])
            n_rss = f"{_mb(n['peak_rss'])} (+{_mb(n['peak_rss'] - idle['negmas'])})"
            n_front, n_sol = _secs(n["frontier_s"]), _secs(n["solutions_s"])
            if p_ok:
                speed = f"{n['time_s'] / p['time_s']:,.0f}×"
                check = agreement(p, n)
    elif case.negmas is False:
        n_time = "not run (--negmas-slow)"
    cells = [case.name, _outcomes(case.outcomes), str(case.parties), p_time, p_rss,
             n_time, n_rss, speed, check]
    details = [case.name, f"{p['frontier']:,}" if p_ok else "—",
               ", ".join(_secs(t) for t in p["times_s"]) if p_ok else "—",
               _mb(p["traced_peak"]) if p_ok and p["traced_peak"] is not None else "—",
               n_front, n_sol]
    return {"cells": cells, "details": details}


def _targets(results: dict[str, tuple[dict[str, Any], dict[str, Any] | None]],
             negmas_timeout: float) -> list[str]:
    out: list[str] = []

    def ok(name: str) -> dict[str, Any] | None:
        if name not in results:
            return None
        p = results[name][0]
        return None if "error" in p or p.get("timeout") else p

    def line(passed: bool | None, text: str) -> None:
        tag = {True: "PASS", False: "MISS", None: "N/A"}[passed]
        out.append(f"**{tag}** {text}")
        print(f"{tag:4}  {text}", file=sys.stderr)

    p = ok("1M × 3")
    if p is None:
        line(None, "10^6 outcomes × 3 parties: frontier + all solutions ≤ 0.1 s (not run)")
    else:
        line(p["time_s"] <= 0.1,
             f"10^6 outcomes × 3 parties: frontier + all solutions ≤ 0.1 s "
             f"(measured {_secs(p['time_s'])})")
    p = ok("10M × 3")
    if p is None:
        line(None, "10^7 outcomes × 3 parties: ≤ 2 s with ≤ 1 GB peak (not run)")
    else:
        line(p["time_s"] <= 2.0 and p["peak_rss"] <= 2**30,
             f"10^7 outcomes × 3 parties: ≤ 2 s with ≤ 1 GB peak (measured "
             f"{_secs(p['time_s'])}, peak RSS {_mb(p['peak_rss'])})")
    p = ok("1M × 6")
    if p is None:
        line(None, "10^6 outcomes × 6 parties: ≤ 2 s and ≥ 20× faster than NegMAS (not run)")
    else:
        n = results["1M × 6"][1]
        fast = p["time_s"] <= 2.0
        if n is None or "error" in n:
            speed_ok: bool | None = None
            speed_txt = "NegMAS not measured"
        elif n.get("timeout"):
            bound = negmas_timeout / p["time_s"]
            speed_ok = True if bound >= 20 else None
            speed_txt = f"NegMAS timed out at {negmas_timeout:.0f} s: speed-up > {bound:,.0f}×"
        else:
            ratio = n["time_s"] / p["time_s"]
            speed_ok = ratio >= 20
            speed_txt = f"speed-up {ratio:,.0f}×"
        passed = (fast and speed_ok) if speed_ok is not None else (False if not fast else None)
        line(passed, f"10^6 outcomes × 6 parties: ≤ 2 s and ≥ 20× faster than NegMAS "
                     f"(measured {_secs(p['time_s'])}; {speed_txt})")
    return out


if __name__ == "__main__":
    sys.exit(main())
