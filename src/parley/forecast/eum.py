"""Bueno de Mesquita's expected-utility model (EUM), in the Scholz et al. (2011) reading.

The model of B. Bueno de Mesquita (1994, "Political forecasting: an expected
utility method", in Bueno de Mesquita & Stokman (eds), *European Community
Decision Making*, Yale UP) as specified for replication by
J. B. Scholz, G. J. Calbert and G. A. Smith (2011, "Unravelling Bueno De
Mesquita's group decision model", *Journal of Theoretical Politics* 23(4),
510 ff.). Our own vectorised implementation; the default options reproduce the
reference runs of the Scholz reading in ``tests/fixtures/eum/`` exactly.

Each dimension is a separate one-dimensional game (BDM's model is issue by
issue): positions ``x`` in the units of the input, saliences ``s`` on [0, 1]
(the probability that a challenged actor resists), capabilities ``c``. Distances
are ``|x_a − x_b| / range`` with ``range`` the spread of the *initial* positions
on that dimension. One round:

1. **Votes.** Voter k's vote for position a over b is
   ``v_k(a, b) = c_k s_k ((|x_k − x_b|/range)^{r_k} − (|x_k − x_a|/range)^{r_k})``.
2. **Probability of success** ``P_ij = Σ_k max(0, v_k(i, j)) / N`` where N is
   either the sum of ``|v_k(a, b)|`` over all voters and all ordered actor pairs
   (``probability="all-pairs"``, the Scholz code) or over the contest (i, j) only
   (``probability="contest"``, so that ``P_ij + P_ji = 1``). ``P_ij = 0`` when i
   and j share a position.
3. **Utilities** with risk exponent r: success ``U_s = 2 − 4(0.5 − 0.5 d)^r``,
   failure ``U_f = 2 − 4(0.5 + 0.5 d)^r``, status quo ``U_sq = 2 − 4 · 0.5^r``
   (d the distance of i and j). **Expected utility of i challenging j**:
   ``EU(i→j) = s_j (P_ij U_s + (1 − P_ij) U_f) + (1 − s_j) U_s − U_sq``
   (Q = 1: the status quo is expected to hold if nobody challenges).
4. **Risk exponents.** With every r = 1, actor i's *danger* is
   ``Σ_{k≠i} EU(k→i)``; ``R_i = (2 danger_i − max − min) / (max − min)`` and
   ``r_i = (1 − R_i/3) / (1 + R_i/3)`` ∈ [0.5, 2].
5. **Offers.** Receiver i compares, for every j at another position,
   ``eu_ij = EU(i→j)`` and ``eu_ji = EU(j→i)``, both as i perceives them
   (``risk="perceiver"``: with r_i; ``risk="own"``: eu_ji with j's own r_j):
   *confrontation* if ``eu_ji > eu_ij > 0`` (i moves to x_j); *compromise* if
   ``eu_ji > 0 > eu_ij`` and ``eu_ji > |eu_ij|`` (i moves to
   ``x_i + (x_j − x_i)|eu_ij / eu_ji|``); *capitulation* if ``eu_ji > 0 > eu_ij``
   and ``eu_ji < |eu_ij|`` (i moves to x_j; only with ``capitulation=True`` —
   the Scholz code never reaches this branch).
6. **Choice.** Confrontations first (the nearest x_j), else compromises (the
   smallest ``(|eu_ij| x_i + |eu_ji| x_j) / (|eu_ij| + |eu_ji|)`` with
   ``offer_choice="scholz"``, the smallest move with ``"nearest"``), else
   capitulations (nearest). Ties go to the first actor in input order. All
   actors move at once (``updates="simultaneous"``) or one after another in
   input order, each seeing the moves before it (``"sequential"``).
7. **Median and mean.** The median is the position that survives a pairwise
   scan over the distinct positions (ascending) with r = 1 votes: a position
   replaces the current one when its total vote against it is positive (the
   weighted median when one exists). The mean is ``Σ c s x / Σ c s``.

The run stops when no position moves by more than ``tol`` in a round, or after
``max_rounds``. Nothing is random.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from parley.forecast.ktab_csv import SpatialInput

__all__ = ["EUMOptions", "EUMResult", "danger", "expected_utility", "median_position",
           "risk_exponents", "run_eum", "run_eum_1d", "success_probability"]

FArr = NDArray[np.float64]
IArr = NDArray[np.int64]

NO_MOVE, CONFRONTATION, COMPROMISE, CAPITULATION = 0, 1, 2, 3
MOVE_NAMES = {CONFRONTATION: "confrontation", COMPROMISE: "compromise",
              CAPITULATION: "capitulation"}


@dataclass(frozen=True)
class EUMOptions:
    """The variant choices of the EUM (defaults: the Scholz et al. 2011 code).

    Attributes
    ----------
    probability:
        ``"all-pairs"``: P_ij normalised by the votes over all actor pairs (Scholz
        code); ``"contest"``: by the votes in the contest (i, j) only.
    risk:
        ``"perceiver"``: i evaluates both challenges with its own exponent r_i;
        ``"own"``: i evaluates j's challenge with j's exponent r_j.
    forecast:
        ``"median"`` or ``"mean"`` of the final positions.
    updates:
        ``"simultaneous"`` or ``"sequential"`` (input order).
    capitulation:
        Allow the capitulation move (unreachable in the Scholz code).
    offer_choice:
        ``"scholz"`` (compromises ranked by the weighted mean of the two
        positions) or ``"nearest"`` (smallest move, as the paper describes).
    max_rounds, tol:
        Stop after ``max_rounds`` or once no position moves more than ``tol``
        (input units); ``tol=None`` always runs ``max_rounds``.
    """

    probability: Literal["all-pairs", "contest"] = "all-pairs"
    risk: Literal["perceiver", "own"] = "perceiver"
    forecast: Literal["median", "mean"] = "median"
    updates: Literal["simultaneous", "sequential"] = "simultaneous"
    capitulation: bool = False
    offer_choice: Literal["scholz", "nearest"] = "scholz"
    max_rounds: int = 100
    tol: float | None = 1e-9

    def __post_init__(self) -> None:
        choices = {"probability": ("all-pairs", "contest"), "risk": ("perceiver", "own"),
                   "forecast": ("median", "mean"), "updates": ("simultaneous", "sequential"),
                   "offer_choice": ("scholz", "nearest")}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"EUM option {name} must be one of {', '.join(allowed)}, "
                                 f"not {getattr(self, name)!r}")
        if self.max_rounds < 1:
            raise ValueError("EUM option max_rounds must be at least 1")


# ---------------------------------------------------------------- building blocks

def _loss(x: FArr, span: float, r: FArr) -> FArr:
    """``L[k, a] = (|x_k − x_a| / span)^{r_k}``: voter k's loss at position a."""
    return np.asarray((np.abs(x[:, None] - x[None, :]) / span) ** r[:, None], dtype=np.float64)


