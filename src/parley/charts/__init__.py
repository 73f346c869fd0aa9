"""Charts of engine results (matplotlib, optional extra ``parley[charts]``).

One module per engine (``parley.charts.<engine>``), each a function from the engine's
JSON document (the same dict as ``--format json``) to a :class:`matplotlib.figure.Figure`.
The core engines never import this package; the CLI, reports and web app do.
"""

from parley.charts.style import PALETTE, ChartsUnavailable, new_figure, save_figure

__all__ = ["PALETTE", "ChartsUnavailable", "new_figure", "save_figure"]
