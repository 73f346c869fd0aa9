"""The bargaining range over time (``parley dynamics --chart``).

Top: every party's reservation value by month (the value of no deal), with its
uncertainty band when the document has ``bands``, and the Nash package's utility for the
ripeness parties as dashed lines. Bottom: the ZOPA's share of
the feasible packages by month. Ripe months are shaded in both panels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parley.charts.style import PALETTE, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _shade(ax: Any, ripe: list[int], label: str | None) -> None:
    for k, m in enumerate(ripe):
        ax.axvspan(m - 0.5, m + 0.5, color="#009E73", alpha=0.10, linewidth=0,
                   label=label if k == 0 else None)


def draw_dynamics(doc: dict[str, Any]) -> Figure:
    """Reservation values and ZOPA size by month from a ``parley dynamics`` JSON document."""
    fig, axes = new_figure(11.0, 7.0, nrows=2)
    top, bottom = axes[0, 0], axes[1, 0]
    months = [m["month"] for m in doc["months"]]
    ripe = doc["ripe_months"]
    _shade(top, ripe, "ripe month")
    ripeness = set(doc["ripeness"]["parties"])
    for k, party in enumerate(doc["parties"]):
        color = PALETTE[k % len(PALETTE)]
        rv = [m["reservation_values"][party] for m in doc["months"]]
        top.plot(months, rv, color=color, linewidth=1.8, label=f"{party}: reservation value")
        bands = doc.get("bands")
        if bands is not None:
            qs = bands["reservation_values"]
            lo, hi = min(qs, key=float), max(qs, key=float)
            top.fill_between(months, qs[lo][party], qs[hi][party], color=color, alpha=0.12,
                             linewidth=0)
        if party in ripeness:
            nash = [m["nash"]["utilities"][party] if m["nash"] else float("nan")
                    for m in doc["months"]]
            top.plot(months, nash, color=color, linewidth=1.2, linestyle="--",
                     label=f"{party}: Nash deal")
    top.set_ylabel("utility (0–1 scale of the scenario)")
    title = "Reservation values if no deal is made"
    if doc.get("bands") is not None:
        qs = sorted(map(float, doc["bands"]["quantiles"]))
        title += (f" (shaded: {100 * qs[0]:g}–{100 * qs[-1]:g}% band over "
                  f"{doc['bands']['samples']:,} parameter draws)")
    top.set_title(title, fontsize=10, loc="left")
    top.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    _shade(bottom, ripe, "ripe month")
    share = [100 * m["zopa_share"] for m in doc["months"]]
    bottom.plot(months, share, color="#000000", linewidth=1.8, marker="o", markersize=3,
                label="ZOPA")
    fb = doc.get("fallback")
    bottom.set_ylim(0, max([*share, 1e-9]) * 1.15)
    bottom.set_xlabel(f"months after {doc.get('start') or 'month 0'}")
    bottom.set_ylabel("acceptable packages (% of feasible)")
    bottom.set_title("Size of the zone of possible agreement", fontsize=10, loc="left")
    bottom.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    for ax in (top, bottom):
        ax.set_xlim(-0.5, months[-1] + 0.5)
    extra = ""
    if fb is not None:
        extra = (f"\ntalks stall: Europe takes over {100 * fb['europe_share']:.0f}% of the US "
                 f"burden (US saves {fb['us_cost_saved']:.1f} bn EUR over the horizon)")
    fig.suptitle(f"Bargaining range over time ({doc['scenario']}){extra}", fontsize=11)
    return fig
