"""Turn ordinal judgments (rankings) into cardinal weights and values.

Weights from an importance ranking of n issues (position k = 1 is most important):

- ``roc``: rank-order centroid, w_k = (1/n) * sum_{j=k}^{n} 1/j. Barron, F. H. &
  Barrett, B. E. (1996), "Decision quality using ranked attribute weights",
  *Management Science* 42(11), 1515-1523. It is the centroid of the simplex of
  weight vectors consistent with the ranking.
- ``rank_sum``: w_k = 2 (n + 1 - k) / (n (n + 1)).
- ``rank_reciprocal``: w_k = (1/k) / sum_j (1/j). Both from Stillwell, W. G.,
  Seaver, D. A. & Edwards, W. (1981), "A comparison of weight approximation
  techniques in multiattribute utility decision making", *Organizational Behavior
  and Human Performance* 28(1), 62-77.

Option values from a ranking of m options (best first):

- ``linear``: v = (m - r) / (m - 1), best 1 and worst 0 with equal steps (a single
  option gets 1).
- ``roc``: the rank-order centroid of the position divided by that of the best
  position, so the best option is 1.

Ties (a nested list in the ranking) share the mean of the values of the positions
they occupy, so tied items always receive equal numbers and the total is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Ranking = Sequence[str | Sequence[str]]


def roc_weights(n: int) -> np.ndarray:
    """Rank-order centroid weights for positions 1..n (they sum to 1)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    inv = 1.0 / np.arange(1, n + 1)
    return np.cumsum(inv[::-1])[::-1] / n


def rank_sum_weights(n: int) -> np.ndarray:
    """Rank-sum weights for positions 1..n (they sum to 1)."""
    k = np.arange(1, n + 1)
    return 2.0 * (n + 1 - k) / (n * (n + 1))


def rank_reciprocal_weights(n: int) -> np.ndarray:
    """Rank-reciprocal weights for positions 1..n (they sum to 1)."""
    inv = 1.0 / np.arange(1, n + 1)
    return inv / inv.sum()


def linear_values(n: int) -> np.ndarray:
    """Equal-step values from 1 (best) to 0 (worst) for n positions."""
    if n == 1:
        return np.ones(1)
    return (n - 1 - np.arange(n)) / (n - 1)


def roc_values(n: int) -> np.ndarray:
    """Rank-order-centroid values rescaled so that the best position scores 1."""
    w = roc_weights(n)
    return w / w[0]


WEIGHT_METHODS = {"roc": roc_weights, "rank_sum": rank_sum_weights,
                  "rank_reciprocal": rank_reciprocal_weights}
VALUE_METHODS = {"roc": roc_values, "linear": linear_values}


def flatten(ranking: Ranking) -> list[list[str]]:
    """Normalise a ranking to a list of tie groups."""
    return [[item] if isinstance(item, str) else list(item) for item in ranking]


def from_ranking(ranking: Ranking, method: str, *, values: bool = False) -> dict[str, float]:
    """Numbers for each ranked item, ties sharing the mean of their positions' numbers.

    Parameters
    ----------
    ranking:
        Items best/most important first; a nested sequence is a tie group.
    method:
        A key of :data:`WEIGHT_METHODS` (``values=False``) or :data:`VALUE_METHODS`.
    values:
        Whether option values (best = 1) rather than weights (sum = 1) are wanted.

    Examples
    --------
    >>> w = from_ranking(["a", "b", "c"], "roc")
    >>> round(w["a"], 4), round(w["b"], 4), round(w["c"], 4)
    (0.6111, 0.2778, 0.1111)
    >>> from_ranking(["x", ["y", "z"]], "linear", values=True)
    {'x': 1.0, 'y': 0.25, 'z': 0.25}
    """
    groups = flatten(ranking)
    n = sum(len(g) for g in groups)
    table = (VALUE_METHODS if values else WEIGHT_METHODS)[method](n)
    out: dict[str, float] = {}
    pos = 0
    for group in groups:
        share = float(np.mean(table[pos: pos + len(group)]))
        for item in group:
            out[item] = share
        pos += len(group)
    return out
