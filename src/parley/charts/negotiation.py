"""Charts of a negotiation run: offers in utility space and utilities over rounds.

``draw_negotiation(doc)`` works from the JSON document of ``parley negotiate``.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from parley.charts.style import PALETTE, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Most party pairs drawn as utility-space panels.
MAX_PAIRS = 6


def draw_negotiation(doc: dict[str, Any]) -> Figure:
    """Offers per pair of parties (each offer a point, coloured by proposer; the
    reservation values dashed; the agreement starred) and every party's utility for
    the standing offer over rounds."""
    parties = list(doc["strategies"])
    trace = doc["trace"]
    proposers = list(dict.fromkeys(e["proposer"] for e in trace))
    colour = {p: PALETTE[k % (len(PALETTE) - 1)] for k, p in enumerate(
        [*parties, *[q for q in proposers if q not in parties]])}
    pairs = list(itertools.combinations(parties, 2))[:MAX_PAIRS]
    ncols = min(3, len(pairs)) if pairs else 1
    nrows = -(-len(pairs) // ncols) + 1 if pairs else 1
    fig, axes = new_figure(width=4.0 * ncols, height=3.4 * nrows, nrows=nrows, ncols=ncols)
    axes = axes if hasattr(axes, "shape") else [[axes]]
    rv = doc["initial_reservation_values"]
    agreement = doc["agreement"]
    for k, (a, b) in enumerate(pairs):
        ax = axes[k // ncols][k % ncols]
        for who in proposers:
            pts = [(e["utilities"][a], e["utilities"][b]) for e in trace if e["proposer"] == who]
            ax.scatter([x for x, _ in pts], [y for _, y in pts], s=12, alpha=0.6,
                       color=colour[who], label=f"offers by {who}")
        ax.axvline(rv[a], color=PALETTE[-1], linestyle="--", linewidth=0.8)
        ax.axhline(rv[b], color=PALETTE[-1], linestyle="--", linewidth=0.8)
        if agreement:
            ax.scatter([agreement["utilities"][a]], [agreement["utilities"][b]], marker="*",
                       s=160, color=PALETTE[-1], zorder=5, label="agreement")
        ax.set_xlabel(f"utility of {a}")
        ax.set_ylabel(f"utility of {b}")
        if k == 0:
            ax.legend(fontsize=7, loc="best")
    for k in range(len(pairs), (nrows - 1) * ncols if pairs else 0):
        axes[k // ncols][k % ncols].set_visible(False)
    # utilities over rounds: the standing offer at each offer event, per party
    bottom = axes[nrows - 1]
    for ax in bottom[1:]:
        ax.set_visible(False)
    ax = bottom[0]
    if ncols > 1:
        gs = ax.get_subplotspec().get_gridspec()
        ax.remove()
        ax = fig.add_subplot(gs[nrows - 1, :])
        ax.grid(True, color="#dddddd", linewidth=0.6)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    # each party's utility for its own offers (its concession curve) or, with a single
    # proposer (the mediator), for every draft
    single = len(proposers) == 1
    for p in parties:
        own = trace if single else [e for e in trace if e["proposer"] == p]
        if not own:
            continue
        ax.plot([e["round"] for e in own], [e["utilities"][p] for e in own], color=colour[p],
                linewidth=1.4, label=p)
        ax.axhline(doc["reservation_values"][p], color=colour[p], linestyle=":",
                   linewidth=0.8)
    ax.set_xlabel("round")
    ax.set_ylabel("utility" if single else "utility of own offer")
    ax.set_title(("every party's utility for the mediator's draft" if single else
                  "each party's utility for its own offers")
                 + " (dotted: reservation value at the end)", fontsize=9)
    ax.legend(fontsize=7, ncols=min(5, len(parties)), loc="best")
    outcome = "agreement in round " + str(agreement["round"]) if agreement else doc["reason"]
    fig.suptitle(f"Negotiation ({doc['protocol']}) on {doc['scenario']}: {outcome}")
    return fig
