"""The KTAB Spatial Model of Politics (SMP) with KTAB's default parameters.

A re-implementation, from the published description and verified against
KTAB's reference runs, of the Spatial Model of Politics in the KAPSARC Toolkit
for Behavioral Analysis (Wise, Abdallah et al., KAPSARC, 2015–2017). The
variant is KTAB's default: Linear victory probabilities, Proportional voting,
Conditional PCE, deterministic state transitions, "Mid" risk range
[-0.5, +1], one-third risk adjustment, semi-committed third parties, S2P2
bargains interpolated from the initiator's view only (InitOnlyInterp).

All positions and saliences are on [0, 1] internally; results are reported on
the 0–100 scale of the input. Nothing here is random.

One round, given positions ``x`` (n actors × m dimensions):

1. distances ``d[i, j] = sqrt(sum_k (s_ik (x_ik - x_jk))^2 / sum_k s_ik^2)``;
2. risk attitudes ``R`` from the risk-neutral (``u = 1 - d``) Conditional-PCE
   probabilities ``p`` of the actors' positions:
   ``R_i = (3 p_i - (p_max + 2 p_min)) / (2 (p_max - p_min))``;
3. actor h's estimate of actor k's utility for j's position,
   ``U[h, k, j] = (1 - d[k, j]) (1 + d[k, j] R_hk)`` with
   ``R_hk = (2 R_h + R_k) / 3``;
4. each actor i scores a challenge of every j by its expected gain
   (principals contribute ``c s (u_ii - u_ij)``, third parties join the side
   they prefer in the little three-actor contest) and targets the best j
   when the gain exceeds 1e-5;
5. each challenge becomes an S2P2 bargain; every actor then picks among its
   status quo and the bargains it sent or received by Conditional PCE over the
   capability-weighted votes of all actors on the mean utility of the
   resulting state; all actors move at once;
6. stop after round t >= 2 when the total movement of round t is below 0.02 of
   (first-round movement + 1e-4), or after 100 rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parley.forecast.ktab_csv import SpatialInput

__all__ = ["SMPResult", "cond_pce", "distances", "risk_attitudes", "run_smp"]

FArr = NDArray[np.float64]

MIN_COALITION = 1e-8  # floor on coalition strengths in votes over options
MIN_CHALLENGE = 1e-10  # floor on coalition strengths in a challenge
MIN_GAIN = 1e-5  # smallest expected gain worth a challenge
MIN_WEIGHT = 1e-6  # bargain interpolation guard (KTAB keeps it asymmetric)
STOP_RATIO = 0.02
STOP_SLACK = 1e-4
MIN_ROUNDS = 2
MAX_ROUNDS = 100
SAME_POSITION = 1e-3  # positions closer than this (Euclidean, 0–1 scale) count as one option


@dataclass(frozen=True, eq=False)
class SMPResult:
    """Trajectory and forecast of an SMP run.

    Attributes
    ----------
    actors, dimensions:
        Names as in the input.
    positions:
        ``(rounds + 1, n, m)`` positions on the 0–100 scale, the initial state first.
    win_probability:
        ``(rounds + 1, n)`` probability that each actor's position is the outcome
        in each state (Conditional PCE over the distinct positions, every actor
        voting with its own risk-aware utilities; actors sharing a position share
        its probability, as KTAB reports it).
    risk:
        ``(rounds + 1, n)`` inferred risk attitudes R in each state.
    final_share:
        ``(n,)`` each actor's share of the final outcome distribution: the win
        probability of its (shared) position divided by the number of actors there.
    """

    actors: tuple[str, ...]
    dimensions: tuple[str, ...]
    positions: FArr
    win_probability: FArr
    risk: FArr
    final_share: FArr

    @property
    def rounds(self) -> int:
        """Number of rounds after the initial state."""
        return int(self.positions.shape[0] - 1)

    @property
    def forecast(self) -> FArr:
        """Forecast per dimension: the expected outcome of the final state.

        The mean of the final positions weighted by their win probabilities
        (a position held by several actors counts once, at their mean), 0–100 scale.
        """
        return np.asarray(self.final_share @ self.positions[-1], dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``parley forecast --format json``."""
        return {
            "model": "ktab-smp",
            "rounds": self.rounds,
            "actors": list(self.actors),
            "dimensions": list(self.dimensions),
            "positions": {a: {d: [round(float(v), 6) for v in self.positions[:, i, k]]
                              for k, d in enumerate(self.dimensions)}
                          for i, a in enumerate(self.actors)},
            "win_probability": {a: [round(float(v), 6) for v in self.win_probability[:, i]]
                                for i, a in enumerate(self.actors)},
            "forecast": {d: round(float(v), 6) for d, v in zip(self.dimensions, self.forecast,
                                                                strict=True)},
            "forecast_definition": "expected final outcome: distinct final positions weighted "
                                   "by their Conditional-PCE win probabilities",
        }