def _pair_abs_sum(values: FArr) -> FArr:
    """Row-wise ``Σ_a Σ_b |v_a − v_b|`` over ordered pairs, by sorting (O(n log n) a row)."""
    v = np.sort(values, axis=1)
    n = v.shape[1]
    coef = 2.0 * np.arange(n) - (n - 1)
    return np.asarray(2.0 * (v * coef).sum(axis=1), dtype=np.float64)


def _pair_probabilities(x: FArr, c: FArr, s: FArr, r: FArr, span: float, probability: str,
                        rows: IArr) -> tuple[FArr, FArr]:
    """``(P[i, j], P[j, i])`` for challengers i in ``rows`` and every j, shape ``(rows, n)``.

    Support for i over j is ``Σ_k max(0, v_k(i, j))`` (one pass over the
    voter × challenger × target array); support for j over i follows from it, as
    the two differ by ``Σ_k v_k(i, j) = G_j − G_i`` with ``G_a = Σ_k w_k L_ka``.
    """
    wl = (c * s)[:, None] * _loss(x, span, r)  # [k, a] = w_k L_ka
    if np.all(r == 1.0) and rows.shape[0] == x.shape[0]:
        for_i = _linear_support(x, c * s, span)  # same sums without the voter axis
    else:
        # v[k, i, j] = w_k (L_kj − L_ki): k's vote for i over j
        v = wl[:, None, :] - wl[:, rows][:, :, None]
        np.maximum(v, 0.0, out=v)
        for_i = v.sum(axis=0)
    g = wl.sum(axis=0)
    for_j = np.maximum(for_i - (g[None, :] - g[rows][:, None]), 0.0)
    if probability == "all-pairs":
        den = np.full_like(for_i, float(_pair_abs_sum(wl).sum()))
    else:
        den = for_i + for_j
    same = x[rows][:, None] == x[None, :]
    ok = den > 0.0
    safe = np.where(ok, den, 1.0)
    p_ij = np.where(same, 0.0, np.where(ok, for_i / safe, 0.5))
    p_ji = np.where(same, 0.0, np.where(ok, for_j / safe, 0.5))
    return np.asarray(p_ij, dtype=np.float64), np.asarray(p_ji, dtype=np.float64)


