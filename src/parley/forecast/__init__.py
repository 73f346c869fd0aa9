"""Spatial forecasting models: one module per method.

* :mod:`parley.forecast.ktab_csv` reads KTAB's CSV input format;
* :mod:`parley.forecast.smp` is the KTAB Spatial Model of Politics.
"""

from __future__ import annotations

from parley.forecast.ktab_csv import SpatialInput, parse_ktab_csv, read_ktab_csv, to_ktab_csv
from parley.forecast.smp import SMPResult, run_smp

__all__ = ["SMPResult", "SpatialInput", "parse_ktab_csv", "read_ktab_csv", "run_smp",
           "to_ktab_csv"]
