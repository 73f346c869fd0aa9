"""Bargaining solution points by mixed-integer linear programming, without a frontier.

When the package space is too large to enumerate and block folding fails, the
solutions of :mod:`parley.bargaining.solutions` are found directly as optima over the
acceptable set, solved with HiGHS through :func:`scipy.optimize.milp`.

Formulation (over blocks, not issues)
-------------------------------------
Each block ``b`` of :func:`parley.space.build_blocks` lists its feasible combos, so one
binary ``x[b, c]`` per combo with ``sum_c x[b, c] = 1`` describes exactly the feasible
packages: feasibility rules and interaction terms live inside blocks and need no
constraints of their own. A continuous ``u[p]`` per party is tied to the choice by
``u[p] = sum_{b,c} contrib[b][c, p] x[b, c]``.

Acceptability: ``u[p] >= rv[p]`` is a bound for veto parties. A ratification rule ``r``
(ratifier ``q``) lives inside one block ``b_r``; with ``lo_rest`` the sum of ``q``'s
block minima over the other blocks, the row

    u[q] + sum_{c in b_r not triggering r} (rv[q] - lo_rest - contrib[b_r][c, q]) x[b_r, c]
        >= rv[q]

reads ``u[q] >= rv[q]`` when a triggering combo is chosen and ``rest >= lo_rest``
(always true) otherwise: a big-M row whose constant is taken per combo from the block
minima, the tightest valid choice.

Solution concepts over the bargaining parties ``D`` with disagreement ``d``:

- utilitarian: maximise ``sum_{p in D} u[p]``;
- egalitarian: maximise ``t`` with ``t <= u[p] - d[p]`` and ``u[p] >= d[p]``, then,
  holding ``t`` at its optimum (less ``1e-9``, relative), maximise the utility sum: the
  frontier solver's tie-break, and it makes the point Pareto-optimal;
- Nash (symmetric) and weighted Nash: maximise ``sum_p w[p] log(g[p])`` over the
  normalised gains ``g[p] = (u[p] - d[p]) / G[p]`` (``G[p]`` the largest gain in the
  space, so ``0 < g <= 1``), by outer approximation: ``z[p] <= log(a) + (g[p] - a) / a``
  for a growing set of tangent points ``a``, each iteration adding tangents at the
  incumbent's gains (Kelley's cutting-plane method, Kelley 1960, *J. SIAM* 8(4):703-712;
  the outer-approximation scheme of Duran & Grossmann 1986, *Math. Programming*
  36:307-339). The tangents over-estimate the concave ``log``, so each MILP optimum is
  an upper bound; the true objective of every package found is a lower bound. The
  loop stops when they agree to ``1e-9`` (relative). On a finite set it ends: once the
  optimum's gains all carry tangents, the bound is attained. A strictly positive floor
  on every gain comes from the incumbent: at any package at least as good as one with
  objective ``L``, ``w[p] log g[p] >= L`` (the other terms are ``<= 0``), so
  ``g[p] >= exp(L / w[p])``; the floor excludes no optimum. (It is raised to
  ``MIN_GAIN = 1e-9`` where smaller, unless the incumbent itself is below that, to keep
  tangent slopes finite.)

The symmetric Nash product over the frontier also admits points with a zero gain
(product 0). That case matters only when *no* acceptable package has every gain
positive; the answer is then the package with every gain ``>= 0`` and the largest
utility sum (all such points tie at 0 and the frontier solver breaks ties by the
sum). The weighted version needs every gain positive, so it is ``None`` then.

Kalai–Smorodinsky is ``None``: its discrete reading (NegMAS) minimises the spread of
normalised gains *among frontier points*, and Pareto optimality is not a linear
condition, so it cannot be written as a MILP without enumerating the frontier.

Numerics
--------
Utilities enter the solver rescaled to ``[0, 1]`` per party, so HiGHS's absolute
tolerances mean the same for every party. Every package the solver returns is
re-checked in floating point (block sums of the contributions): a package that breaks
acceptability, or a solve's own bounds, beyond rounding noise (``1e-12``, relative) is
excluded by a no-good cut and the MILP solved again, so a returned package is always
acceptable. Optimality holds up to HiGHS's default tolerances (about ``1e-6`` of a
party's utility range), with ``mip_rel_gap = mip_abs_gap = 0``. Presolve is off (see
:data:`PRESOLVE`); solver errors are retried with other settings.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from parley.bargaining.solutions import SOLUTIONS, Conventions
from parley.scenario.model import Scenario
from parley.space import Block, decode

#: Time limit (seconds) for each MILP solve.
TIME_LIMIT = 60.0
#: Largest number of outer-approximation iterations for (weighted) Nash.
MAX_ITERATIONS = 200
#: Relative gap between upper and lower bounds at which Nash iterations stop.
GAP_TOL = 1e-9
#: Relative gap accepted when the bound stalls: the solver's point already has every
#: tangent, so the bound is exact up to HiGHS's row tolerance (1e-6 by default).
STALL_TOL = 1e-5
#: Relative tolerance of the egalitarian second stage (utility sum at the best minimum gain).
EGALITARIAN_TOL = 1e-9
#: Relative rounding noise ignored when checking a package against a bound.
NOISE = 1e-12
#: Smallest normalised gain the Nash iterations consider (keeps tangent slopes finite).
MIN_GAIN = 1e-9
#: Tangent points per party at the start of the Nash iterations.
INITIAL_TANGENTS = 6
#: Whether HiGHS presolves. Off by default: the block model is already small, and
#: HiGHS 1.12's presolve was both much slower on it and occasionally wrong or failing
#: (errors are retried with the other setting; infeasible verdicts under presolve are
#: re-checked without it).
PRESOLVE = False
#: Largest number of no-good cuts added to one solve (packages failing the float check).
MAX_CUTS = 50

#: HiGHS options beyond scipy's list. Its feasibility tolerances stay at their defaults:
#: tightening them made HiGHS 1.12 cut off feasible optima; the float re-check of every
#: package (with no-good cuts) covers what the tolerances let through.
_HIGHS_EXTRA: dict[str, Any] = {"mip_abs_gap": 0.0}


class MilpError(RuntimeError):
    """The MILP solver failed to return a usable package."""


class MilpWarning(RuntimeWarning):
    """A MILP answer that may not be optimal (time limit, iteration cap, stalled bound)."""


@dataclass(frozen=True, eq=False)
class _Point:
    """One solved package: per-block combo choice, utilities (block sums), solver bound."""

    choice: np.ndarray
    utilities: np.ndarray
    bound: float


@dataclass(eq=False)
class _Rows:
    """Extra sparse rows ``lb <= A v <= ub`` over the full variable vector."""

    rows: list[np.ndarray] = field(default_factory=list)
    cols: list[np.ndarray] = field(default_factory=list)
    vals: list[np.ndarray] = field(default_factory=list)
    lb: list[float] = field(default_factory=list)
    ub: list[float] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Number of rows."""
        return len(self.lb)

    def add(self, cols: np.ndarray | list[int], vals: np.ndarray | list[float],
            lb: float, ub: float) -> None:
        """Append the row ``lb <= sum vals * v[cols] <= ub``."""
        c = np.asarray(cols, dtype=np.int64)
        self.rows.append(np.full(c.size, self.count, dtype=np.int64))
        self.cols.append(c)
        self.vals.append(np.asarray(vals, dtype=float))
        self.lb.append(lb)
        self.ub.append(ub)

    def coo(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Row indices, column indices and values."""
        if not self.rows:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        return np.concatenate(self.rows), np.concatenate(self.cols), np.concatenate(self.vals)


def _bound_tol(value: np.ndarray) -> np.ndarray:
    tol: np.ndarray = NOISE * np.maximum(1.0, np.abs(value))
    return tol


class _Program:
    """The block formulation shared by every solution concept.

    Variables: ``x`` (one binary per combo, ``n_x`` of them), then ``v`` (one per party),
    then any extra continuous variables a solve asks for. ``v`` is party utility rescaled
    to ``[0, 1]`` over the space, ``u = lo + scale * v``, so the solver's absolute
    tolerances act alike on every party whatever the utility scale. Callers state
    bounds and rows on ``u`` in utility units; :meth:`row` and :meth:`solve` convert.
    """

    def __init__(self, scenario: Scenario, blocks: list[Block], time_limit: float) -> None:
        self.scenario = scenario
        self.blocks = blocks
        self.time_limit = time_limit
        self.n_parties = scenario.n_parties
        sizes = np.array([b.size for b in blocks], dtype=np.int64)
        self.offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.n_x = int(self.offsets[-1])
        self.n_base = self.n_x + self.n_parties
        block_min = np.array([b.contrib.min(axis=0) for b in blocks])
        self.lo = block_min.sum(axis=0)
        self.hi = np.array([b.contrib.max(axis=0) for b in blocks]).sum(axis=0)
        self.scale = np.where(self.hi - self.lo > 0, self.hi - self.lo, 1.0)
        rv = scenario.reservation.astype(float)
        self.rv = rv

        base = _Rows()
        for b in range(len(blocks)):
            cols = np.arange(self.offsets[b], self.offsets[b + 1])
            base.add(cols, np.ones(cols.size), 1.0, 1.0)
        all_x = np.arange(self.n_x)
        # v[p] = sum_{b,c} (contrib[b][c, p] - min_c contrib[b][c, p]) / scale[p] x[b, c]
        shifted = np.concatenate([blk.contrib - block_min[b] for b, blk in enumerate(blocks)])
        for p in range(self.n_parties):
            coef = -shifted[:, p] / self.scale[p]
            nz = coef != 0
            base.add(np.concatenate([all_x[nz], [self.n_x + p]]),
                     np.concatenate([coef[nz], [1.0]]), 0.0, 0.0)
        # ratification rules, with a per-combo big-M from the other blocks' minima
        self.rule_block: list[int] = []
        for r, rule in enumerate(scenario.ratification):
            b = next(k for k, blk in enumerate(blocks) if rule.clause.issues[0] in blk.issues)
            self.rule_block.append(b)
            q = rule.ratifier
            blk = blocks[b]
            trig = blk.triggers[:, r]
            if not trig.any() or rv[q] <= self.lo[q]:
                continue  # never triggered, or always cleared
            # v[q] + sum_{idle c} (need - own[c]) x[b, c] >= need, in scaled units:
            # a triggering combo leaves v[q] >= need; an idle one leaves v[q] >= own[c]
            need = (rv[q] - self.lo[q]) / self.scale[q]
            idle = np.flatnonzero(~trig)
            own = (blk.contrib[idle, q] - block_min[b, q]) / self.scale[q]
            base.add(np.concatenate([self.offsets[b] + idle, [self.n_x + q]]),
                     np.concatenate([need - own, [1.0]]), float(need), np.inf)
        self.base = base
        self.u_lb = np.where(scenario.veto, np.maximum(self.lo, rv), self.lo)
        self.u_ub = self.hi.copy()
        self.solves = 0
        self.presolve = PRESOLVE

    def row(self, rows: _Rows, cols: list[int], vals: list[float],
            u_terms: list[tuple[int, float]], lb: float, ub: float) -> None:
        """Add ``lb <= sum vals * var[cols] + sum_p a_p u[p] <= ub`` (``u`` in utility units).

        The row is divided by its largest coefficient.
        """
        cols, vals = list(cols), list(vals)
        const = 0.0
        for p, a in u_terms:
            cols.append(self.n_x + p)
            vals.append(a * float(self.scale[p]))
            const += a * float(self.lo[p])
        norm = max(abs(v) for v in vals)
        rows.add(cols, [v / norm for v in vals], (lb - const) / norm, (ub - const) / norm)

    # ------------------------------------------------------------- checking
    def utilities(self, choice: np.ndarray) -> np.ndarray:
        """Every party's utility (sum of block contributions) for one combo choice."""
        out = np.zeros(self.n_parties)
        for b, blk in enumerate(self.blocks):
            out += blk.contrib[choice[b]]
        return out

    def violates(self, choice: np.ndarray, util: np.ndarray, floors: np.ndarray) -> bool:
        """Whether a package breaks acceptability or ``floors`` beyond rounding noise."""
        sc = self.scenario
        need = np.where(sc.veto, self.rv, -np.inf)
        for r, rule in enumerate(sc.ratification):
            if self.blocks[self.rule_block[r]].triggers[choice[self.rule_block[r]], r]:
                need[rule.ratifier] = max(need[rule.ratifier], self.rv[rule.ratifier])
        need = np.maximum(need, floors)
        finite = np.isfinite(need)
        return bool(np.any(util[finite] < need[finite] - _bound_tol(need[finite])))

    def package(self, point: _Point) -> np.ndarray:
        """The package vector of a solved point."""
        pkg: np.ndarray = decode(self.scenario, self.blocks, point.choice[None, :])[0]
        return pkg

    # -------------------------------------------------------------- solving
    def solve(self, cost_u: np.ndarray, floors: np.ndarray, *, n_extra: int = 0,
              extra_cost: np.ndarray | None = None, extra_lb: np.ndarray | None = None,
              extra_ub: np.ndarray | None = None, rows: _Rows | None = None) -> _Point | None:
        """Minimise ``cost_u . u + extra_cost . extra`` over acceptable packages.

        ``floors`` are extra lower bounds on ``u`` (``-inf`` for none). Returns ``None``
        when the problem is infeasible.
        """
        n = self.n_base + n_extra
        c = np.zeros(n)
        c[self.n_x:self.n_base] = cost_u * self.scale
        u_lb = np.maximum(self.u_lb, floors)
        if np.any(u_lb > self.u_ub + _bound_tol(self.u_ub)):
            return None
        v_lb = np.clip((u_lb - self.lo) / self.scale, 0.0, None)
        v_ub = (self.u_ub - self.lo) / self.scale
        lb = np.concatenate([np.zeros(self.n_x), np.minimum(v_lb, v_ub),
                             np.full(n_extra, -np.inf) if extra_lb is None else extra_lb])
        ub = np.concatenate([np.ones(self.n_x), v_ub,
                             np.full(n_extra, np.inf) if extra_ub is None else extra_ub])
        if n_extra and extra_cost is not None:
            c[self.n_base:] = extra_cost
        integrality = np.zeros(n, dtype=np.int64)
        integrality[:self.n_x] = 1
        cuts = _Rows()
        n_blocks = len(self.blocks)
        for _ in range(MAX_CUTS + 1):
            r0, c0, v0 = self.base.coo()
            parts_r, parts_c, parts_v = [r0], [c0], [v0]
            lhs, rhs = list(self.base.lb), list(self.base.ub)
            offset = self.base.count
            for extra in (rows, cuts):
                if extra is None or extra.count == 0:
                    continue
                r1, c1, v1 = extra.coo()
                parts_r.append(r1 + offset)
                parts_c.append(c1)
                parts_v.append(v1)
                lhs += extra.lb
                rhs += extra.ub
                offset += extra.count
            a = sp.csr_array((np.concatenate(parts_v),
                              (np.concatenate(parts_r), np.concatenate(parts_c))),
                             shape=(offset, n))
            problem = (c, integrality, Bounds(lb, ub),
                       LinearConstraint(a, np.array(lhs), np.array(rhs)))
            res = self._run(*problem)
            if res.status == 2:
                return None
            if res.x is None:
                raise MilpError(f"HiGHS returned no package: {res.message}")
            if res.status != 0:
                warnings.warn(f"MILP not solved to optimality ({res.message}); "
                              "using the best package found", MilpWarning, stacklevel=4)
            x = np.asarray(res.x)
            choice = np.array([int(np.argmax(x[self.offsets[b]:self.offsets[b + 1]]))
                               for b in range(n_blocks)], dtype=np.int64)
            util = self.utilities(choice)
            bound = res.get("mip_dual_bound")
            point = _Point(choice, util, float(res.fun if bound is None else bound))
            if not self.violates(choice, util, floors):
                return point
            cuts.add(self.offsets[:-1] + choice, np.ones(n_blocks), -np.inf, n_blocks - 1.0)
        raise MilpError(f"{MAX_CUTS} packages in a row failed the floating-point check")

    def _run(self, c: np.ndarray, integrality: np.ndarray, bounds: Bounds,
             constraint: LinearConstraint) -> Any:
        """Solve, retrying HiGHS errors with other settings.

        HiGHS 1.12 sometimes rejects its own optimum over a borderline tolerance
        ("Solve error"); another presolve setting or a tighter integrality tolerance
        avoids it. An infeasible verdict decides that no package qualifies, so one
        reached with presolve (which can misjudge bounds a tolerance apart) is
        confirmed without it.
        """
        attempts: list[dict[str, Any]] = [
            {"presolve": self.presolve},
            {"presolve": not self.presolve},
            {"presolve": self.presolve, "mip_feasibility_tolerance": 1e-7},
            {"presolve": not self.presolve, "mip_feasibility_tolerance": 1e-7},
        ]
        res: Any = None
        for extra in attempts:
            res = self._milp(c, integrality, bounds, constraint, extra)
            if res.status in (0, 1) or (res.status == 2 and not extra["presolve"]):
                return res
        return res

    def _milp(self, c: np.ndarray, integrality: np.ndarray, bounds: Bounds,
              constraint: LinearConstraint, extra: dict[str, Any]) -> Any:
        self.solves += 1
        options: dict[str, Any] = {"time_limit": self.time_limit, "mip_rel_gap": 0.0,
                                   **_HIGHS_EXTRA, **extra}
        with warnings.catch_warnings():
            # options beyond scipy's list are passed to HiGHS verbatim, with a warning
            warnings.filterwarnings("ignore", message="Unrecognized options detected")
            return milp(c, integrality=integrality, bounds=bounds, constraints=[constraint],
                        options=options)


# ----------------------------------------------------------------- concepts


def _sum_cost(prog: _Program, dims: list[int]) -> np.ndarray:
    cost = np.zeros(prog.n_parties)
    cost[dims] = -1.0 / float(prog.scale[dims].max())
    return cost


def _egalitarian(prog: _Program, dims: list[int],
                 d: np.ndarray) -> tuple[_Point | None, _Point | None]:
    """The max-min-gain point (stage 1) and the largest sum at that minimum (stage 2)."""
    floors = np.full(prog.n_parties, -np.inf)
    floors[dims] = d
    t = prog.n_base  # the smallest gain is t * top (top: the largest utility scale)
    top = float(prog.scale[dims].max())
    rows = _Rows()
    for k, p in enumerate(dims):
        prog.row(rows, [t], [top], [(p, -1.0)], -np.inf, -float(d[k]))
    first = prog.solve(np.zeros(prog.n_parties), floors, n_extra=1,
                       extra_cost=np.array([-1.0]), rows=rows)
    if first is None:
        return None, None
    t1 = float((first.utilities[dims] - d).min())
    floors2 = floors.copy()
    floors2[dims] = d + max(0.0, t1 - EGALITARIAN_TOL * max(1.0, abs(t1)))
    second = prog.solve(_sum_cost(prog, dims), floors2)
    if second is None or (second.utilities[dims] - d).min() < (
            t1 - EGALITARIAN_TOL * max(1.0, abs(t1)) - NOISE * max(1.0, abs(t1))):
        second = first
    return first, second


@dataclass(frozen=True)
class _NashRun:
    """How an outer-approximation run ended."""

    iterations: int
    gap: float
    converged: bool


def _nash(prog: _Program, dims: list[int], d: np.ndarray, w: np.ndarray,
          incumbents: list[_Point], max_iterations: int) -> tuple[_Point, _NashRun]:
    """Maximise ``sum_k w[k] log((u[dims[k]] - d[k]) / G[k])`` by outer approximation."""
    big = prog.hi[dims] - d  # largest gain per party (> 0 here)

    def objective(util: np.ndarray) -> float:
        g = (util[dims] - d) / big
        if np.any(g <= 0):
            return -math.inf
        return float(np.dot(w, np.log(g)))

    best = max(incumbents, key=lambda pt: objective(pt.utilities))
    low = objective(best.utilities)
    if not math.isfinite(low):
        raise MilpError("no incumbent with every gain positive")
    n_dims = len(dims)

    def floor_gains() -> np.ndarray:
        best_g = (best.utilities[dims] - d) / big
        with np.errstate(over="ignore", under="ignore"):
            lam = np.exp(low / np.where(w > 0, w, 1.0))
        lam = np.where(w > 0, lam, MIN_GAIN)
        out: np.ndarray = np.minimum(np.clip(lam, MIN_GAIN, 1.0), best_g)
        return out

    lam = floor_gains()
    tangents: list[list[float]] = []
    for k in range(n_dims):
        pts = np.geomspace(max(float(lam[k]), 1e-6), 1.0, INITIAL_TANGENTS).tolist()
        for pt in incumbents:
            g = (pt.utilities[dims[k]] - d[k]) / big[k]
            if g >= lam[k]:
                pts.append(float(g))
        tangents.append(sorted(set(pts)))

    # extra variables: g[k] (normalised gain), then z[k] (its log, over-estimated)
    g0, z0 = prog.n_base, prog.n_base + n_dims
    gap = math.inf
    iterations = 0
    converged = False
    for step in range(1, max_iterations + 1):
        iterations = step
        lam = floor_gains()
        floors = np.full(prog.n_parties, -np.inf)
        floors[dims] = d + lam * big
        rows = _Rows()
        for k, p in enumerate(dims):
            # big[k] * g[k] - u[p] = -d[k]
            prog.row(rows, [g0 + k], [float(big[k])], [(p, -1.0)], -float(d[k]), -float(d[k]))
            for a in tangents[k]:
                if a < lam[k] * (1 - 1e-12):
                    continue
                # z[k] - g[k] / a <= log(a) - 1
                rows.add([z0 + k, g0 + k], [1.0, -1.0 / a], -np.inf, math.log(a) - 1.0)
        extra_lb = np.concatenate([lam, np.log(lam)])
        extra_ub = np.concatenate([np.ones(n_dims), np.zeros(n_dims)])
        extra_cost = np.concatenate([np.zeros(n_dims), -w])
        point = prog.solve(np.zeros(prog.n_parties), floors, n_extra=2 * n_dims,
                           extra_cost=extra_cost, extra_lb=extra_lb, extra_ub=extra_ub,
                           rows=rows)
        if point is None:  # the incumbent is feasible, so only numerical trouble gets here
            warnings.warn("Nash outer approximation: MILP reported infeasible; "
                          "keeping the best package found", MilpWarning, stacklevel=3)
            break
        value = objective(point.utilities)
        if value > low:
            best, low = point, value
        upper = -point.bound
        gap = max(0.0, upper - low)
        if gap <= GAP_TOL * max(1.0, abs(low)):
            converged = True
            break
        added = 0
        g = (point.utilities[dims] - d) / big
        for k in range(n_dims):
            if g[k] <= 0:
                continue
            near = any(abs(g[k] - a) <= 1e-12 * a for a in tangents[k])
            if not near:
                tangents[k].append(float(g[k]))
                added += 1
        if added == 0:
            # every gain of the solver's point already has a tangent: the bound is
            # attained up to solver tolerance
            converged = gap <= STALL_TOL * max(1.0, abs(low))
            break
    if not converged:
        warnings.warn(f"Nash outer approximation stopped after {iterations} iterations with "
                      f"relative gap {gap / max(1.0, abs(low)):.3g}", MilpWarning, stacklevel=3)
    return best, _NashRun(iterations, gap, converged)


def solve_points(scenario: Scenario, blocks: list[Block], d_all: np.ndarray,
                 ideal: np.ndarray, weights: np.ndarray, conventions: Conventions, *,
                 time_limit: float = TIME_LIMIT, max_iterations: int = MAX_ITERATIONS,
                 stats: dict[str, Any] | None = None) -> dict[str, np.ndarray | None]:
    """Bargaining solution packages by mixed-integer programming (see the module docstring).

    Parameters
    ----------
    scenario:
        The scenario.
    blocks:
        Its blocks, from :func:`parley.space.build_blocks`.
    d_all:
        Disagreement point for every party; the bargaining parties' entries are used.
    ideal:
        Ideal point for every party. Only Kalai–Smorodinsky would use it, and it is not
        computed here (it needs the frontier), so this is accepted for a uniform call.
    weights:
        Weights of the bargaining parties for weighted Nash (normalised, positive).
    conventions:
        The conventions ``d_all`` and ``ideal`` were computed under (kept for the record;
        the points depend on them only through ``d_all``).
    time_limit:
        Seconds allowed for each MILP solve; a solve that hits it returns its best
        package with a :class:`MilpWarning`.
    max_iterations:
        Cap on outer-approximation iterations for each Nash variant.
    stats:
        If given, filled with ``nash_iterations``, ``nash_weighted_iterations``, their
        final gaps, convergence flags, and ``solves`` (MILPs solved in all).

    Returns
    -------
    dict
        For each name in :data:`parley.bargaining.solutions.SOLUTIONS`, the package
        (option indices, length ``n_issues``) or ``None``: no acceptable package (with
        every gain ``>= 0`` for Nash and egalitarian, ``> 0`` for weighted Nash), and
        always ``None`` for ``kalai_smorodinsky``.

    Raises
    ------
    MilpError
        If the solver returns no package where one is needed.
    """
    del ideal, conventions  # see the docstring
    out: dict[str, np.ndarray | None] = dict.fromkeys(SOLUTIONS)
    dims = list(scenario.bargaining)
    d = np.asarray(d_all, dtype=float)[dims]
    w = np.asarray(weights, dtype=float)
    prog = _Program(scenario, blocks, time_limit)
    info: dict[str, Any] = {"nash_iterations": 0, "nash_weighted_iterations": 0}

    util_pt = prog.solve(_sum_cost(prog, dims), np.full(prog.n_parties, -np.inf))
    if util_pt is None:  # no acceptable package at all
        info["solves"] = prog.solves
        if stats is not None:
            stats.update(info)
        return out
    out["utilitarian"] = prog.package(util_pt)

    first, second = _egalitarian(prog, dims, d)
    if first is not None and second is not None:
        out["egalitarian"] = prog.package(second)
        t1 = float((first.utilities[dims] - d).min())
        scale = max(1.0, float(np.abs(prog.hi).max()), float(np.abs(prog.lo).max()))
        if t1 > NOISE * scale:
            incumbents = [first, second]
            if np.all(util_pt.utilities[dims] - d > 0):
                incumbents.append(util_pt)
            nash_pt, run = _nash(prog, dims, d, np.ones(len(dims)), incumbents,
                                 max_iterations)
            out["nash"] = prog.package(nash_pt)
            wnash_pt, wrun = _nash(prog, dims, d, w, [*incumbents, nash_pt], max_iterations)
            out["nash_weighted"] = prog.package(wnash_pt)
            info.update(nash_iterations=run.iterations, nash_gap=run.gap,
                        nash_converged=run.converged,
                        nash_weighted_iterations=wrun.iterations, nash_weighted_gap=wrun.gap,
                        nash_weighted_converged=wrun.converged)
        else:
            # no package has every gain positive: every candidate's product is 0 and the
            # tie-break (largest utility sum among gains >= 0) decides
            floors = np.full(prog.n_parties, -np.inf)
            floors[dims] = d
            zero_pt = prog.solve(_sum_cost(prog, dims), floors)
            out["nash"] = None if zero_pt is None else prog.package(zero_pt)
    info["solves"] = prog.solves
    if stats is not None:
        stats.update(info)
    return out
