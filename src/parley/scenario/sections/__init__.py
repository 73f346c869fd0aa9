"""Optional scenario sections used by individual engines (one module per engine)."""
