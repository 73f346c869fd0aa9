"""Survival curves of ``parley durability``: P(no renewed war by t) per package, with bands.

Packages whose provisions give the same hazard multiplier share one curve (the model cannot
tell them apart), labelled with their names, so the chart shows as many lines as there are
distinct predictions rather than one per proposal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parley.charts.style import PALETTE, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: At most this many names are listed in one legend entry.
NAMES_PER_LABEL = 3


def _groups(doc: dict[str, Any]) -> list[tuple[list[str], dict[str, Any]]]:
    """Packages grouped by hazard multiplier (rounded), the baseline first."""
    groups: dict[float, tuple[list[str], dict[str, Any]]] = {}
    entries = [("No provisions (baseline)", doc["reference"])]
    entries += [(e["name"], e) for e in doc["proposals"].values()]
    entries += [(f"Solution: {k}", e) for k, e in doc["solutions"].items() if e is not None]
    for name, entry in entries:
        key = round(float(entry["hazard_multiplier"]), 6)
        groups.setdefault(key, ([], entry))[0].append(name)
    return sorted(groups.values(), key=lambda g: -g[1]["hazard_multiplier"])


def _label(names: list[str], multiplier: float) -> str:
    shown = [n if len(n) <= 40 else n[:39] + "…" for n in names[:NAMES_PER_LABEL]]
    more = len(names) - len(shown)
    text = "; ".join(shown) + (f"; +{more} more" if more else "")
    return f"×{multiplier:.2f} hazard: {text}"


def draw_survival(doc: dict[str, Any]) -> Figure:
    """Survival curves with Monte Carlo bands from a ``parley durability`` JSON document."""
    fig, ax = new_figure(9.0, 5.5)
    level = doc["uncertainty"]["level"]
    for k, (names, entry) in enumerate(_groups(doc)):
        curve = entry["survival_curve"]
        is_base = entry is doc["reference"] or entry["hazard_multiplier"] == 1.0
        color = "#000000" if is_base else PALETTE[k % (len(PALETTE) - 1)]
        years = curve["years"]
        ax.plot(years, curve["mean"], color=color, linestyle="--" if is_base else "-",
                linewidth=1.8, label=_label(names, entry["hazard_multiplier"]))
        ax.fill_between(years, curve["low"], curve["high"], color=color, alpha=0.12,
                        linewidth=0)
    for h in doc["horizons_years"]:
        ax.axvline(h, color="#999999", linewidth=0.6, linestyle=":")
    ax.set_xlim(0, max(doc["reference"]["survival_curve"]["years"]))
    ax.set_ylim(0, 1.0)
    ax.set_xlabel("years after the deal")
    ax.set_ylabel("probability of no renewed war")
    ax.set_title(f"Durability of each package ({doc['scenario']}): Weibull model, "
                 f"{100 * level:.0f}% bands", fontsize=11)
    ax.legend(fontsize=7, loc="lower left", frameon=False)
    return fig
