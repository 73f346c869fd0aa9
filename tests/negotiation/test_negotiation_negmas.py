"""Cross-check against NegMAS 0.16 on GENIUS domains (precomputed; negmas not needed).

``tests/fixtures/negotiation/negmas_sao.json`` holds NegMAS SAO runs of two
``TimeBasedConcedingNegotiator`` agents (aspiration ``1 - t^E``, deterministic) on the
same utilities parley imports from the GENIUS files; the script that made it is
``tests/fixtures/negotiation/export_negmas_sao.py``. parley plays ``time_dependent``
with ``e = 1/E``. Stated tolerance (docs/negotiation.md): the same agreement rate; at
least half of the runs end in the same agreement utilities (within 1e-6); over all
runs the mean absolute utility difference is at most 0.05 and the agreement step
differs by at most 15 steps. The residual differences come from NegMAS's relative time
and its inverter's tolerance band (``eps = 0.001``), which pick a different outcome
among near-ties on some domains.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from parley.interop.genius import read_genius_dir
from parley.negotiation import build_space, run_sao
from parley.scenario import scenario_from_dict

FIXTURES = Path(__file__).parents[1] / "fixtures"
REFERENCE = json.loads((FIXTURES / "negotiation" / "negmas_sao.json").read_text())


@pytest.fixture(scope="module")
def paired() -> list[tuple[dict, object]]:  # type: ignore[type-arg]
    spaces = {}
    out = []
    for case in REFERENCE["cases"]:
        name = case["domain"]
        if name not in spaces:
            sc = scenario_from_dict(read_genius_dir(FIXTURES / "genius" / name), name)
            assert list(sc.parties) == case["parties"]
            spaces[name] = build_space(sc)
        space = spaces[name]
        sc = space.scenario
        ea, eb = case["exponents"]
        res = run_sao(space, {sc.parties[0]: f"time_dependent:e={1 / ea}",
                              sc.parties[1]: f"time_dependent:e={1 / eb}"},
                      rounds=REFERENCE["n_steps"])
        out.append((case, res))
    return out


def test_agreement_rates_match(paired) -> None:  # type: ignore[no-untyped-def]
    ours = np.mean([res.agreement is not None for _, res in paired])
    theirs = np.mean([case["agreement"] is not None for case, _ in paired])
    assert ours == theirs


def test_agreement_utilities_within_tolerance(paired) -> None:  # type: ignore[no-untyped-def]
    diffs, steps, same = [], [], 0
    for case, res in paired:
        if case["utilities"] is None or res.agreement is None:
            continue
        d = np.abs(np.asarray(case["utilities"]) - res.agreement.utilities)
        diffs.append(d.mean())
        steps.append(abs(case["step"] - res.agreement.round))
        same += bool(d.max() < 1e-6)
    assert len(diffs) == len(paired)
    assert same >= len(paired) / 2
    assert float(np.mean(diffs)) <= 0.05
    assert max(steps) <= 15


def test_identical_outcomes_where_no_ties(paired) -> None:  # type: ignore[no-untyped-def]
    # a Boulware agent facing a Conceder gets its best outcome on every domain, in both tools
    for case, res in paired:
        ea, eb = case["exponents"]
        if (ea, eb) == (4.0, 0.25):
            assert res.agreement is not None
            np.testing.assert_allclose(res.agreement.utilities, case["utilities"], atol=1e-6)