def _linear_support(x: FArr, w: FArr, span: float) -> FArr:
    """``S[i, j] = Σ_k w_k max(0, |x_k − x_j| − |x_k − x_i|) / span`` in O(n² log n).

    With r = 1 the vote of k for i over j is piecewise linear in x_k: for
    ``x_i < x_j`` it is ``x_j − x_i`` up to x_i, then ``x_i + x_j − 2 x_k`` up to
    the midpoint m, and negative beyond; mirrored for ``x_i > x_j``. Prefix sums
    of w and w·x over the sorted positions give each pair's support without a
    voter axis.
    """
    order = np.argsort(x, kind="stable")
    xs, ws = x[order], w[order]
    cw = np.concatenate([[0.0], np.cumsum(ws)])
    cwx = np.concatenate([[0.0], np.cumsum(ws * xs)])
    tot_w, tot_wx = cw[-1], cwx[-1]
    xi, xj = x[:, None], x[None, :]
    mid = 0.5 * (xi + xj)
    # x_i < x_j: voters at or left of x_i give the full gap; those in (x_i, m) a part
    le_i = np.searchsorted(xs, x, side="right")[:, None]  # count of x_k <= x_i
    lt_m = np.searchsorted(xs, mid, side="left")  # count of x_k < m
    w_le, wx_le = cw[le_i], cwx[le_i]
    left = (w_le * (xj - xi) + (xi + xj) * (cw[lt_m] - w_le) - 2.0 * (cwx[lt_m] - wx_le))
    # x_i > x_j: voters at or right of x_i give the full gap; those in (m, x_i) a part
    lt_i = np.searchsorted(xs, x, side="left")[:, None]  # count of x_k < x_i
    le_m = np.searchsorted(xs, mid, side="right")  # count of x_k <= m
    w_ge, wx_ge = tot_w - cw[lt_i], tot_wx - cwx[lt_i]
    w_gt_m, wx_gt_m = tot_w - cw[le_m], tot_wx - cwx[le_m]
    right = (w_ge * (xi - xj) + 2.0 * (wx_gt_m - wx_ge) - (xi + xj) * (w_gt_m - w_ge))
    out = np.where(xi < xj, left, np.where(xi > xj, right, 0.0)) / span
    return np.asarray(np.maximum(out, 0.0), dtype=np.float64)


