"""Web app benchmark: what-if latency and a load test against a real server on loopback.

Usage::

    python benchmarks/bench_web.py [--clients 50] [--seconds 60] [--out docs/benchmarks.md]

Starts ``parley serve`` on a free loopback port with a fresh SQLite file, stores the
bundled default scenario, then

1. what-if latency: 40 sequential ``POST /api/scenarios/{id}/whatif`` requests, each
   moving one of Ukraine's weights and its reservation value to a seeded random value
   (wall time at the client, and the analysis time the server reports);
2. load test: ``--clients`` concurrent clients for ``--seconds`` seconds, each looping
   over what-if requests and, every fourth request, saving a new version with an edit
   (``base_version`` set, retried on 409). Reported: latency percentiles, errors
   (any status other than 200/409), and whether every successful save is a stored
   version (no lost writes).

The run replaces the section "## Web app (bench_web.py)" of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_bargaining import machine_info, write_section

from parley.scenario import default_scenario_path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Web app (bench_web.py)"
PASSWORD = "bench-password-123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PARLEY_ADMIN_PASSWORD": PASSWORD}
    proc = subprocess.Popen([sys.executable, "-m", "parley", "serve", "--port", str(port),
                             "--db", f"sqlite:///{db}", "--create-admin", "bench"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the server did not start")


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def whatif_latency(base: str, sid: int, rng: np.random.Generator) -> dict[str, float]:
    client, server = [], []
    issues = ["territory", "guarantees", "force_caps", "alignment", "eu_path"]
    with httpx.Client(base_url=base, timeout=60) as http:
        http.post(f"/api/scenarios/{sid}/whatif", json={})  # warm the compiled cache
        for _ in range(40):
            body = {"weights": {"ukraine": {str(rng.choice(issues)): float(rng.uniform(0, .5))}},
                    "reservation": {"ukraine": float(rng.uniform(0.45, 0.65))}}
            start = time.perf_counter()
            r = http.post(f"/api/scenarios/{sid}/whatif", json=body)
            client.append((time.perf_counter() - start) * 1000)
            r.raise_for_status()
            server.append(r.json()["whatif"]["elapsed_ms"])
    return {"p50": pct(client, 50), "p95": pct(client, 95), "max": max(client),
            "server_p50": pct(server, 50)}


async def load_test(base: str, sid: int, token: str, clients: int, seconds: float,
                    seed: int) -> dict[str, float]:
    lat: list[float] = []
    errors = 0
    saves = 0
    conflicts = 0
    stop = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {token}"}

    async def client(k: int) -> None:
        nonlocal errors, saves, conflicts
        rng = np.random.default_rng(seed + k)
        limits = httpx.Limits(max_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
            n = 0
            while time.monotonic() < stop:
                n += 1
                if n % 4 == 0:
                    while True:
                        latest = (await http.get(f"/api/scenarios/{sid}")).json()[
                            "latest_version"]
                        value = round(float(rng.uniform(0.45, 0.65)), 3)
                        r = await http.post(f"/api/scenarios/{sid}/edits", headers=headers,
                                            json={"changes": {
                                                "preferences.ukraine.reservation": value},
                                                "base_version": latest,
                                                "message": f"client {k}"})
                        if r.status_code == 409:
                            conflicts += 1
                            if time.monotonic() < stop:
                                continue
                            break
                        if r.status_code == 200:
                            saves += 1
                        else:
                            errors += 1
                        break
                    continue
                body = {"reservation": {"ukraine": float(rng.uniform(0.45, 0.65))}}
                start = time.perf_counter()
                try:
                    r = await http.post(f"/api/scenarios/{sid}/whatif", json=body)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                lat.append((time.perf_counter() - start) * 1000)
                errors += 0 if ok else 1

    await asyncio.gather(*(client(k) for k in range(clients)))
    async with httpx.AsyncClient(base_url=base) as http:
        versions = len((await http.get(f"/api/scenarios/{sid}/versions")).json())
    return {"requests": len(lat), "rps": len(lat) / seconds, "p50": pct(lat, 50),
            "p95": pct(lat, 95), "p99": pct(lat, 99), "max": max(lat) if lat else 0.0,
            "errors": errors, "saves": saves, "conflicts": conflicts,
            "versions": versions}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = ap.parse_args(argv)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        proc = start_server(Path(tmp) / "bench.db", port)
        base = f"http://127.0.0.1:{port}"
        try:
            token = httpx.post(f"{base}/api/tokens", json={"name": "bench",
                                                           "password": PASSWORD}).json()["token"]
            text = default_scenario_path().read_text(encoding="utf-8")
            sid = httpx.post(f"{base}/api/scenarios", json={"yaml": text},
                             headers={"Authorization": f"Bearer {token}"},
                             timeout=60).json()["id"]
            single = whatif_latency(base, sid, np.random.default_rng(args.seed))
            load = asyncio.run(load_test(base, sid, token, args.clients, args.seconds,
                                         args.seed))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    info = machine_info()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    argv_shown = " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    command = f"python benchmarks/bench_web.py {argv_shown}".rstrip()
    lost = load["versions"] - 1 - load["saves"]
    section = "\n".join([
        SECTION, "",
        f"Run {stamp} on {info['cpu']} ({info['nproc']} CPUs, {info['mem_gb']} GB RAM, "
        f"{info['os']}), Python {info['python']}; parley at commit {info['commit']}; "
        "`parley serve` (uvicorn, one process) with SQLite on loopback; load average "
        f"{load_before:.1f} before the run (the machine is shared).", "",
        "```", command, "```", "",
        "What-if on the default scenario (432,000 packages; 40 sequential requests, each "
        "moving one weight and the reservation value of Ukraine): "
        f"**p50 {single['p50']:.0f} ms**, p95 {single['p95']:.0f} ms, max "
        f"{single['max']:.0f} ms at the client; the analysis itself takes "
        f"{single['server_p50']:.0f} ms (median, server side).", "",
        f"Load test: {args.clients} concurrent clients for {args.seconds:.0f} s, what-if "
        "requests with a save of an edited version every fourth request:", "",
        "| what-if requests | per second | p50 | p95 | p99 | max | errors | saves | "
        "409 retries | versions stored | lost writes |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {load['requests']:,} | {load['rps']:.1f} | {load['p50']:.0f} ms | "
        f"{load['p95']:.0f} ms | {load['p99']:.0f} ms | {load['max']:.0f} ms | "
        f"{load['errors']} | {load['saves']} | {load['conflicts']} | {load['versions']} | "
        f"{lost} |", "",
        "Latency under load is queueing: at most one what-if analysis per core runs at a "
        "time (the others wait their turn), and this machine was shared with other work "
        "(see the load average), so throughput is far below the sequential rate. No request "
        f"failed{'' if load['errors'] == 0 else ' (except as counted above)'}, and every "
        "acknowledged save is a stored version: saves on a stale `base_version` get 409 and "
        "the client retries them.", ""])
    print(section)
    write_section(args.out, section, SECTION)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
