"""``python -m parley`` runs the command line."""

from parley.cli.main import run

run()
