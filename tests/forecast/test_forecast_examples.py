"""The shipped KTAB example input is KTAB's own, and reproduces KTAB's reference run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from parley.forecast import read_ktab_csv, run_smp

ROOT = Path(__file__).resolve().parents[2]


def test_example_csv_is_the_reference_input_and_reproduces_it() -> None:
    ref = json.loads((ROOT / "tests/fixtures/ktab/ktab_smp_dummyData_3Dim.json").read_text())
    example = ROOT / "examples/ktab_dummy_3dim.csv"
    assert example.read_text(encoding="utf-8") == ref["inputs_csv_verbatim"]
    doc = run_smp(read_ktab_csv(example)).to_dict()
    history = ref["published_reference_output"]["position_history_0to100_1dp"]
    for actor, dims in history.items():
        for (dim, published), ours in zip(dims.items(), doc["positions"][actor].values(),
                                          strict=True):
            assert len(ours) == len(published), (actor, dim)
            assert np.max(np.abs(np.asarray(ours) - np.asarray(published))) <= 0.1 + 1e-9