def success_probability(x: FArr, c: FArr, s: FArr, r: FArr, span: float,
                        probability: str = "all-pairs") -> FArr:
    """``P[i, j]``: probability that i's position beats j's in a vote.

    Parameters
    ----------
    x, c, s, r:
        ``(n,)`` positions, capabilities, saliences (0–1) and the voters' risk exponents.
    span:
        The position range used to scale distances.
    probability:
        ``"all-pairs"`` or ``"contest"`` normalisation (see the module docstring).

    Returns
    -------
    numpy.ndarray
        ``(n, n)``; zero where the two positions coincide.
    """
    return _pair_probabilities(x, c, s, r, span, probability, np.arange(x.shape[0]))[0]


def expected_utility(p: FArr, d: FArr, s_target: FArr, r: FArr | float) -> FArr:
    """``EU = s_t (P U_s + (1 − P) U_f) + (1 − s_t) U_s − U_sq`` elementwise (Q = 1).

    ``p`` the challenger's probability of success, ``d`` the scaled distance of
    challenger and target, ``s_target`` the target's salience, ``r`` the risk
    exponent used for the utilities.
    """
    u_s = 2.0 - 4.0 * (0.5 - 0.5 * d) ** r
    u_f = 2.0 - 4.0 * (0.5 + 0.5 * d) ** r
    u_sq = 2.0 - 4.0 * 0.5**r
    return np.asarray(s_target * (p * u_s + (1.0 - p) * u_f) + (1.0 - s_target) * u_s - u_sq,
                      dtype=np.float64)


def danger(x: FArr, c: FArr, s: FArr, span: float, probability: str = "all-pairs") -> FArr:
    """``danger_i = Σ_{k≠i} EU(k→i)`` with every risk exponent 1."""
    ones = np.ones_like(x)
    p = success_probability(x, c, s, ones, span, probability)
    d = np.abs(x[:, None] - x[None, :]) / span
    eu = expected_utility(p, d, s[None, :], 1.0)  # [k, i] = EU(k → i)
    np.fill_diagonal(eu, 0.0)
    return np.asarray(eu.sum(axis=0), dtype=np.float64)


def risk_exponents(x: FArr, c: FArr, s: FArr, span: float,
                   probability: str = "all-pairs") -> FArr:
    """Risk exponents ``r_i = (1 − R_i/3) / (1 + R_i/3)`` from the actors' dangers."""
    dg = danger(x, c, s, span, probability)
    hi, lo = float(dg.max()), float(dg.min())
    if hi - lo <= 0.0:
        return np.ones_like(x)
    big_r = (2.0 * dg - hi - lo) / (hi - lo)
    return np.asarray((1.0 - big_r / 3.0) / (1.0 + big_r / 3.0), dtype=np.float64)


def median_position(x: FArr, c: FArr, s: FArr, span: float) -> float:
    """The position surviving a pairwise scan over the distinct positions (r = 1 votes).

    The scan runs over the distinct positions in ascending order and moves to a
    position when the capability × salience-weighted vote for it over the current
    one is positive. That vote is ``F(current) − F(candidate)`` with
    ``F(a) = Σ_k c_k s_k |x_k − a|``, so the survivor is the first minimiser of F:
    the weighted median.
    """
    uniq = np.unique(x)
    f = ((c * s)[:, None] * np.abs(x[:, None] - uniq[None, :]) / span).sum(axis=0)
    return float(uniq[int(np.argmin(f))])


