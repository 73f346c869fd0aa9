"""Read the KTAB spatial-model CSV input format.

The format, used by the KAPSARC Toolkit for Behavioral Analysis (KTAB) for its
Spatial Model of Politics, is a small comma-separated table:

* line 1: scenario name, description, number of actors, number of dimensions
  (trailing empty fields are allowed);
* line 2: a header ``Actor, Description, <capability>, <position 1>, <salience 1>, ...``
  whose position columns give the dimension names;
* one line per actor: short name, description, capability (a positive number),
  then a position (0–100) and a salience (0–100) for each dimension. An actor's
  saliences must add up to at most 100 and at least one must be positive.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parley.errors import Problem, ScenarioError

__all__ = ["SpatialInput", "parse_ktab_csv", "read_ktab_csv", "to_ktab_csv"]


@dataclass(frozen=True, eq=False)
class SpatialInput:
    """Actors with capabilities, positions and saliences on policy dimensions.

    Attributes
    ----------
    name, description:
        Scenario name and description from the first line.
    actors, actor_descriptions:
        Actor short names (unique) and descriptions, in input order.
    dimensions:
        Dimension names (the position column headers).
    capability:
        ``(n,)`` positive capabilities, as given.
    position:
        ``(n, m)`` positions on the 0–100 scale.
    salience:
        ``(n, m)`` saliences on the 0–100 scale (each row sums to at most 100).
    """

    name: str
    description: str
    actors: tuple[str, ...]
    actor_descriptions: tuple[str, ...]
    dimensions: tuple[str, ...]
    capability: NDArray[np.float64]
    position: NDArray[np.float64]
    salience: NDArray[np.float64]

    def reordered(self, order: list[int]) -> SpatialInput:
        """Return the same input with actors permuted by ``order``."""
        idx = np.asarray(order, dtype=int)
        return SpatialInput(self.name, self.description,
                            tuple(self.actors[i] for i in order),
                            tuple(self.actor_descriptions[i] for i in order),
                            self.dimensions, self.capability[idx].copy(),
                            self.position[idx].copy(), self.salience[idx].copy())


def _fields(row: list[str]) -> list[str]:
    out = [f.strip() for f in row]
    while out and out[-1] == "":
        out.pop()
    return out


def parse_ktab_csv(text: str, source: str | None = None) -> SpatialInput:
    """Parse KTAB CSV text.

    Parameters
    ----------
    text:
        The file contents.
    source:
        File name used in error messages.

    Returns
    -------
    SpatialInput
        The parsed actors, dimensions and numbers.

    Raises
    ------
    ScenarioError
        With every problem found, each naming the file and line.
    """
    problems: list[Problem] = []

    def bad(line: int | None, path: str, message: str) -> None:
        problems.append(Problem(source, line, None, path, message))

    rows = [(n, _fields(r)) for n, r in enumerate(csv.reader(io.StringIO(text)), start=1)]
    rows = [(n, r) for n, r in rows if r]
    if len(rows) < 3:
        bad(None, "", "a KTAB CSV needs a title line, a header line and at least one actor line")
        raise ScenarioError(problems)
    (l1, title), (l2, header) = rows[0], rows[1]
    if len(title) < 4:
        bad(l1, "title", "expected 'name, description, number of actors, number of dimensions'")
        raise ScenarioError(problems)
    try:
        n_act, n_dim = int(float(title[2])), int(float(title[3]))
    except ValueError:
        bad(l1, "title", f"number of actors and dimensions must be integers, got "
                         f"{title[2]!r} and {title[3]!r}")
        raise ScenarioError(problems) from None
    if n_dim < 1 or n_act < 2:
        bad(l1, "title", f"need at least 2 actors and 1 dimension, got {n_act} and {n_dim}")
        raise ScenarioError(problems)
    width = 3 + 2 * n_dim
    if len(header) != width:
        bad(l2, "header", f"expected {width} columns (actor, description, capability and a "
                          f"position and salience for each of {n_dim} dimensions), "
                          f"got {len(header)}")
        raise ScenarioError(problems)
    dims = tuple(header[3 + 2 * k] for k in range(n_dim))
    body = rows[2:]
    if len(body) != n_act:
        bad(body[-1][0], "actors", f"the title line announces {n_act} actors but "
                                   f"{len(body)} actor lines follow")
    names: list[str] = []
    descs: list[str] = []
    cap = np.zeros(len(body))
    pos = np.zeros((len(body), n_dim))
    sal = np.zeros((len(body), n_dim))
    for a, (line, row) in enumerate(body):
        who = row[0] if row else f"actor {a + 1}"
        if len(row) != width:
            bad(line, who, f"expected {width} fields, got {len(row)}")
            continue
        if not row[0]:
            bad(line, "actor", "empty actor name")
        elif row[0] in names:
            bad(line, row[0], "duplicate actor name")
        names.append(row[0])
        descs.append(row[1])
        try:
            nums = [float(x) for x in row[2:]]
        except ValueError as exc:
            bad(line, who, f"not a number: {exc}")
            continue
        if not all(np.isfinite(nums)):
            bad(line, who, "numbers must be finite")
            continue
        cap[a] = nums[0]
        pos[a] = nums[1::2]
        sal[a] = nums[2::2]
        if cap[a] <= 0:
            bad(line, f"{who}.capability", f"capability must be positive, got {cap[a]:g}")
        for k in range(n_dim):
            if not 0 <= pos[a, k] <= 100:
                bad(line, f"{who}.{dims[k]}", f"position must be in [0, 100], got {pos[a, k]:g}")
            if not 0 <= sal[a, k] <= 100:
                bad(line, f"{who}.{dims[k]}", f"salience must be in [0, 100], got {sal[a, k]:g}")
        total = sal[a].sum()
        if total > 100 + 1e-9:
            bad(line, f"{who}.salience", f"saliences add up to {total:g}, more than 100")
        if total <= 0:
            bad(line, f"{who}.salience", "at least one salience must be positive")
    if problems:
        raise ScenarioError(problems)
    return SpatialInput(title[0], title[1], tuple(names), tuple(descs), dims, cap, pos, sal)


def read_ktab_csv(path: Path) -> SpatialInput:
    """Read a KTAB CSV file (see :func:`parse_ktab_csv`).

    Parameters
    ----------
    path:
        The file.

    Returns
    -------
    SpatialInput
        The parsed input.

    Raises
    ------
    ScenarioError
        If the file cannot be read or has problems.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problem = Problem(str(path), None, None, "", f"cannot read file: {exc}")
        raise ScenarioError([problem]) from None
    return parse_ktab_csv(text, str(path))


def to_ktab_csv(data: SpatialInput) -> str:
    """Write ``data`` in the KTAB CSV format (the inverse of :func:`parse_ktab_csv`).

    Parameters
    ----------
    data:
        The input to write.

    Returns
    -------
    str
        CSV text.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([data.name, data.description, len(data.actors), len(data.dimensions)])
    head = ["Actor", "Description", "Capability"]
    for d in data.dimensions:
        head += [d, f"{d} salience"]
    w.writerow(head)
    for a, name in enumerate(data.actors):
        row: list[str] = [name, data.actor_descriptions[a], repr(float(data.capability[a]))]
        for k in range(len(data.dimensions)):
            row += [repr(float(data.position[a, k])), repr(float(data.salience[a, k]))]
        w.writerow(row)
    return buf.getvalue()
