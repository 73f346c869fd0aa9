"""A deliberately plain, loop-by-loop EUM round, written from the equations of
Scholz, Calbert & Smith (2011) for checking the vectorised ``parley.forecast.eum``."""

from __future__ import annotations

from typing import Any


def vote(k: int, a: float, b: float, x: list[float], c: list[float], s: list[float],
         r: list[float], span: float) -> float:
    """Voter k's vote for position a over position b."""
    return c[k] * s[k] * ((abs(x[k] - b) / span) ** r[k] - (abs(x[k] - a) / span) ** r[k])


def prob(i: int, j: int, x: list[float], c: list[float], s: list[float], r: list[float],
         span: float, mode: str) -> float:
    """P(i beats j)."""
    if x[i] == x[j]:
        return 0.0
    n = len(x)
    num = sum(max(0.0, vote(k, x[i], x[j], x, c, s, r, span)) for k in range(n))
    if mode == "all-pairs":
        den = sum(abs(vote(k, x[a], x[b], x, c, s, r, span))
                  for k in range(n) for a in range(n) for b in range(n))
    else:
        den = sum(abs(vote(k, x[i], x[j], x, c, s, r, span)) for k in range(n))
    return num / den if den > 0 else 0.5


def eu(i: int, j: int, rr: float, x: list[float], c: list[float], s: list[float],
       r: list[float], span: float, mode: str) -> float:
    """EU of i challenging j, utilities with exponent rr."""
    p = prob(i, j, x, c, s, r, span, mode)
    d = abs(x[i] - x[j]) / span
    us = 2 - 4 * (0.5 - 0.5 * d) ** rr
    uf = 2 - 4 * (0.5 + 0.5 * d) ** rr
    usq = 2 - 4 * 0.5**rr
    return s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us - usq


def one_round(x: list[float], c: list[float], s: list[float], span: float,
              mode: str = "all-pairs", risk: str = "perceiver",
              capitulation: bool = False) -> dict[str, Any]:
    """Risk exponents and simultaneous moves of one round (Scholz offer choice)."""
    n = len(x)
    ones = [1.0] * n
    dangers = [sum(eu(k, i, 1.0, x, c, s, ones, span, mode) for k in range(n) if k != i)
               for i in range(n)]
    hi, lo = max(dangers), min(dangers)
    r = []
    for i in range(n):
        big = 0.0 if hi == lo else (2 * dangers[i] - hi - lo) / (hi - lo)
        r.append((1 - big / 3) / (1 + big / 3))
    new = list(x)
    kinds = ["none"] * n
    for i in range(n):
        conf, comp, capi = [], [], []
        for j in range(n):
            if x[j] == x[i]:
                continue
            e_ij = eu(i, j, r[i], x, c, s, r, span, mode)
            e_ji = eu(j, i, r[i] if risk == "perceiver" else r[j], x, c, s, r, span, mode)
            if e_ji > e_ij > 0:
                conf.append((abs(x[i] - x[j]), j, x[j]))
            elif e_ji > 0 > e_ij and e_ji > abs(e_ij):
                key = (abs(e_ij) * x[i] + abs(e_ji) * x[j]) / (abs(e_ij) + abs(e_ji))
                comp.append((key, j, x[i] + (x[j] - x[i]) * abs(e_ij / e_ji)))
            elif capitulation and e_ji > 0 > e_ij and e_ji < abs(e_ij):
                capi.append((abs(x[i] - x[j]), j, x[j]))
        for kind, lst in (("confrontation", conf), ("compromise", comp),
                          ("capitulation", capi)):
            if lst:
                best = min(lst, key=lambda t: (t[0], t[1]))
                new[i] = best[2]
                kinds[i] = kind
                break
    return {"r": r, "x": new, "kinds": kinds, "dangers": dangers}
