"""Request and response bodies of the JSON API (they make up the OpenAPI document)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Health(BaseModel):
    """Liveness and database check."""

    status: Literal["ok"]
    version: str
    database: str


class ProblemOut(BaseModel):
    """One problem in a scenario, located in its YAML text."""

    line: int | None
    column: int | None
    path: str
    message: str


class ProblemsOut(BaseModel):
    """422: the scenario was not saved or analysed because of these problems."""

    detail: str
    problems: list[ProblemOut]


class ErrorOut(BaseModel):
    """Any other error."""

    detail: str


class TokenRequest(_Body):
    """Exchange a user name and password for a bearer token."""

    name: str = Field(max_length=64)
    password: str = Field(max_length=1000)
    label: str = Field(default="", max_length=200)


class TokenOut(BaseModel):
    """A new bearer token (shown only this once)."""

    token: str
    token_type: Literal["bearer"] = "bearer"


class Me(BaseModel):
    """The authenticated user."""

    id: int
    name: str
    is_admin: bool


class ScenarioCreate(_Body):
    """A new scenario from its YAML text."""

    yaml: str
    message: str = Field(default="", max_length=1000)
    public: bool = True


class ScenarioUpdate(_Body):
    """A new version from the full YAML text. ``base_version``: the version edited (409 if
    the scenario moved on)."""

    yaml: str
    message: str = Field(default="", max_length=1000)
    base_version: int | None = Field(default=None, ge=1, le=2_147_483_647)


class ScenarioEdit(_Body):
    """A new version with some numbers changed; ``changes`` maps field paths (see
    ``GET /api/scenarios/{id}/fields``) to new values."""

    changes: dict[str, float]
    message: str = Field(default="", max_length=1000)
    base_version: int | None = Field(default=None, ge=1, le=2_147_483_647)


class ScenarioMeta(_Body):
    """Change whether everyone may read the scenario."""

    public: bool


class VersionOut(BaseModel):
    """One version (without its text)."""

    number: int
    content_hash: str
    author: str | None
    message: str
    created_at: dt.datetime


class VersionText(VersionOut):
    """One version with its full YAML text."""

    yaml: str


class ScenarioOut(BaseModel):
    """A scenario with its newest version's text."""

    id: int
    title: str
    owner: str | None
    public: bool
    latest_version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    yaml: str | None = None
    can_edit: bool = False


class FieldOut(BaseModel):
    """An editable number of the scenario."""

    path: str
    kind: Literal["weight", "value", "reservation"]
    party: str
    issue: str | None
    option: str | None
    value: float
    line: int


class FieldChange(BaseModel):
    """A leaf of the document that differs between two versions."""

    path: str
    change: Literal["added", "changed", "removed"]
    old: Any
    new: Any


class DiffOut(BaseModel):
    """How version ``b`` differs from version ``a``."""

    a: int
    b: int
    unified: str
    changes: list[FieldChange]


#: A strategy spec: a registered name, optionally with parameters (``time_dependent:e=0.5``).
StrategySpec = Annotated[str, Field(min_length=1, max_length=200)]


class NegotiationOptions(_Body):
    """One simulated negotiation, as ``parley negotiate`` (same defaults): the protocol,
    strategies by party (``GET /api/strategies`` lists the names; parties not named play
    ``default``), the deadline in rounds, the seed, and for the mediated protocol the
    neutral mediator's target or a biased mediator's party and bias."""

    protocol: Literal["sao", "mediated"] = "sao"
    strategies: dict[str, StrategySpec] = Field(default_factory=dict, max_length=100)
    default: StrategySpec = "linear"
    rounds: int = Field(default=100, ge=1, le=10_000)
    seed: int = Field(default=0, ge=0, le=2**63 - 1)
    target: Literal["nash", "ks"] = "nash"
    mediator: str | None = Field(default=None, max_length=200)
    bias: float = Field(default=0.5, ge=0.0, le=1.0)


class TournamentOptions(_Body):
    """A small tournament, as ``parley tournament`` (web defaults: 3 strategies, 3 seeds,
    50 rounds, focal pairing; at most 2,000 negotiations in all)."""

    strategies: list[StrategySpec] = Field(
        default_factory=lambda: ["linear_om", "boulware", "conceder"], min_length=1,
        max_length=20)
    seeds: int = Field(default=3, ge=1, le=100)
    seed: int = Field(default=0, ge=0, le=2**63 - 1)
    rounds: int = Field(default=50, ge=1, le=1_000)
    pairing: Literal["all", "same", "focal"] = "focal"
    protocol: Literal["sao", "mediated"] = "sao"
    mediator: str | None = Field(default=None, max_length=200)
    bias: float = Field(default=0.5, ge=0.0, le=1.0)


class RunCreate(_Body):
    """Start a background analysis of a version (default: newest) with some engines:
    bargaining, stability, durability, dynamics, uncertainty, forecast, negotiation,
    tournament (default: those that apply, except the slow uncertainty Monte Carlo and
    the negotiation engines, which must be asked for). ``negotiation`` / ``tournament``
    options ask for that engine (alone, when ``engines`` is omitted)."""

    version: int | None = Field(default=None, ge=1, le=2_147_483_647)
    engines: list[str] | None = None
    negotiation: NegotiationOptions | None = None
    tournament: TournamentOptions | None = None


class RunOut(BaseModel):
    """A background analysis: status, progress (0-1), and when done its result."""

    id: int
    scenario_id: int
    version: int
    engines: list[str]
    options: dict[str, Any] | None = None
    status: Literal["queued", "running", "done", "failed"]
    progress: float
    stage: str
    error: str | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    result: dict[str, Any] | None = None


class WhatIf(_Body):
    """Overrides for a quick re-analysis: ``weights[party][issue]`` and
    ``reservation[party]``; nothing is saved."""

    version: int | None = Field(default=None, ge=1, le=2_147_483_647)
    weights: dict[str, dict[str, float]] = {}
    reservation: dict[str, float] = {}


class StrategyOut(BaseModel):
    """A registered negotiation strategy (``parley strategies``)."""

    name: str
    description: str
    stochastic: bool
    uses_opponent_model: bool
    parameters: dict[str, float]
