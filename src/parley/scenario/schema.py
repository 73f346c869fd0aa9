"""The pydantic v2 schema of a scenario file (format version 1).

This layer checks shapes and types. Cross-references (does this option exist?),
sources and feasibility are checked afterwards in :mod:`parley.scenario.checks`,
so that every problem can be reported at once with its location.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)


def _check_id(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        raise ValueError("must be a name (text), not true/false/null")
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("must be a name (text)")
    if not value.strip():
        raise ValueError("must not be empty")
    if value != value.strip():
        raise ValueError("must not start or end with spaces")
    return value


#: An identifier: any non-empty text without surrounding spaces (GENIUS names have spaces).
Id = Annotated[str, BeforeValidator(_check_id)]


def _check_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number")
    if not math.isfinite(value):
        raise ValueError("must be a finite number (NaN and infinity are not allowed)")
    return float(value)


Number = Annotated[float, BeforeValidator(_check_number)]


def _to_text(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


#: Free text; a bare number or date written in YAML is kept as its text.
Text = Annotated[str, BeforeValidator(_to_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Sourced(_Strict):
    """Fields shared by every block that can attach a source or a judgment to its numbers."""

    source: Id | None = None
    judgment: Text | None = None

    @model_validator(mode="after")
    def _not_both(self) -> Sourced:
        if self.source is not None and self.judgment is not None:
            raise ValueError("give either `source` or `judgment`, not both")
        if self.judgment is not None and not self.judgment.strip():
            raise ValueError("`judgment` needs a one-line rationale")
        return self


class Param(Sourced):
    """A number with its provenance. A bare number in the file becomes ``Param(value=x)``."""

    value: Number
    range: tuple[Number, Number] | None = None
    note: Text | None = None
    bare: bool = Field(default=False, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _from_bare(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"value": data, "bare": True}
        if isinstance(data, dict) and "bare" in data:
            raise ValueError("unknown field `bare`")
        if not isinstance(data, dict):
            raise ValueError("must be a number or a mapping with `value`")
        return data

    @model_validator(mode="after")
    def _range_contains_value(self) -> Param:
        if self.range is not None:
            low, high = self.range
            if low > high:
                raise ValueError(f"range [{low}, {high}] is reversed")
            if not low <= self.value <= high:
                raise ValueError(f"value {self.value} lies outside its range [{low}, {high}]")
        return self


def _to_condition(value: Any) -> Any:
    if not isinstance(value, dict):
        raise ValueError("must map issue ids to an option id or a list of option ids")
    out: dict[Any, Any] = {}
    for key, options in value.items():
        out[key] = options if isinstance(options, list) else [options]
    return out


def _non_empty_condition(value: dict[str, list[str]]) -> dict[str, list[str]]:
    if not value:
        raise ValueError("must name at least one issue")
    for key, options in value.items():
        if not options:
            raise ValueError(f"issue {key!r} lists no options")
    return value


#: ``{issue: option}`` or ``{issue: [option, ...]}``: holds when every issue takes a listed option.
Condition = Annotated[
    dict[Id, list[Id]], BeforeValidator(_to_condition), AfterValidator(_non_empty_condition)
]


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

