"""The pydantic v2 schema of a scenario file (format version 1).

This layer checks shapes and types. Cross-references (does this option exist?),
sources and feasibility are checked afterwards in :mod:`parley.scenario.checks`,
so that every problem can be reported at once with its location.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from parley.scenario.sections.durability import DurabilitySection
from parley.scenario.sections.dynamics import DynamicsSection
from parley.scenario.sections.gmcr import GmcrSection
from parley.scenario.sections.spatial import SpatialSection
from parley.scenario.types import Condition, Id, Param, Sourced, Text
from parley.scenario.types import Strict as _Strict


class SourceEntry(_Strict):
    """A citation that numbers and proposals refer to by ``id``."""

    id: Id
    citation: Text
    url: Text | None = None
    date: Text | None = None
    note: Text | None = None


class Party(Sourced):
    """A negotiating party, a mediator, or a ratifier."""

    id: Id
    name: Text | None = None
    role: Literal["party", "mediator", "ratifier"] = "party"
    veto: bool | None = None
    capability: Param | None = None
    description: Text | None = None


class Option(_Strict):
    """One option of an issue."""

    id: Id
    label: Text | None = None
    description: Text | None = None


class Issue(_Strict):
    """An issue on the table and its ordered options."""

    id: Id
    name: Text | None = None
    description: Text | None = None
    options: list[Option] = Field(min_length=1)


class Interaction(Sourced):
    """A utility term added when every condition in ``when`` holds (one or two issues)."""

    when: Condition
    value: Param
    note: Text | None = None


class NoDealRef(_Strict):
    """``{no_deal: true}``: the reservation value is the utility of the no-deal package."""

    no_deal: Literal[True]


def _reservation(value: Any) -> Any:
    if isinstance(value, dict) and "no_deal" in value:
        return NoDealRef.model_validate(value)
    return Param.model_validate(value)


Reservation = Annotated[Param | NoDealRef, BeforeValidator(_reservation)]
RankList = list[Id | list[Id]]


class OrdinalMethods(_Strict):
    """How ordinal input is turned into numbers (see docs/scenario-format.md)."""

    weights: Literal["roc", "rank_sum", "rank_reciprocal"] = "roc"
    values: Literal["linear", "roc"] = "linear"


class Preferences(Sourced):
    """One party's preferences: cardinal or ordinal, plus interactions and reservation value."""

    weights: dict[Id, Param] | None = None
    weight_ranks: RankList | None = None
    values: dict[Id, dict[Id, Param]] | None = None
    option_ranks: dict[Id, RankList] | None = None
    ordinal: OrdinalMethods = OrdinalMethods()
    interactions: list[Interaction] = []
    reservation: Reservation
    note: Text | None = None

    @model_validator(mode="after")
    def _weights_one_way(self) -> Preferences:
        if self.weights is not None and self.weight_ranks is not None:
            raise ValueError("give `weights` or `weight_ranks`, not both")
        if self.weights is None and self.weight_ranks is None:
            raise ValueError("missing issue weights: give `weights` (numbers) or `weight_ranks`")
        return self


class Rule(Sourced):
    """A feasibility rule: ``forbid`` a combination, or ``if`` ... ``then`` ..."""

    id: Id
    forbid: Condition | None = None
    if_: Condition | None = Field(default=None, alias="if")
    then: Condition | None = None
    reason: Text | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Rule:
        if self.forbid is not None and (self.if_ is not None or self.then is not None):
            raise ValueError("a rule has either `forbid` or `if`/`then`, not both")
        if self.forbid is None and (self.if_ is None or self.then is None):
            raise ValueError("a rule needs `forbid`, or both `if` and `then`")
        return self


class Ratification(Sourced):
    """Packages matching ``when`` must also clear ``ratifier``'s reservation value."""

    id: Id
    ratifier: Id
    when: Condition
    reason: Text | None = None


Reaction = Literal["accepted", "rejected", "mixed", "unknown"]


class Observation(_Strict):
    """How a party actually responded to a proposal, with the evidence."""

    reaction: Reaction
    source: Id | None = None
    date: Text | None = None
    note: Text | None = None


def _observation(value: Any) -> Any:
    return {"reaction": value} if isinstance(value, str) else value


class Proposal(_Strict):
    """A named package: a real or hypothetical deal."""

    id: Id
    name: Text | None = None
    date: Text | None = None
    kind: Literal["real", "hypothetical", "recommended"] = "hypothetical"
    sources: list[Id] = []
    package: dict[Id, Id]
    unspecified: list[Id] = []
    observed: dict[Id, Annotated[Observation, BeforeValidator(_observation)]] = {}
    note: Text | None = None


class NoDeal(_Strict):
    """The package that stands for no deal, when reservation values are derived from it."""

    description: Text | None = None
    package: dict[Id, Id]


class AnalysisSettings(_Strict):
    """Conventions and limits for the bargaining analysis."""

    bargaining_parties: list[Id] | None = None
    disagreement: Literal["negmas", "reservation"] = "negmas"
    ideal: Literal["space", "acceptable"] = "space"
    max_enumerate: int = Field(default=20_000_000, ge=1)


class ScenarioDoc(_Strict):
    """The whole scenario document."""

    parley: Literal[1]
    id: Id
    title: Text | None = None
    description: Text | None = None
    as_of: Text | None = None
    sources: list[SourceEntry] = []
    parties: list[Party] = Field(min_length=1)
    issues: list[Issue] = Field(min_length=1)
    preferences: dict[Id, Preferences]
    rules: list[Rule] = []
    ratification: list[Ratification] = []
    proposals: list[Proposal] = []
    no_deal: NoDeal | None = None
    analysis: AnalysisSettings = AnalysisSettings()
    durability: DurabilitySection | None = None
    gmcr: GmcrSection | None = None
    dynamics: DynamicsSection | None = None
    spatial: SpatialSection | None = None

