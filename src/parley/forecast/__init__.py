"""Spatial forecasting models: one module per method.

* :mod:`parley.forecast.ktab_csv` reads KTAB's CSV input format;
* :mod:`parley.forecast.smp` is the KTAB Spatial Model of Politics;
* :mod:`parley.forecast.eum` is Bueno de Mesquita's expected-utility model.
"""

from __future__ import annotations

from parley.forecast.eum import EUMOptions, EUMResult, run_eum
from parley.forecast.ktab_csv import SpatialInput, parse_ktab_csv, read_ktab_csv, to_ktab_csv
from parley.forecast.smp import SMPResult, run_smp

__all__ = ["EUMOptions", "EUMResult", "SMPResult", "SpatialInput", "parse_ktab_csv",
           "read_ktab_csv", "run_eum", "run_smp", "to_ktab_csv"]
