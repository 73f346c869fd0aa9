"""Charts of ``parley uncertainty``: acceptance probabilities and a tornado of one proposal.

Both work from the JSON document. The tornado shows, for the proposal in
``sensitivity.target``, its smallest margin over the parties whose consent it needs
when one number at a time moves to the low or the high end of its range; the
proposal is acceptable to the right of the zero line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parley.charts.style import PALETTE, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Tornado bars drawn (largest swings).
MAX_BARS = 12


def _short(text: str, n: int = 38) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def _draw_acceptance(ax: Any, doc: dict[str, Any]) -> None:
    props = list(doc["proposals"].items())
    names = [_short(e["name"]) for _, e in props]
    values = [100 * e["p_acceptable"] for _, e in props]
    ypos = range(len(props))
    ax.barh(list(ypos), values, color=PALETTE[1], height=0.6,
            label="share of draws acceptable to all required parties")
    for y, v in zip(ypos, values, strict=True):
        ax.text(min(v + 1.5, 92), y, f"{v:.0f}%", va="center", fontsize=8)
    ax.set_yticks(list(ypos), names, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("P(acceptable) (% of Monte Carlo draws)")
    ax.set_title(f"Acceptability over {doc['samples']:,} draws (seed {doc['seed']}); "
                 f"P(empty ZOPA) = {100 * doc['p_zopa_empty']:.0f}%", fontsize=10)
    ax.legend(loc="lower right", fontsize=8)


def tornado_rows(doc: dict[str, Any]) -> list[tuple[str, float, float, float]]:
    """``(parameter, margin at low, margin at high, swing)`` for the target proposal,
    largest swing first."""
    sens = doc["sensitivity"]
    target = sens["target"]
    rows = []
    for bar in sens["tornado"]["bars"]:
        lo = bar["at_low"]["min_margin"][target]
        hi = bar["at_high"]["min_margin"][target]
        rows.append((bar["path"], lo, hi, abs(hi - lo)))
    rows = [r for r in rows if r[3] > 0]
    rows.sort(key=lambda r: -r[3])
    return rows[:MAX_BARS]


def _draw_tornado(ax: Any, doc: dict[str, Any]) -> None:
    sens = doc["sensitivity"]
    target = sens["target"]
    base = sens["tornado"]["base"]["min_margin"][target]
    rows = tornado_rows(doc)
    for y, (_, lo, hi, _) in enumerate(rows):
        ax.barh(y, lo - base, left=base, color=PALETTE[0], height=0.6,
                label="number at the low end of its range" if y == 0 else None)
        ax.barh(y, hi - base, left=base, color=PALETTE[2], height=0.6,
                label="number at the high end of its range" if y == 0 else None)
    ax.axvline(base, color="#000000", linewidth=1.0, label="all numbers at file values")
    ax.axvline(0.0, color="#D55E00", linewidth=1.0, linestyle="--",
               label="acceptance threshold (margin 0)")
    ax.set_yticks(range(len(rows)), [_short(r[0], 45) for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("smallest margin over required parties\n(utility − reservation value, "
                  "utility units)")
    name = doc["proposals"][target]["name"]
    ax.set_title(f"Tornado: {_short(name, 60)}", fontsize=10)
    ax.legend(loc="best", fontsize=7)


def draw_uncertainty(doc: dict[str, Any]) -> Figure:
    """P(acceptable) bars and, when the document has a tornado, its tornado chart."""
    sens = doc.get("sensitivity")
    has_tornado = (sens is not None and sens.get("method") == "tornado"
                   and bool(sens.get("target")))
    if has_tornado:
        fig, axes = new_figure(14.0, 6.5, ncols=2)
        _draw_acceptance(axes[0, 0], doc)
        _draw_tornado(axes[0, 1], doc)
    else:
        fig, ax = new_figure(8.0, 6.0)
        _draw_acceptance(ax, doc)
    fig.suptitle(f"Parameter uncertainty ({doc['scenario']})", fontsize=12)
    return fig
