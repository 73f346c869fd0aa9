"""Charts of ``parley analyze``: the Pareto frontier as a scatter matrix, and proposal margins.

Both work from the analysis JSON document (``parley analyze --format json``).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from parley.charts.style import PALETTE, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Marker and label per bargaining solution.
SOLUTION_STYLE: dict[str, tuple[str, str]] = {
    "nash": ("*", "Nash"),
    "nash_weighted": ("P", "Nash (capability-weighted)"),
    "kalai_smorodinsky": ("D", "Kalai–Smorodinsky"),
    "egalitarian": ("^", "egalitarian"),
    "utilitarian": ("s", "utilitarian"),
}


def _parties(doc: dict[str, Any], limit: int = 5) -> list[dict[str, Any]]:
    """Parties shown: the bargaining (veto) parties, then ratifiers, at most ``limit``."""
    ps = sorted(doc["parties"], key=lambda p: (not p.get("bargaining", True), not p["veto"]))
    return ps[:limit]


def short_name(party: dict[str, Any], width: int = 16) -> str:
    """A party's name if short enough for an axis label, else its id."""
    return party["name"] if len(party["name"]) <= width else party["id"]


def draw_frontier_matrix(doc: dict[str, Any]) -> Figure:
    """Pairwise scatter of the acceptable Pareto frontier with solutions and proposals.

    One panel per pair of parties (lower triangle): grey dots are frontier packages, dashed
    lines the two parties' reservation values, large markers the bargaining solutions, and
    small crosses the named proposals (red when some required party rejects them).
    """
    parties = _parties(doc)
    k = len(parties)
    if k < 2:
        raise ValueError("a frontier chart needs at least two parties")
    size = 2.6 * (k - 1)
    fig, axes = new_figure(size + 1.0, size, nrows=k - 1, ncols=k - 1)
    front = doc.get("frontier") or []
    sols = {n: s for n, s in doc["solutions"].items() if s is not None}
    props = doc["proposals"]
    for r, c in itertools.product(range(k - 1), range(k - 1)):
        ax = axes[r, c]
        if c > r:
            ax.set_axis_off()
            continue
        px, py = parties[c], parties[r + 1]
        x, y = px["id"], py["id"]
        if front:
            ax.scatter([f["utilities"][x] for f in front], [f["utilities"][y] for f in front],
                       s=6, color="#aaaaaa", label="Pareto frontier (acceptable)", zorder=1)
        ax.axvline(px["reservation_value"], color="#777777", linestyle="--", linewidth=0.7)
        ax.axhline(py["reservation_value"], color="#777777", linestyle="--", linewidth=0.7)
        for j, (name, sol) in enumerate(sols.items()):
            marker, label = SOLUTION_STYLE.get(name, ("o", name))
            ax.scatter([sol["utilities"][x]], [sol["utilities"][y]], marker=marker, s=90,
                       color=PALETTE[j % 6], edgecolors="black", linewidths=0.5, zorder=3,
                       label=label)
        ok = [p for p in props.values() if p["acceptable"]]
        bad = [p for p in props.values() if not p["acceptable"]]
        for group, colour, label in ((ok, PALETTE[2], "proposal acceptable to all"),
                                     (bad, PALETTE[3], "proposal rejected by someone")):
            if group:
                ax.scatter([p["utilities"][x] for p in group], [p["utilities"][y] for p in group],
                           marker="x", s=28, color=colour, zorder=2, label=label)
        if r == k - 2:
            ax.set_xlabel(f"{short_name(px)} utility")
        if c == 0:
            ax.set_ylabel(f"{short_name(py)} utility")
        ax.tick_params(labelsize=7)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", fontsize=8, frameon=False)
    fig.suptitle("Pareto frontier of the acceptable packages, by pair of parties "
                 "(dashed: reservation values)", fontsize=11)
    return fig


def draw_margins(doc: dict[str, Any]) -> Figure:
    """Each proposal's margin over every party's reservation value (negative: rejects)."""
    parties = _parties(doc)
    props = list(doc["proposals"].items())
    n = len(props)
    fig, ax = new_figure(9.0, 1.2 + 0.42 * n * max(1, len(parties)) / 2.2)
    height = 0.8 / len(parties)
    for j, p in enumerate(parties):
        ys = [i + (j - (len(parties) - 1) / 2) * height for i in range(n)]
        vals = [entry["margins"].get(p["id"], 0.0) for _, entry in props]
        ax.barh(ys, vals, height=height * 0.95, color=PALETTE[j % len(PALETTE)],
                label=p["name"])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(range(n))
    ax.set_yticklabels([(e["name"][:48] + "…" if len(e["name"]) > 49 else e["name"])
                        + ("" if e["acceptable"] else "  ✗") for _, e in props], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("utility margin over the reservation value (below 0: the party rejects)")
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", fontsize=7, frameon=False,
               ncol=min(3, len(parties)))
    ax.set_title("Margins of the named proposals by party (✗: rejected by a required party)",
                 fontsize=11)
    return fig
