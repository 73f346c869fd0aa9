"""Check uploaded and edited scenario text exactly as the CLI does, plus the server's limits.

The YAML reader is :func:`parley.scenario.yamlio.load_yaml_text`: it composes nodes with a
safe loader and resolves plain scalars itself, so no YAML tag can construct an object.
Problems come back as ``{line, column, path, message}`` mappings for the API and forms.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

from parley.errors import Problem, ScenarioError
from parley.scenario.load import scenario_from_located
from parley.scenario.model import Scenario
from parley.scenario.yamlio import load_yaml_text

#: Name used for scenario text in problem messages.
INPUT_NAME = "scenario.yaml"


def content_hash(text: str) -> str:
    """SHA-256 of the UTF-8 text (hex), the identity of a version's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def problem_dict(problem: Problem) -> dict[str, Any]:
    """One problem as the JSON the API returns."""
    return {"line": problem.line, "column": problem.column, "path": problem.path,
            "message": problem.message}


def check_limits(text: str, *, max_bytes: int) -> None:
    """Refuse text over ``max_bytes`` before parsing it."""
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise ScenarioError([Problem(INPUT_NAME, None, None, "",
                                     f"the scenario is {size:,} bytes, over the server's "
                                     f"{max_bytes:,}-byte limit")])


def compile_text(text: str, *, max_bytes: int, max_packages: int) -> Scenario:
    """Parse, validate and compile scenario text; raise ``ScenarioError`` listing problems.

    Besides everything ``parley validate`` checks, the package space (the product of the
    option counts) must not exceed ``max_packages``.
    """
    check_limits(text, max_bytes=max_bytes)
    located = load_yaml_text(text, INPUT_NAME)
    scenario = scenario_from_located(located)
    if scenario.n_packages > max_packages:
        line, col = located.where(("issues",))
        raise ScenarioError([Problem(
            INPUT_NAME, line, col, "issues",
            f"the package space has {scenario.n_packages:,} packages, over this server's "
            f"limit of {max_packages:,}; remove options or issues")])
    return scenario


class ScenarioCache:
    """Compiled scenarios by content hash (least recently used dropped first; thread-safe).

    Compiling the default scenario takes about a tenth of a second; the what-if endpoint
    reuses the compiled object of a version instead of parsing its YAML on every request.
    """

    def __init__(self, size: int, *, max_bytes: int, max_packages: int) -> None:
        self.size = max(1, size)
        self.max_bytes = max_bytes
        self.max_packages = max_packages
        self._items: OrderedDict[str, Scenario] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str, digest: str | None = None) -> Scenario:
        """The compiled scenario of ``text`` (``digest`` is its content hash, if known)."""
        key = digest or content_hash(text)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        scenario = compile_text(text, max_bytes=self.max_bytes, max_packages=self.max_packages)
        with self._lock:
            self._items[key] = scenario
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return scenario

    def __len__(self) -> int:
        return len(self._items)
