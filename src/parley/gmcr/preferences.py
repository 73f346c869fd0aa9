"""Preferences of a decision maker over states: option prioritisation and explicit rankings.

Both kinds end in the same representation: an integer *rank* per feasible state, higher meaning
more preferred, equal ranks meaning indifference.  The stability engines only ever compare ranks.

Option prioritisation (Fang, Hipel, Kilgour & Fraser 2003, "A decision support system for
interactive decision making", Parts I-II, IEEE SMC-A 33(1)) lists preference statements from most
to least important.  With ``L`` statements, statement ``k`` (1-based) weighs ``2**(L - k)``; a state
scores the sum of the weights of the statements true in it.  The weights make a more important
statement outweigh all less important ones together, so the ranking is lexicographic in the truth
values of the statements.

Statement syntax
----------------
Options are written by their **1-based** number (option 0 of the Python API is ``1``), so that
``-`` can mean "not" without ambiguity::

    statement := expr [ ("IF" | "IFF") expr ]
    expr      := term { "|" term }                 # or
    term      := factor { "&" factor }             # and (binds tighter than "|")
    factor    := ("-" | "~" | "NOT") factor | NUMBER | "(" statement ")"

``"A IF B"`` holds when ``B`` implies ``A`` (true whenever ``B`` is false); ``"A IFF B"`` holds
when both have the same truth value.  Keywords are case-insensitive.  Examples: ``"1"``,
``"-3"``, ``"1 & -3 | 4"``, ``"2 IF 5"``, ``"2 IFF -5"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "And",
    "Expr",
    "Iff",
    "Implies",
    "Lit",
    "Not",
    "Or",
    "Preferences",
    "Prioritization",
    "Ranking",
    "dense_ranks",
    "parse_statement",
    "to_dnf",
]

Codes: TypeAlias = NDArray[np.int64]
Mask: TypeAlias = NDArray[np.bool_]


@dataclass(frozen=True)
class Lit:
    """Option ``option`` (0-based bit position) is taken."""

    option: int

    def evaluate(self, codes: Codes) -> Mask:
        """Truth value in each state given by its decimal code."""
        return ((codes >> self.option) & 1).astype(bool)

    def __str__(self) -> str:
        return str(self.option + 1)


@dataclass(frozen=True)
class Not:
    """Negation."""

    arg: Expr

    def evaluate(self, codes: Codes) -> Mask:
        """Truth value in each state given by its decimal code."""
        return ~self.arg.evaluate(codes)

    def __str__(self) -> str:
        inner = str(self.arg)
        return f"-{inner}" if isinstance(self.arg, Lit | Not) else f"-({inner})"


@dataclass(frozen=True)
class And:
    """Conjunction of two or more expressions."""

    args: tuple[Expr, ...]

    def evaluate(self, codes: Codes) -> Mask:
        """Truth value in each state given by its decimal code."""
        out = np.ones(codes.shape, dtype=bool)
        for a in self.args:
            out &= a.evaluate(codes)
        return out

    def __str__(self) -> str:
        return " & ".join(f"({a})" if isinstance(a, Or | Implies | Iff) else str(a)
                          for a in self.args)


@dataclass(frozen=True)
class Or:
    """Disjunction of two or more expressions."""

    args: tuple[Expr, ...]

    def evaluate(self, codes: Codes) -> Mask:
        """Truth value in each state given by its decimal code."""
        out = np.zeros(codes.shape, dtype=bool)
        for a in self.args:
            out |= a.evaluate(codes)
        return out

    def __str__(self) -> str:
        return " | ".join(f"({a})" if isinstance(a, Implies | Iff) else str(a) for a in self.args)


@dataclass(frozen=True)
class Implies:
    """``consequent IF antecedent``: true unless the antecedent holds and the consequent fails."""

    consequent: Expr
    antecedent: Expr

    def evaluate(self, codes: Codes) -> Mask:
        """Truth value in each state given by its decimal code."""
        return self.consequent.evaluate(codes) | ~self.antecedent.evaluate(codes)

    def __str__(self) -> str:
        return f"{_wrap(self.consequent)} IF {_wrap(self.antecedent)}"


@dataclass(frozen=True)
class Iff:
    """``left IFF right``: both sides have the same truth value."""

    left: Expr
    right: Expr

    def evaluate(self, codes: Codes) -> Mask:
        """Truth value in each state given by its decimal code."""
        return self.left.evaluate(codes) == self.right.evaluate(codes)

    def __str__(self) -> str:
        return f"{_wrap(self.left)} IFF {_wrap(self.right)}"


Expr: TypeAlias = Lit | Not | And | Or | Implies | Iff


def _wrap(e: Expr) -> str:
    """Operand of IF/IFF, parenthesised when it is itself an IF/IFF."""
    return f"({e})" if isinstance(e, Implies | Iff) else str(e)

_TOKEN = re.compile(r"\s*(?:(\d+)|(IFF|IF|NOT)\b|([-~&|()]))", re.IGNORECASE)


def _tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ValueError(f"cannot read statement {text!r} at position {pos}: "
                             f"{text[pos:pos + 10]!r}")
        tokens.append(m.group(1) or (m.group(2) or "").upper() or m.group(3))
        pos = m.end()
    return tokens


def parse_statement(text: str, n_options: int | None = None) -> Expr:
    """Parse a preference statement written in the grammar of this module.

    Parameters
    ----------
    text:
        E.g. ``"1 & -3 | 4"`` or ``"2 IFF -5"``; options are 1-based.
    n_options:
        If given, option numbers above it are rejected.

    Returns
    -------
    Expr
        The expression tree, with 0-based options in its :class:`Lit` leaves.

    Raises
    ------
    ValueError
        On a syntax error or an option number out of range.
    """
    tokens = _tokenize(text)
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise ValueError(f"statement {text!r} ends too early")
        pos += 1
        return tokens[pos - 1]

    def factor() -> Expr:
        tok = take()
        if tok in ("-", "~", "NOT"):
            return Not(factor())
        if tok == "(":
            e = statement()
            if take() != ")":
                raise ValueError(f"statement {text!r}: missing ')'")
            return e
        if tok.isdigit():
            num = int(tok)
            if num < 1 or (n_options is not None and num > n_options):
                limit = f" (1..{n_options})" if n_options is not None else " (from 1)"
                raise ValueError(f"statement {text!r}: no option {num}{limit}")
            return Lit(num - 1)
        raise ValueError(f"statement {text!r}: unexpected {tok!r}")

    def term() -> Expr:
        parts = [factor()]
        while peek() == "&":
            take()
            parts.append(factor())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def expr() -> Expr:
        parts = [term()]
        while peek() == "|":
            take()
            parts.append(term())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def statement() -> Expr:
        left = expr()
        if peek() in ("IF", "IFF"):
            kw = take()
            right = expr()
            return Implies(left, right) if kw == "IF" else Iff(left, right)
        return left

    result = statement()
    if peek() is not None:
        raise ValueError(f"statement {text!r}: unexpected {peek()!r}")
    return result


def _nnf(e: Expr, negate: bool = False) -> Expr:
    """Negation normal form (negations only on literals)."""
    if isinstance(e, Lit):
        return Not(e) if negate else e
    if isinstance(e, Not):
        return _nnf(e.arg, not negate)
    if isinstance(e, And | Or):
        parts = tuple(_nnf(a, negate) for a in e.args)
        flip = isinstance(e, And) == negate  # De Morgan: a negated And becomes an Or
        return Or(parts) if flip else And(parts)
    if isinstance(e, Implies):
        return _nnf(Or((e.consequent, Not(e.antecedent))), negate)
    both = And((e.left, e.right))
    neither = And((Not(e.left), Not(e.right)))
    return _nnf(Or((both, neither)), negate)


def to_dnf(e: Expr) -> list[list[tuple[int, bool]]]:
    """Rewrite an expression as an OR of ANDs of literals ``(option, taken)``.

    Contradictory conjunctions (an option both taken and not) are dropped, duplicates merged.
    This is the form of GMCR+ save files (a condition, or a compound OR of conditions).
    """

    def go(x: Expr) -> list[dict[int, bool]]:
        if isinstance(x, Lit):
            return [{x.option: True}]
        if isinstance(x, Not):
            assert isinstance(x.arg, Lit)
            return [{x.arg.option: False}]
        if isinstance(x, Or):
            return [c for a in x.args for c in go(a)]
        assert isinstance(x, And)
        acc: list[dict[int, bool]] = [{}]
        for a in x.args:
            nxt: list[dict[int, bool]] = []
            for left in acc:
                for right in go(a):
                    if all(left.get(k, v) == v for k, v in right.items()):
                        nxt.append({**left, **right})
            acc = nxt
        return acc

    seen: list[list[tuple[int, bool]]] = []
    for conj in go(_nnf(e)):
        item = sorted(conj.items())
        if item not in seen:
            seen.append(item)
    return seen


def dense_ranks(scores: NDArray[np.int64]) -> NDArray[np.int64]:
    """Dense ranks 0..k-1 of ``scores`` (equal scores share a rank; higher score, higher rank)."""
    _, inverse = np.unique(scores, return_inverse=True)
    return inverse.astype(np.int64).reshape(scores.shape)


@dataclass(frozen=True)
class Prioritization:
    """Option prioritisation: statements from most to least important.

    Attributes
    ----------
    statements:
        Expression trees (see :func:`parse_statement`), most important first.
    """

    statements: tuple[Expr, ...]

    @classmethod
    def parse(cls, texts: Sequence[str], n_options: int | None = None) -> Prioritization:
        """Build from statement texts in this module's syntax, most important first."""
        return cls(tuple(parse_statement(t, n_options) for t in texts))

    def scores(self, codes: Codes) -> NDArray[np.int64]:
        """Score per state: the sum of ``2**(L-k)`` over the statements ``k`` true in it."""
        n = len(self.statements)
        if n > 62:
            raise ValueError("at most 62 preference statements per decision maker")
        out = np.zeros(codes.shape, dtype=np.int64)
        for k, st in enumerate(self.statements, start=1):
            out += st.evaluate(codes).astype(np.int64) << (n - k)
        return out

    def ranks(self, codes: Codes) -> NDArray[np.int64]:
        """Dense ranks of the scores over the given (feasible) states."""
        return dense_ranks(self.scores(codes))

    def texts(self) -> list[str]:
        """The statements in this module's syntax."""
        return [str(s) for s in self.statements]


@dataclass(frozen=True)
class Ranking:
    """An explicit ranking of states, most preferred tier first; states in a tier are tied.

    Attributes
    ----------
    tiers:
        Tuples of state *numbers* (1..n in the GMCR+ numbering of feasible states).  Every
        feasible state must appear exactly once.
    """

    tiers: tuple[tuple[int, ...], ...]

    def ranks(self, codes: Codes) -> NDArray[np.int64]:
        """Rank per state (index into ``codes``, which must be all feasible states, ascending)."""
        n = len(codes)
        out = np.full(n, -1, dtype=np.int64)
        for t, tier in enumerate(self.tiers):
            for number in tier:
                if not 1 <= number <= n:
                    raise ValueError(f"ranking names state {number}; states are 1..{n}")
                if out[number - 1] >= 0:
                    raise ValueError(f"ranking names state {number} more than once")
                out[number - 1] = len(self.tiers) - 1 - t
        missing = np.flatnonzero(out < 0)
        if missing.size:
            raise ValueError(f"ranking misses states {[int(m) + 1 for m in missing[:10]]}")
        return out


Preferences: TypeAlias = Prioritization | Ranking