def distances(x: FArr, s: FArr) -> FArr:
    """Salience-weighted distances ``d[i, j]`` from i's point of view.

    Parameters
    ----------
    x:
        ``(n, m)`` positions on [0, 1].
    s:
        ``(n, m)`` saliences on [0, 1] (each row has a positive entry).

    Returns
    -------
    numpy.ndarray
        ``(n, n)``; ``d[i, j]`` weighs the dimensions by actor i's saliences.
    """
    diff = x[:, None, :] - x[None, :, :]
    num = ((s[:, None, :] * diff) ** 2).sum(axis=2)
    den = (s**2).sum(axis=1)[:, None]
    return np.asarray(np.sqrt(num / den), dtype=np.float64)


def _util(d: FArr, r: FArr) -> FArr:
    """Utility ``(1 - d)(1 + d R)`` (``(1 - d)(1 + R)`` beyond d = 1)."""
    return np.where(d <= 1.0, (1.0 - d) * (1.0 + d * r), (1.0 - d) * (1.0 + r))


def cond_pce(u: FArr, w: FArr) -> FArr:
    """Conditional-PCE probabilities of options under proportional votes.

    Parameters
    ----------
    u:
        ``(n, q)`` utility of each option to each voter.
    w:
        ``(n,)`` voting weights.

    Returns
    -------
    numpy.ndarray
        ``(q,)`` probabilities: ``p_i`` proportional to ``prod_j P(i > j)`` with
        ``P(i > j) = C_ij / (C_ij + C_ji)`` and ``C_ij = 1e-8 + sum_k max(0, w_k (u_ki - u_kj))``.
    """
    v = w[:, None, None] * (u[:, :, None] - u[:, None, :])
    c = MIN_COALITION + np.where(v > 0, v, 0.0).sum(axis=0)
    pv = c / (c + c.T)
    p = pv.prod(axis=1)
    return np.asarray(p / p.sum(), dtype=np.float64)


def risk_attitudes(p: FArr) -> FArr:
    """KTAB's "Mid" risk attitudes from option probabilities, in [-0.5, +1].

    The most likely actor is the most risk-averse (R = +1). When all
    probabilities are equal every actor is risk-neutral (R = 0).
    """
    lo, hi = float(p.min()), float(p.max())
    if hi - lo <= 0.0:
        return np.zeros_like(p)
    return np.asarray((3.0 * p - (hi + 2.0 * lo)) / (2.0 * (hi - lo)), dtype=np.float64)


def _round4(x: FArr) -> FArr:
    """Round non-negative values to 1e-4 (half up)."""
    return np.floor(0.5 + x * 10000.0) / 10000.0


