"""Building blocks shared by every section of the scenario schema.

Ids, numbers with provenance (:class:`Param`), free text and conditions. Engine
sections (``parley.scenario.sections``) import from here, so they can be added to
:class:`parley.scenario.schema.ScenarioDoc` without import cycles.
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


class Strict(BaseModel):
    """A frozen model that rejects unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Sourced(Strict):
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


#: Distributions a number may carry for uncertainty analysis (see docs/scenario-format.md).
Dist = Literal["uniform", "triangular", "normal", "lognormal", "pert"]


def _to_dist(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in ("beta-pert", "beta_pert"):
        return "pert"
    return value


class Param(Sourced):
    """A number with its provenance. A bare number in the file becomes ``Param(value=x)``.

    ``range`` is the plausible interval; ``dist`` (with ``sd`` for the normal and
    lognormal) says how the number is spread over it in uncertainty analysis. A range
    without ``dist`` is uniform.
    """

    value: Number
    range: tuple[Number, Number] | None = None
    dist: Annotated[Dist, BeforeValidator(_to_dist)] | None = None
    sd: Number | None = None
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
        self._check_dist()
        return self

    def _check_dist(self) -> None:
        dist = self.dist
        if dist is None:
            if self.sd is not None:
                raise ValueError("`sd` needs `dist: normal` or `dist: lognormal`")
            return
        if self.range is None:
            raise ValueError(f"`dist: {dist}` needs `range: [low, high]` (the distribution "
                             "is truncated to it)")
        low, high = self.range
        if dist in ("normal", "lognormal"):
            if self.sd is None:
                raise ValueError(f"`dist: {dist}` needs `sd` (the standard deviation"
                                 + (" of the logarithm)" if dist == "lognormal" else ")"))
            if self.sd <= 0:
                raise ValueError(f"`sd` must be positive, not {self.sd:g}")
        elif self.sd is not None:
            raise ValueError(f"`sd` is only used by `dist: normal` or `dist: lognormal`, "
                             f"not `{dist}`")
        if dist == "lognormal" and (self.value <= 0 or low < 0):
            raise ValueError("`dist: lognormal` needs a positive value (its median) and a "
                             "range that does not go below 0")
        if dist != "uniform" and low == high:
            raise ValueError(f"`dist: {dist}` needs a range of positive width")


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
