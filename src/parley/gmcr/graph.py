"""The state graph around a set of equilibria: who can improve from where, and to where.

The full graph model of a real conflict has hundreds of states and thousands of moves, which
no drawing can show.  What an analyst wants to see is the neighbourhood of the equilibria: the
unilateral improvements that lead *into* each equilibrium (how the conflict could arrive there)
and those that lead *out* of it (the temptations that the other decision makers' sanctions
must deter), with the mover of each.  :func:`state_graph` selects that neighbourhood,
:meth:`StateGraph.to_dot` writes it for Graphviz, and ``parley.charts.gmcr`` draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from parley.gmcr.model import Conflict
from parley.gmcr.moves import unilateral_improvements

__all__ = ["DEFAULT_MAX_NODES", "StateGraph", "state_graph"]

#: Largest number of states drawn by default; equilibria always come first.
DEFAULT_MAX_NODES = 30


@dataclass(frozen=True)
class StateGraph:
    """A drawable neighbourhood of the state graph.

    Attributes
    ----------
    nodes:
        State numbers shown, equilibria first.
    focus:
        The equilibria the neighbourhood is built around.
    edges:
        Unilateral improvements into or out of the focus states: ``(from, to, mover)``.
    labels:
        Options taken in each shown state, in words.
    omitted:
        Neighbouring states left out to respect the node limit.
    title:
        What the focus states are (e.g. "Nash equilibria").
    """

    nodes: tuple[int, ...]
    focus: tuple[int, ...]
    edges: tuple[tuple[int, int, str], ...]
    labels: dict[int, str]
    omitted: int
    title: str
    decision_makers: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"title": self.title, "focus": list(self.focus), "nodes": list(self.nodes),
                "edges": [{"from": a, "to": b, "mover": m} for a, b, m in self.edges],
                "labels": {str(k): v for k, v in self.labels.items()},
                "omitted": self.omitted, "decision_makers": list(self.decision_makers)}

    def to_dot(self) -> str:
        """Graphviz DOT text: equilibria as double circles, one edge colour per mover."""
        colours = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
                   "#F0E442", "#000000")
        colour = {dm: colours[k % len(colours)] for k, dm in enumerate(self.decision_makers)}
        out = ["digraph gmcr {", f"  label={_quote(self.title)};", "  labelloc=t;",
               "  node [shape=circle, fontname=Helvetica, fontsize=10];",
               "  edge [fontname=Helvetica, fontsize=9];"]
        for n in self.nodes:
            shape = "doublecircle, style=filled, fillcolor=\"#d9f0d3\"" if n in self.focus \
                else "circle"
            out.append(f"  s{n} [label={_quote(str(n))}, shape={shape}, "
                       f"tooltip={_quote(self.labels[n])}];")
        for a, b, mover in self.edges:
            out.append(f"  s{a} -> s{b} [label={_quote(mover)}, color=\"{colour[mover]}\", "
                       f"fontcolor=\"{colour[mover]}\"];")
        out.append("}")
        return "\n".join(out) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def state_graph(conflict: Conflict, focus: Sequence[int], *, title: str = "equilibria",
                max_nodes: int = DEFAULT_MAX_NODES) -> StateGraph:
    """The unilateral improvements into and out of the ``focus`` states.

    Parameters
    ----------
    conflict:
        A conflict whose decision makers all have preferences.
    focus:
        State numbers (1-based) to build the neighbourhood around, usually equilibria.
    title:
        What the focus states are, for the drawing's caption.
    max_nodes:
        Most states shown.  The focus states come first; neighbours are then added by how
        many improvements link them to the focus (most first, ties by state number).

    Returns
    -------
    StateGraph
        Edges are the unilateral improvements into or out of a shown focus state.
    """
    codes = conflict.feasible_codes()
    n = len(codes)
    focus = tuple(sorted(set(int(s) for s in focus)))
    bad = [s for s in focus if not 1 <= s <= n]
    if bad:
        raise ValueError(f"state {bad[0]} does not exist; states are 1..{n}")
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    names = tuple(dm.name for dm in conflict.decision_makers)
    in_focus = np.zeros(n, dtype=bool)
    in_focus[np.asarray(focus, dtype=np.int64) - 1] = True
    sources, targets, movers = [], [], []
    for i in range(len(names)):
        g = unilateral_improvements(conflict, i)
        sources.append(g.sources())
        targets.append(g.indices)
        movers.append(np.full(len(g.indices), i, dtype=np.int64))
    src = np.concatenate(sources) if sources else np.zeros(0, np.int64)
    dst = np.concatenate(targets) if targets else np.zeros(0, np.int64)
    who = np.concatenate(movers) if movers else np.zeros(0, np.int64)
    touching = in_focus[src] | in_focus[dst]
    links = np.bincount(np.concatenate((src[touching], dst[touching])), minlength=n)
    links[in_focus] = 0
    neighbours = np.flatnonzero(links > 0)
    order = neighbours[np.lexsort((neighbours, -links[neighbours]))]
    room = max(0, max_nodes - len(focus))
    shown_idx = np.concatenate((np.asarray(focus, dtype=np.int64)[:max_nodes] - 1,
                                order[:room]))
    shown = np.zeros(n, dtype=bool)
    shown[shown_idx] = True
    keep = shown[src] & shown[dst] & touching
    edges = sorted((int(a) + 1, int(b) + 1, names[int(m)])
                   for a, b, m in zip(src[keep], dst[keep], who[keep], strict=True))
    nodes = tuple(int(s) + 1 for s in shown_idx)
    return StateGraph(
        nodes=nodes, focus=tuple(s for s in focus if shown[s - 1]), edges=tuple(edges),
        labels={s: conflict.describe(int(codes[s - 1])) for s in nodes},
        omitted=int(max(0, len(order) - room)), title=title, decision_makers=names)
