"""Drawing of the GMCR state graph around the equilibria (``parley stability --graph``).

Equilibria sit on an inner ring, their neighbours on an outer ring next to the equilibria they
are linked to; each arrow is a unilateral improvement coloured by its mover.  The states'
options in words are listed under the drawing for the equilibria (numbers only for the rest,
whose words are in the DOT file's tooltips and in ``--format json``).
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any

from parley.charts.style import PALETTE, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _layout(graph: dict[str, Any]) -> dict[int, tuple[float, float]]:
    focus = graph["focus"]
    others = [n for n in graph["nodes"] if n not in focus]
    pos: dict[int, tuple[float, float]] = {}
    angle: dict[int, float] = {}
    for k, s in enumerate(focus):
        a = 2 * math.pi * k / max(1, len(focus)) + math.pi / 2
        angle[s] = a
        r = 0.0 if len(focus) == 1 else 1.0
        pos[s] = (r * math.cos(a), r * math.sin(a))
    linked: dict[int, list[float]] = {n: [] for n in others}
    for e in graph["edges"]:
        for a, b in ((e["from"], e["to"]), (e["to"], e["from"])):
            if a in linked and b in angle:
                linked[a].append(angle[b])
    # mean direction of the linked equilibria, then spread evenly in that order
    wanted = {n: math.atan2(sum(math.sin(x) for x in v), sum(math.cos(x) for x in v))
              if v else 0.0 for n, v in linked.items()}
    for k, n in enumerate(sorted(others, key=lambda n: (wanted[n] % (2 * math.pi), n))):
        a = 2 * math.pi * k / max(1, len(others)) + min(wanted.values(), default=0.0)
        pos[n] = (2.3 * math.cos(a), 2.3 * math.sin(a))
    return pos


def draw_state_graph(graph: dict[str, Any]) -> Figure:
    """Draw a :meth:`parley.gmcr.graph.StateGraph.to_dict` document."""
    from matplotlib.lines import Line2D

    focus = set(graph["focus"])
    words = [f"{s}: {graph['labels'][str(s)]}" for s in graph["focus"]]
    lines = [ln for w in words for ln in textwrap.wrap(w, 110, subsequent_indent="    ")]
    fig, ax = new_figure(9.0, 8.0 + 0.18 * len(lines))
    ax.grid(False)
    ax.set_axis_off()
    pos = _layout(graph)
    colour = {dm: PALETTE[k % len(PALETTE)] for k, dm in enumerate(graph["decision_makers"])}
    for e in graph["edges"]:
        (x0, y0), (x1, y1) = pos[e["from"]], pos[e["to"]]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": colour[e["mover"]], "lw": 1.2,
                                "shrinkA": 11, "shrinkB": 11,
                                "connectionstyle": "arc3,rad=0.12"})
    for n, (x, y) in pos.items():
        is_eq = n in focus
        ax.scatter([x], [y], s=520 if is_eq else 320, zorder=3,
                   color="#d9f0d3" if is_eq else "white",
                   edgecolors="#1b7837" if is_eq else "#555555",
                   linewidths=2.0 if is_eq else 1.0)
        ax.text(x, y, str(n), ha="center", va="center", fontsize=8, zorder=4)
    ax.set_aspect("equal")
    lim = 2.7 if len(pos) > len(focus) else 1.4
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    handles = [Line2D([0], [0], color=colour[dm], lw=2, label=f"{dm} improves")
               for dm in graph["decision_makers"]
               if any(e["mover"] == dm for e in graph["edges"])]
    handles.append(Line2D([0], [0], marker="o", color="white", markerfacecolor="#d9f0d3",
                          markeredgecolor="#1b7837", markersize=12, label="equilibrium"))
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False,
              bbox_to_anchor=(-0.02, 0.97))
    omitted = (f"; {graph['omitted']} more neighbouring states not shown"
               if graph["omitted"] else "")
    ax.set_title(f"State graph around the {graph['title']}: unilateral improvements into "
                 f"and out of them{omitted}", fontsize=10)
    if lines:
        fig.text(0.02, 0.01, "\n".join(lines), fontsize=7, va="bottom", ha="left",
                 family="monospace")
        engine: Any = fig.get_layout_engine()
        engine.set(rect=(0, 0.02 + 0.018 * len(lines), 1, 0.98 - 0.018 * len(lines)))
    return fig
