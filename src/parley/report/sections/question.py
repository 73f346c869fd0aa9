"""The opening of the memo: the question, the scenario and how to read the numbers."""

from __future__ import annotations

from typing import Any

from parley.report.model import Section
from parley.report.sections.common import Labels, pct
from parley.scenario.model import Scenario


def question_section(scenario: Scenario, analysis: dict[str, Any]) -> Section:
    """The question, the parties who can block a deal, and the bottom line."""
    labels = Labels(scenario)
    doc = scenario.doc
    veto = [p["id"] for p in analysis["parties"] if p["veto"]]
    ratifiers = [p["id"] for p in analysis["parties"] if p["role"] == "ratifier"]
    zopa = analysis["zopa"]
    paragraphs = [
        doc.description or f"Which packages settle {doc.title or scenario.id}?",
        f"A deal needs the consent of {labels.parties(veto)}"
        + (f", and of {labels.parties(ratifiers)} whenever a package contains what they must "
           "ratify" if ratifiers else "") + ". Each party compares a package with its "
        "reservation value: what it expects from no deal (continued war).",
    ]
    if zopa["empty"]:
        bottom = ("Bottom line: no package in the model is acceptable to every party whose "
                  "consent is needed. The sections below show who blocks each proposal and "
                  "what would have to change.")
    else:
        nash = analysis["solutions"].get("nash")
        bottom = (f"Bottom line: {zopa['size']:,} of {analysis['space']['feasible']:,} feasible "
                  f"packages ({pct(zopa['share'])}) are acceptable to everyone whose consent is "
                  "needed, so a bargaining range exists.")
        if nash is not None:
            terms = "; ".join(f"{i}: {o}" for i, o in labels.package(nash["package"]))
            bottom += f" The Nash bargaining package is: {terms}."
    paragraphs.append(bottom)
    as_of = f" Scenario as of {doc.as_of}." if doc.as_of else ""
    paragraphs.append("Utilities run from 0 (a party's worst outcome on every issue) to 1 (its "
                      "best); every number is listed with its source or marked as a judgment "
                      f"in the assumptions ledger at the end.{as_of}")
    return Section("question", "The question", tuple(paragraphs))