def _offers(x: FArr, c: FArr, s: FArr, r: FArr, span: float, opts: EUMOptions,
            rows: IArr) -> tuple[FArr, IArr, IArr, FArr, FArr]:
    """Best offer for each receiver in ``rows``.

    Returns new positions, move types, partners (-1 when none), and the
    receiver's ``eu_ij`` and ``eu_ji`` for the chosen offer.
    """
    p_ij, p_ji = _pair_probabilities(x, c, s, r, span, opts.probability, rows)
    xi = x[rows][:, None]
    d = np.abs(xi - x[None, :]) / span
    ri = r[rows][:, None]
    eu_ij = expected_utility(p_ij, d, s[None, :], ri)
    r_ji = ri if opts.risk == "perceiver" else r[None, :]
    eu_ji = expected_utility(p_ji, d, s[rows][:, None], r_ji)
    valid = xi != x[None, :]
    conf = valid & (eu_ji > eu_ij) & (eu_ij > 0.0)
    comp = valid & (eu_ji > 0.0) & (eu_ij < 0.0) & (eu_ji > np.abs(eu_ij))
    capi = valid & (eu_ji > 0.0) & (eu_ij < 0.0) & (eu_ji < np.abs(eu_ij))
    if not opts.capitulation:
        capi = np.zeros_like(capi)
    with np.errstate(invalid="ignore", divide="ignore"):
        comp_pos = xi + (x[None, :] - xi) * np.abs(eu_ij / np.where(comp, eu_ji, 1.0))
        comp_key = ((np.abs(eu_ij) * xi + np.abs(eu_ji) * x[None, :])
                    / np.where(comp, np.abs(eu_ij) + np.abs(eu_ji), 1.0))
    if opts.offer_choice == "nearest":
        comp_key = np.abs(comp_pos - xi)
    dist = np.abs(x[None, :] - xi)
    inf = np.inf
    k_conf = np.argmin(np.where(conf, dist, inf), axis=1)
    k_comp = np.argmin(np.where(comp, comp_key, inf), axis=1)
    k_capi = np.argmin(np.where(capi, dist, inf), axis=1)
    any_conf, any_comp, any_capi = conf.any(axis=1), comp.any(axis=1), capi.any(axis=1)
    m = rows.shape[0]
    kind = np.where(any_conf, CONFRONTATION,
                    np.where(any_comp, COMPROMISE, np.where(any_capi, CAPITULATION, NO_MOVE)))
    partner = np.where(any_conf, k_conf, np.where(any_comp, k_comp,
                                                  np.where(any_capi, k_capi, -1)))
    ar = np.arange(m)
    safe = np.where(partner >= 0, partner, 0)
    new = np.where(kind == COMPROMISE, comp_pos[ar, safe], x[safe])
    new = np.where(kind == NO_MOVE, x[rows], new)
    return (np.asarray(new, dtype=np.float64), kind.astype(np.int64),
            partner.astype(np.int64), eu_ij[ar, safe], eu_ji[ar, safe])


@dataclass(frozen=True)
class _Round:
    """One dimension's record of one round."""

    x: FArr
    r: FArr
    kind: IArr
    partner: IArr
    eu_ij: FArr
    eu_ji: FArr


def _step(x: FArr, c: FArr, s: FArr, span: float, opts: EUMOptions) -> _Round:
    """One round on one dimension: risk exponents, offers, moves."""
    n = x.shape[0]
    r = risk_exponents(x, c, s, span, opts.probability)
    if opts.updates == "simultaneous":
        new, kind, partner, eu_ij, eu_ji = _offers(x, c, s, r, span, opts, np.arange(n))
        return _Round(new, r, kind, partner, eu_ij, eu_ji)
    cur = x.copy()
    kind = np.zeros(n, dtype=np.int64)
    partner = np.full(n, -1, dtype=np.int64)
    eu_ij, eu_ji = np.zeros(n), np.zeros(n)
    for i in range(n):  # sequential updates: one receiver at a time, by definition
        nw, kd, pt, a, b = _offers(cur, c, s, r, span, opts, np.array([i]))
        cur[i], kind[i], partner[i], eu_ij[i], eu_ji[i] = nw[0], kd[0], pt[0], a[0], b[0]
    return _Round(cur, r, kind, partner, eu_ij, eu_ji)


def _mean(x: FArr, c: FArr, s: FArr) -> float:
    w = c * s
    return float((w * x).sum() / w.sum()) if w.sum() > 0 else float(x.mean())


