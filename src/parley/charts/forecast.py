"""Trajectories of ``parley forecast``: every actor's position per round, one panel per dimension.

The forecast of each dimension is a dashed black line; for a scenario, the scale
points of the Nash (diamond) and Kalai–Smorodinsky (square, set slightly to the right)
packages' options are marked at the right edge.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from parley.charts.style import PALETTE, _matplotlib, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Markers of the compared bargaining solutions.
SOLUTION_MARKERS = {"nash": ("D", "Nash package"),
                    "kalai_smorodinsky": ("s", "Kalai–Smorodinsky package")}
MODEL_NAMES = {"ktab-smp": "KTAB SMP", "eum": "EUM (Scholz et al. 2011)"}


def draw_forecast(doc: dict[str, Any]) -> Figure:
    """Position trajectories (0–100) by round from a ``parley forecast`` JSON document."""
    _matplotlib()
    from matplotlib.ticker import MaxNLocator

    dims = doc["dimensions"]
    ncols = min(3, len(dims))
    nrows = math.ceil(len(dims) / ncols)
    fig, axes = new_figure(4.2 * ncols + 1.8, 3.2 * nrows + 0.6, nrows=nrows, ncols=ncols)
    flat = [axes] if len(dims) == 1 else list(axes.flat)
    rounds = list(range(doc["rounds"] + 1))
    comparison = {row["dimension"]: row for row in doc.get("comparison", [])}
    many = len(doc["actors"]) > len(PALETTE)
    for k, dim in enumerate(dims):
        ax = flat[k]
        for i, actor in enumerate(doc["actors"]):
            ax.plot(rounds, doc["positions"][actor][dim], color=PALETTE[i % len(PALETTE)],
                    linewidth=0.8 if many else 1.6, alpha=0.6 if many else 1.0,
                    label=actor if k == 0 and not many else None)
        ax.axhline(doc["forecast"][dim], color="#000000", linestyle="--", linewidth=1.2,
                   label="forecast" if k == 0 else None)
        row = comparison.get(dim)
        if row is not None:
            last = max(1, rounds[-1])
            for j, (name, (marker, label)) in enumerate(SOLUTION_MARKERS.items()):
                point = row["solution_points"].get(name)
                if point is not None:
                    ax.plot([last * (1.0 + 0.04 * j)], [point], marker=marker, color="#000000",
                            markerfacecolor="none", markersize=9, linestyle="none",
                            clip_on=False, label=label if k == 0 else None)
        ax.set_title(dim, fontsize=10)
        ax.set_ylim(-3, 103)
        ax.set_xlim(0, max(1, rounds[-1]))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("round")
        ax.set_ylabel("position (0–100)")
    for ax in flat[len(dims):]:
        ax.set_visible(False)
    title = MODEL_NAMES.get(doc["model"], doc["model"])
    fig.suptitle(f"Forecast trajectories: {title}, {doc['rounds']} rounds", fontsize=11)
    handles, labels = flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside right center", fontsize=8, frameon=False)
    return fig
