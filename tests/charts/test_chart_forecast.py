"""The forecast chart: one panel per dimension, one line per actor, forecast and solutions."""

from __future__ import annotations

import numpy as np
import pytest

import parley
from parley.charts.forecast import draw_forecast
from parley.forecast import run_eum
from parley.forecast.scenario_spatial import compare_with_solutions, spatial_input


@pytest.fixture(scope="module")
def doc() -> dict:
    sc = parley.load_scenario()
    d = run_eum(spatial_input(sc)).to_dict()
    d["comparison"] = [c.to_dict() for c in compare_with_solutions(
        sc, d["forecast"], {"nash": {"territory": "current_line"}, "kalai_smorodinsky": None})]
    return d


def test_panels_lines_and_markers(doc: dict) -> None:
    fig = draw_forecast(doc)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == len(doc["dimensions"])
    for ax, dim in zip(panels, doc["dimensions"], strict=True):
        assert ax.get_title() == dim
        assert ax.get_xlabel() == "round" and "0–100" in ax.get_ylabel()
        ys = [list(line.get_ydata()) for line in ax.get_lines()]
        for actor in doc["actors"]:  # every trajectory is drawn as given
            assert doc["positions"][actor][dim] in [list(np.asarray(y, float)) for y in ys]
    territory = panels[doc["dimensions"].index("territory")]
    points = [list(line.get_ydata()) for line in territory.get_lines()
              if len(line.get_xdata()) == 1]
    assert [40.0] in points  # the Nash option's scale point
    assert "EUM" in fig._suptitle.get_text()