def _win_probability(x: FArr, c: FArr, s: FArr, span: float, med: float) -> FArr:
    """P(actor's position beats the median) in a contest vote with r = 1 (0.5 at the median)."""
    w = c * s
    dist = np.abs(x[:, None] - x[None, :]) / span  # [k, i]
    dm = np.abs(x - med) / span  # [k]
    v = w[:, None] * (dm[:, None] - dist)  # vote of k for x_i over the median
    den = np.abs(v).sum(axis=0)
    p = np.where(den > 0.0, np.maximum(v, 0.0).sum(axis=0) / np.where(den > 0.0, den, 1.0), 0.5)
    return np.asarray(np.where(x == med, 0.5, p), dtype=np.float64)


@dataclass(frozen=True, eq=False)
class EUMRun1D:
    """Trajectory of one dimension (all arrays indexed by state, the initial state first)."""

    positions: FArr  # (T + 1, n)
    risk: FArr  # (T, n) exponents used in rounds 1..T
    kind: IArr  # (T, n)
    partner: IArr  # (T, n)
    eu_ij: FArr  # (T, n)
    eu_ji: FArr  # (T, n)
    median: FArr  # (T + 1,)
    mean: FArr  # (T + 1,)
    win_probability: FArr  # (T + 1, n)
    converged: bool


def run_eum_1d(x0: FArr, c: FArr, s: FArr, opts: EUMOptions | None = None,
               max_rounds: int | None = None) -> EUMRun1D:
    """Run the EUM on one dimension.

    Parameters
    ----------
    x0, c, s:
        ``(n,)`` initial positions (any units), capabilities and saliences on [0, 1].
    opts:
        Variant choices (defaults: the Scholz code).
    max_rounds:
        Overrides ``opts.max_rounds``.

    Returns
    -------
    EUMRun1D
        Positions, risk exponents, moves, median, mean and win probabilities.
    """
    opts = opts or EUMOptions()
    limit = opts.max_rounds if max_rounds is None else max_rounds
    x = np.asarray(x0, dtype=np.float64).copy()
    span = float(x.max() - x.min())
    n = x.shape[0]
    if span <= 0.0:  # everyone agrees: nothing to do
        return EUMRun1D(x[None, :], np.ones((0, n)), np.zeros((0, n), dtype=np.int64),
                        np.zeros((0, n), dtype=np.int64), np.zeros((0, n)), np.zeros((0, n)),
                        np.array([x[0]]), np.array([_mean(x, c, s)]),
                        np.full((1, n), 0.5), True)
    xs, rounds = [x], []
    med = median_position(x, c, s, span)
    meds, means = [med], [_mean(x, c, s)]
    wins = [_win_probability(x, c, s, span, med)]
    converged = False
    for _ in range(limit):
        rd = _step(xs[-1], c, s, span, opts)
        moved = float(np.abs(rd.x - xs[-1]).max())
        xs.append(rd.x)
        rounds.append(rd)
        med = median_position(rd.x, c, s, span)
        meds.append(med)
        means.append(_mean(rd.x, c, s))
        wins.append(_win_probability(rd.x, c, s, span, med))
        if opts.tol is not None and moved <= opts.tol:
            converged = True
            break
    return EUMRun1D(np.stack(xs), np.stack([r.r for r in rounds]),
                    np.stack([r.kind for r in rounds]), np.stack([r.partner for r in rounds]),
                    np.stack([r.eu_ij for r in rounds]), np.stack([r.eu_ji for r in rounds]),
                    np.array(meds), np.array(means), np.stack(wins), converged)


