"""Command line interface (sits on top of the core; the core never imports it)."""
