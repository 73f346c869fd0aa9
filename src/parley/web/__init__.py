"""The parley web app: scenario library, versions, analyses and what-if, over a database.

Needs the ``web`` extra. Start it with ``parley serve``; build it in code with
:func:`create_app`. The core packages never import this one.
"""

from parley.web.app import create_app
from parley.web.settings import Settings

__all__ = ["Settings", "create_app"]