@dataclass(frozen=True, eq=False)
class EUMResult:
    """EUM forecast of every dimension.

    Attributes
    ----------
    actors, dimensions:
        Names as in the input.
    options:
        The variant run.
    runs:
        One :class:`EUMRun1D` per dimension. Dimensions that settle early are
        held at their final state, so every dimension reports ``rounds + 1`` states.
    """

    actors: tuple[str, ...]
    dimensions: tuple[str, ...]
    options: EUMOptions
    runs: tuple[EUMRun1D, ...]

    @property
    def rounds(self) -> int:
        """Number of rounds after the initial state (the longest dimension)."""
        return max(run.positions.shape[0] - 1 for run in self.runs)

    def _padded(self, arr: FArr) -> FArr:
        t = self.rounds + 1
        if arr.shape[0] == t:
            return arr
        pad = np.repeat(arr[-1:], t - arr.shape[0], axis=0)
        return np.concatenate([arr, pad], axis=0)

    @property
    def positions(self) -> FArr:
        """``(rounds + 1, n, m)`` positions, the initial state first."""
        return np.stack([self._padded(run.positions) for run in self.runs], axis=2)

    @property
    def forecast(self) -> FArr:
        """Final median (or mean, by ``options.forecast``) per dimension."""
        key = "median" if self.options.forecast == "median" else "mean"
        return np.array([float(getattr(run, key)[-1]) for run in self.runs])

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``parley forecast --model eum --format json``."""
        dims = self.dimensions
        moves = []
        for k, run in enumerate(self.runs):
            for t in range(run.kind.shape[0]):
                for i in np.flatnonzero(run.kind[t]):
                    moves.append({"round": t + 1, "dimension": dims[k],
                                  "actor": self.actors[i],
                                  "type": MOVE_NAMES[int(run.kind[t, i])],
                                  "with_actor": self.actors[int(run.partner[t, i])],
                                  "eu_receiver": round(float(run.eu_ij[t, i]), 9),
                                  "eu_proposer": round(float(run.eu_ji[t, i]), 9),
                                  "new_position": round(float(run.positions[t + 1, i]), 6)})
        return {
            "model": "eum",
            "options": asdict(self.options),
            "rounds": self.rounds,
            "converged": all(run.converged for run in self.runs),
            "actors": list(self.actors),
            "dimensions": list(dims),
            "positions": {a: {d: [round(float(v), 6) for v in
                                  self._padded(run.positions)[:, i]]
                              for d, run in zip(dims, self.runs, strict=True)}
                          for i, a in enumerate(self.actors)},
            "win_probability": {a: {d: [round(float(v), 6) for v in
                                        self._padded(run.win_probability)[:, i]]
                                    for d, run in zip(dims, self.runs, strict=True)}
                                for i, a in enumerate(self.actors)},
            "median": {d: [round(float(v), 6) for v in self._padded(run.median)]
                       for d, run in zip(dims, self.runs, strict=True)},
            "mean": {d: [round(float(v), 6) for v in self._padded(run.mean)]
                     for d, run in zip(dims, self.runs, strict=True)},
            "risk_exponent": {a: {d: [round(float(v), 6) for v in run.risk[:, i]]
                                  for d, run in zip(dims, self.runs, strict=True)}
                              for i, a in enumerate(self.actors)},
            "moves": moves,
            "forecast": {d: round(float(v), 6) for d, v in zip(dims, self.forecast,
                                                                strict=True)},
            "forecast_definition": (f"final {self.options.forecast} position of each "
                                    "dimension (EUM, Scholz et al. 2011 reading)"),
        }


def run_eum(data: SpatialInput, options: EUMOptions | None = None) -> EUMResult:
    """Run the EUM on every dimension of ``data`` (saliences 0–100 are divided by 100).

    Parameters
    ----------
    data:
        Actors, capabilities, positions and saliences.
    options:
        Variant choices; defaults reproduce the Scholz et al. (2011) code.

    Returns
    -------
    EUMResult
    """
    opts = options or EUMOptions()
    c = np.asarray(data.capability, dtype=np.float64)
    runs = tuple(run_eum_1d(np.asarray(data.position[:, k], dtype=np.float64), c,
                            np.asarray(data.salience[:, k], dtype=np.float64) / 100.0, opts)
                 for k in range(len(data.dimensions)))
    return EUMResult(data.actors, data.dimensions, opts, runs)
