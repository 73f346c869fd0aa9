"""Scale-out: a Dask LocalCluster of worker processes (one killed mid-run) and resuming
from the Parquet chunk store give the single-process results."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from uq_helpers import toy_dict

from parley.scenario import scenario_from_dict
from parley.uncertainty import compile_scenario, monte_carlo
from parley.uncertainty.chunks import ChunkResult, ChunkSpec, plan, run_chunk
from parley.uncertainty.compiled import Compiled
from parley.uncertainty.montecarlo import run_specs

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")
cloudpickle.register_pickle_by_value(sys.modules[__name__])

SAMPLES, CHUNK, SEED = 48, 6, 9


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compile_scenario(scenario_from_dict(toy_dict()))


@pytest.fixture(scope="module")
def serial(compiled: Compiled) -> dict[str, Any]:
    doc = monte_carlo(compiled, SAMPLES, SEED, workers=1, chunk_size=CHUNK).to_dict()
    doc.pop("run")
    return doc


@pytest.fixture(scope="module")
def cluster() -> Any:
    with distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as lc:
        yield lc


def _killer(marker: str, victim: int) -> Any:
    def task(compiled: Compiled, spec: ChunkSpec) -> ChunkResult:
        if spec.index == victim and not os.path.exists(marker):
            Path(marker).touch()
            os._exit(1)  # the worker process dies with the chunk in hand
        return run_chunk(compiled, spec)
    return task


def test_cluster_with_a_killed_worker_matches_single_process(
        compiled: Compiled, serial: dict[str, Any], cluster: Any, tmp_path: Path) -> None:
    marker = str(tmp_path / "killed")
    with distributed.Client(cluster) as client:
        seen: list[int] = []
        result, resumed = run_specs(compiled, plan(SAMPLES, CHUNK, SEED), client=client,
                                    task=_killer(marker, victim=3),
                                    progress=lambda done, total: seen.append(done))
    assert os.path.exists(marker), "the victim chunk never ran"
    assert resumed == 0 and seen[-1] == SAMPLES
    ref = run_specs(compiled, plan(SAMPLES, CHUNK, SEED), workers=1)[0]
    assert np.array_equal(result.acceptable, ref.acceptable)
    assert np.array_equal(result.min_margin, ref.min_margin)
    for name, codes in ref.solutions.items():
        assert np.array_equal(result.solutions[name], codes)


def test_monte_carlo_on_a_cluster_address(compiled: Compiled, serial: dict[str, Any],
                                          cluster: Any) -> None:
    doc = monte_carlo(compiled, SAMPLES, SEED, cluster=cluster.scheduler_address,
                      chunk_size=CHUNK).to_dict()
    run = doc.pop("run")
    assert run["backend"] == "dask" and 1 <= run["workers"] <= 3  # a killed one may be restarting
    assert doc == serial


def test_resume_from_parquet(compiled: Compiled, serial: dict[str, Any],
                             tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = monte_carlo(compiled, SAMPLES, SEED, workers=1, chunk_size=CHUNK, store=store)
    files = sorted(store.glob("chunk-*.parquet"))
    assert len(files) == SAMPLES // CHUNK
    for f in files[:3]:
        f.unlink()
    files[4].write_bytes(b"not parquet")  # damaged: recomputed
    again = monte_carlo(compiled, SAMPLES, SEED, workers=1, chunk_size=CHUNK, store=store,
                        resume=True)
    assert again.resumed_chunks == SAMPLES // CHUNK - 4
    doc = again.to_dict()
    doc.pop("run")
    assert doc == serial
    assert first.to_dict()["proposals"] == serial["proposals"]
    # another seed does not reuse this run's chunks
    other = monte_carlo(compiled, SAMPLES, SEED + 1, workers=1, chunk_size=CHUNK, store=store,
                        resume=True)
    assert other.resumed_chunks == 0


def test_cli_on_a_cluster(serial: dict[str, Any], cluster: Any, tmp_path: Path) -> None:
    import json

    import typer
    import yaml
    from typer.testing import CliRunner

    from parley.cli.uncertainty import uncertainty

    app = typer.Typer(add_completion=False)
    app.command()(uncertainty)
    app.command("other")(lambda: None)
    path = tmp_path / "toy.yaml"
    path.write_text(yaml.safe_dump(toy_dict(), sort_keys=False))
    result = CliRunner().invoke(app, [
        "uncertainty", str(path), "--samples", str(SAMPLES), "--seed", str(SEED),
        "--chunk-size", str(CHUNK), "--cluster", cluster.scheduler_address,
        "--sensitivity", "sobol", "--sobol-samples", "4", "-f", "json", "--no-progress"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["run"]["backend"] == "dask"
    assert doc["proposals"] == serial["proposals"]
    assert doc["sensitivity"]["method"] == "sobol"