class _State:
    """Quantities derived from one set of positions."""

    def __init__(self, x: FArr, s: FArr, cap: FArr) -> None:
        self.x = x
        self.d = distances(x, s)
        self.risk = risk_attitudes(cond_pce(1.0 - self.d, cap))
        r_est = (2.0 * self.risk[:, None] + self.risk[None, :]) / 3.0  # [h, k]
        # u_est[h, k, j]: h's estimate of k's utility for j's position
        self.u_est = _util(self.d[None, :, :], r_est[:, :, None])
        self.u_own = _util(self.d, self.risk[:, None])  # [k, j], true utilities


def _challenges(st: _State, cap: FArr, ssum: FArr) -> tuple[FArr, FArr]:
    """Each i's estimate of its gain from challenging j, and of P(i beats j).

    Returns ``(gain, prob)``, both ``(n, n)`` with ``i`` as row.
    """
    n = cap.shape[0]
    ii = np.arange(n)
    u = st.u_est  # estimator h = i throughout
    uh = u[ii]  # [i, k, j] = U[i, k, j]
    u_ii = uh[ii, ii, ii][:, None]  # U[i, i, i]
    u_ij = uh[ii, ii, :]  # U[i, i, j]
    u_ji = uh[ii, :, ii]  # U[i, j, i]
    u_jj = np.einsum("ijj->ij", uh)  # U[i, j, j]
    w = cap * ssum
    ci = w[:, None] * (u_ii - u_ij)
    cj = w[None, :] * (u_ji - u_jj)
    pro = MIN_CHALLENGE + np.maximum(ci, 0.0) + np.maximum(cj, 0.0)
    con = MIN_CHALLENGE + np.maximum(-ci, 0.0) + np.maximum(-cj, 0.0)
    # third parties n: uni[i, j, n] = U[i, n, i], unj = U[i, n, j], unn = U[i, n, n]
    uni = np.broadcast_to(np.einsum("ini->in", uh)[:, None, :], (n, n, n))
    unj = np.transpose(uh, (0, 2, 1))  # [i, j, n] = U[i, n, j]
    unn = np.broadcast_to(np.einsum("inn->in", uh)[:, None, :], (n, n, n))
    wn = w[None, None, :]
    v0 = wn * (uni - unj)
    a = pro[:, :, None] + np.maximum(v0, 0.0)
    b = con[:, :, None] + np.maximum(-v0, 0.0)
    pin = a / (a + b)
    pjn = 1.0 - pin
    with_i = pin * (uni + uni + unn) + pjn * (unj + unj + unj)
    with_j = pin * (uni + uni + uni) + pjn * (unj + unj + unn)
    vn = wn * (with_i - with_j)
    third = np.ones((n, n, n), dtype=bool)
    third[ii, :, ii] = False
    third[:, ii, ii] = False
    vn = np.where(third, vn, 0.0)
    pro = pro + np.where(vn > 0, vn, 0.0).sum(axis=2)
    con = con - np.where(vn < 0, vn, 0.0).sum(axis=2)
    p = pro / (pro + con)
    sj = ssum[None, :]
    gain = (1.0 - sj) * 2.0 * u_ii + sj * (p * 2.0 * u_ii + (1.0 - p) * 2.0 * u_ij) - (u_ii + u_ij)
    return gain, p


def _bargain(xi: FArr, si: FArr, xj: FArr, sj: FArr, p: float) -> tuple[FArr, FArr]:
    """S2P2 bargain between i and j with P(i wins) = p (positions for i and for j)."""
    wi = si**2 * p**2
    wj = sj**2 * (1.0 - p) ** 2
    tot = wi + MIN_WEIGHT + wj
    bi = _round4(((wi + MIN_WEIGHT) * xi + wj * xj) / tot)
    bj = _round4((wi * xi + (MIN_WEIGHT + wj) * xj) / tot)
    return bi, bj


