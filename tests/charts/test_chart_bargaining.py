"""The bargaining charts: one panel per pair of parties, one bar per proposal and party."""

from __future__ import annotations

import pytest

import parley
from parley.charts.bargaining import draw_frontier_matrix, draw_margins


@pytest.fixture(scope="module")
def doc() -> dict:
    return parley.analyze(parley.load_scenario()).to_dict()


def test_frontier_matrix_panels_and_points(doc: dict) -> None:
    fig = draw_frontier_matrix(doc)
    k = len(doc["parties"])
    visible = [ax for ax in fig.axes if ax.axison]
    assert len(visible) == k * (k - 1) // 2
    # every panel plots every frontier package once
    first = visible[0]
    sizes = [len(c.get_offsets()) for c in first.collections]
    assert len(doc["frontier"]) in sizes
    n_sol = sum(v is not None for v in doc["solutions"].values())
    assert sum(1 for s in sizes if s == 1) >= n_sol


def test_margin_bars_match_the_document(doc: dict) -> None:
    fig = draw_margins(doc)
    ax = fig.axes[0]
    bars = [p for p in ax.patches]
    assert len(bars) == len(doc["proposals"]) * len(doc["parties"])
    widths = sorted(round(b.get_width(), 9) for b in bars)
    expected = sorted(round(e["margins"][p["id"]], 9) for e in doc["proposals"].values()
                      for p in doc["parties"])
    assert widths == expected


def test_needs_two_parties(doc: dict) -> None:
    one = dict(doc, parties=doc["parties"][:1])
    with pytest.raises(ValueError, match="two parties"):
        draw_frontier_matrix(one)
