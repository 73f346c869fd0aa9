"""One chart style for every engine: colour-blind-safe palette, labelled axes, file output.

The palette is Okabe & Ito's eight colours ("Color Universal Design", 2008), distinguishable
under the common forms of colour-vision deficiency. Figures are drawn with the non-interactive
Agg backend so charts work on servers and in CI without a display.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Okabe–Ito colours, black last (used for reference lines).
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)

#: The XML declaration and doctype that start matplotlib's SVG output.
XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", re.DOTALL)

#: File types a chart can be saved as (by extension).
CHART_SUFFIXES = (".png", ".svg", ".pdf")


class ChartsUnavailable(RuntimeError):
    """matplotlib is not installed (``pip install 'parley[charts]'``)."""


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ChartsUnavailable(
            "charts need matplotlib: pip install 'parley[charts]'") from exc
    matplotlib.use("Agg", force=True)
    matplotlib.rcParams["svg.hashsalt"] = "parley"  # reproducible element ids in SVG output
    return matplotlib


def new_figure(width: float = 7.0, height: float = 4.5, nrows: int = 1,
               ncols: int = 1) -> tuple[Figure, Any]:
    """A figure and its axes in the house style (white, light grid, no top/right spines)."""
    _matplotlib()
    from cycler import cycler
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for ax in axes.flat:
        ax.set_prop_cycle(cycler(color=PALETTE))
        ax.grid(True, color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    return fig, (axes[0, 0] if nrows == ncols == 1 else axes)


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Save ``fig`` atomically as PNG, SVG or PDF (chosen by the file's extension)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise ValueError(f"chart file {path} must end in one of {', '.join(CHART_SUFFIXES)}")
    if path.exists() and path.is_dir():
        raise ValueError(f"{path} is a directory")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        fig.savefig(tmp, format=suffix[1:], dpi=150,
                    metadata={"Software": "parley"} if suffix == ".png" else None)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def svg_text(fig: Figure) -> str:
    """``fig`` as SVG markup to inline in HTML: no XML prolog or doctype, no date, and
    element ids that do not change between runs (``svg.hashsalt``)."""
    _matplotlib()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return XML_PROLOG.sub("", buf.getvalue())