def _step(st: _State, s: FArr, cap: FArr, ssum: FArr) -> FArr:
    """One round: challenges, bargains and simultaneous choices; returns new positions."""
    n = cap.shape[0]
    x = st.x
    gain, prob = _challenges(st, cap, ssum)
    np.fill_diagonal(gain, -np.inf)
    # per actor, a list of (initiator, receiver, position for initiator, for receiver)
    offers: list[list[tuple[int, int, FArr, FArr]]] = [[] for _ in range(n)]
    for i in range(n):
        j = int(np.argmax(gain[i]))
        if gain[i, j] > MIN_GAIN:
            bi, bj = _bargain(x[i], s[i], x[j], s[j], float(prob[i, j]))
            offers[i].append((i, j, bi, bj))
            offers[j].append((i, j, bi, bj))
    sq_value = st.u_own.mean(axis=1)  # mean utility of the unchanged state, per actor
    new = x.copy()
    for k in range(n):
        if not offers[k]:
            continue
        opts = [sq_value]
        for i, j, bi, bj in offers[k]:
            ui = _util(np.sqrt(((s * (x - bi)) ** 2).sum(axis=1) / (s**2).sum(axis=1)), st.risk)
            uj = _util(np.sqrt(((s * (x - bj)) ** 2).sum(axis=1) / (s**2).sum(axis=1)), st.risk)
            total = st.u_own.sum(axis=1) - st.u_own[:, i] - st.u_own[:, j] + ui + uj
            opts.append(total / n)
        p = cond_pce(np.stack(opts, axis=1), cap)
        m = int(np.argmax(p))
        if m > 0:
            i, j, bi, bj = offers[k][m - 1]
            new[k] = bi if k == i else bj
    return new


def _win_probability(st: _State, cap: FArr) -> tuple[FArr, FArr]:
    """Probability of each actor's position being the outcome, and each actor's share.

    Actors within ``SAME_POSITION`` of an earlier actor's position count as one
    option (voted on at the earlier actor's position, as KTAB does); they all get
    its probability, and an equal share of it.
    """
    n = cap.shape[0]
    rep = np.arange(n)
    for i in range(n):
        for j in range(i):
            if rep[j] == j and np.linalg.norm(st.x[i] - st.x[j]) < SAME_POSITION:
                rep[i] = j
                break
    uniq = np.flatnonzero(rep == np.arange(n))
    p = cond_pce(st.u_own[:, uniq], cap)
    out = np.zeros(n)
    out[uniq] = p
    size = np.bincount(rep, minlength=n)
    return np.asarray(out[rep], dtype=np.float64), np.asarray(out[rep] / size[rep])


def run_smp(data: SpatialInput, max_rounds: int = MAX_ROUNDS) -> SMPResult:
    """Run the KTAB SMP (default parameters) to its stopping rule.

    Parameters
    ----------
    data:
        Actors, capabilities, positions and saliences (0–100 scales).
    max_rounds:
        Upper limit on rounds (KTAB's default is 100).

    Returns
    -------
    SMPResult
        Positions per round, win probabilities, risk attitudes and the forecast.
    """
    cap = np.asarray(data.capability, dtype=np.float64)
    s = np.asarray(data.salience, dtype=np.float64) / 100.0
    ssum = s.sum(axis=1)
    x = np.asarray(data.position, dtype=np.float64) / 100.0
    st = _State(x, s, cap)
    history = [x]
    prob, share = _win_probability(st, cap)
    probs = [prob]
    risks = [st.risk]
    first = 0.0
    for t in range(1, max_rounds + 1):
        x = _step(st, s, cap, ssum)
        moved = float(np.linalg.norm(x - history[-1], axis=1).sum())
        history.append(x)
        st = _State(x, s, cap)
        prob, share = _win_probability(st, cap)
        probs.append(prob)
        risks.append(st.risk)
        if t == 1:
            first = moved
        if t >= MIN_ROUNDS and moved / (first + STOP_SLACK) < STOP_RATIO:
            break
    return SMPResult(data.actors, data.dimensions, 100.0 * np.stack(history),
                     np.stack(probs), np.stack(risks), share)
