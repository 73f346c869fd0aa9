"""The optional ``gmcr:`` section: a Graph Model for Conflict Resolution view of the scenario.

```yaml
gmcr:
  note: What the options mean and which moment of the conflict the model describes.
  decision_makers:
    - id: russia
      party: russia                   # optional link to a scenario party
      options:
        - {id: continue_offensive, label: Continue the offensive}
        - {id: accept_ceasefire, label: Accept a ceasefire, direction: both}
      preferences:                    # option prioritisation, most important first
        - statement: "-ru_nato_bid"   # option ids; -, &, |, IF, IFF, parentheses
          source: ashford2025         # or judgment: "one-line rationale"
  infeasible:
    - when: {continue_offensive: true, accept_ceasefire: true}
      reason: A ceasefire and an offensive exclude each other
  status_quo: [continue_offensive]    # options taken now
  coalitions: [[us, congress]]        # optional, for coalition analysis
```

The statement grammar is that of :func:`parley.gmcr.preferences.parse_statement`, with option
ids in place of option numbers.  Ids are checked, and the section turned into a
:class:`parley.gmcr.model.Conflict`, by :mod:`parley.gmcr.scenario`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from parley.scenario.types import Id, Sourced, Strict, Text


class GmcrOption(Strict):
    """A binary option; ``direction`` ``fwd`` / ``back`` makes it irreversible."""

    id: Id
    label: Text | None = None
    direction: Literal["both", "fwd", "back"] = "both"


class GmcrStatement(Sourced):
    """One preference statement, with the source or judgment it rests on."""

    statement: Text
    note: Text | None = None


class GmcrDecisionMaker(Sourced):
    """A decision maker, its options, and its preferences.

    Preferences are either prioritised ``preferences`` statements or an explicit ``ranking``:
    tiers of states from most to least preferred, states in one tier tied, each state written
    as the list of the option ids taken in it (``[]`` for none); every feasible state must
    appear exactly once.
    """

    id: Id
    name: Text | None = None
    party: Id | None = None
    options: list[GmcrOption] = Field(min_length=1)
    preferences: list[GmcrStatement] = []
    ranking: list[list[list[Id]]] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> GmcrDecisionMaker:
        if self.ranking is not None and self.preferences:
            raise ValueError("give either `preferences` (statements) or `ranking`, not both")
        if self.ranking is None and not self.preferences:
            raise ValueError("give `preferences` (statements) or a `ranking` of states")
        return self


class GmcrInfeasible(Sourced):
    """States in which every listed option is taken (true) or not taken (false) are infeasible."""

    when: dict[Id, bool] = Field(min_length=1)
    reason: Text | None = None


class GmcrSection(Sourced):
    """The GMCR view read by ``parley stability``."""

    note: Text | None = None
    decision_makers: list[GmcrDecisionMaker] = Field(min_length=1)
    infeasible: list[GmcrInfeasible] = []
    status_quo: list[Id] | None = None
    coalitions: list[list[Id]] = []

