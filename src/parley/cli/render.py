"""Render an analysis document (the JSON contract) as Rich tables or Markdown."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

SOLUTION_LABELS = {
    "nash": "Nash",
    "nash_weighted": "Nash (capability-weighted)",
    "kalai_smorodinsky": "Kalai–Smorodinsky",
    "egalitarian": "Egalitarian",
    "utilitarian": "Utilitarian",
}


def _fmt(x: float | None, signed: bool = False) -> str:
    if x is None:
        return "–"
    return f"{x:+.3f}" if signed else f"{x:.3f}"


def headline(doc: dict[str, Any]) -> str:
    """One or two sentences answering the main question."""
    zopa = doc["zopa"]
    vetoes = [p["id"] for p in doc["parties"] if p["veto"]]
    who = ", ".join(vetoes)
    if zopa["exact"]:
        if zopa["size"] == 0:
            return (f"No: no feasible package is preferred to continued conflict by every veto "
                    f"party ({who}) and every ratifier it triggers.")
        share = 100 * zopa["share"]
        text = (f"Yes: {zopa['size']:,} of {doc['space']['feasible']:,} feasible packages "
                f"({share:.2f}%) are preferred to no deal by every veto party ({who}) and every "
                "ratifier they trigger.")
    else:
        text = (f"Estimated {100 * zopa['share']:.2f}% of packages (95% interval "
                f"{100 * zopa['share_low']:.2f}–{100 * zopa['share_high']:.2f}%) are acceptable "
                f"to every veto party ({who}).")
    nash = doc["solutions"].get("nash")
    if nash:
        text += " The Nash bargaining package is shown below."
    return text


SHORT_LABELS = {"nash": "Nash", "nash_weighted": "Nash (w)", "kalai_smorodinsky": "KS",
                "egalitarian": "Egal.", "utilitarian": "Util."}


def _package_table(doc: dict[str, Any]) -> Table:
    sols = [(k, v) for k, v in doc["solutions"].items() if v is not None]
    table = Table(title="Bargaining solutions over the acceptable set (margins = utility − "
                        "reservation value)", title_justify="left")
    table.add_column("issue", style="bold", overflow="fold")
    for name, _ in sols:
        table.add_column(SHORT_LABELS.get(name, name), overflow="fold")
    for issue in doc["issues"]:
        table.add_row(issue["id"], *[v["package"][issue["id"]] for _, v in sols])
    table.add_section()
    for party in doc["parties"]:
        table.add_row(Text(f"margin {party['id']}", style="italic"),
                      *[_margin(v["margins"][party["id"]]) for _, v in sols])
    return table


def _margin(m: float, required: bool = True) -> Text:
    style = "" if not required else ("green" if m >= 0 else "red")
    return Text(_fmt(m, signed=True), style=style)


def _party_table(doc: dict[str, Any]) -> Table:
    table = Table(title="Parties (utilities on each party's own scale)", title_justify="left")
    table.add_column("party", overflow="fold")
    table.add_column("role", overflow="fold")
    table.add_column("veto")
    for col in ("reservation", "d", "min", "max"):
        table.add_column(col, justify="right")
    for p in doc["parties"]:
        role = p["role"] + (", ratifies" if p["ratifies"] else "")
        if not p["bargaining"]:
            role += ", not bargaining"
        table.add_row(p["id"], role, "yes" if p["veto"] else "no", _fmt(p["reservation_value"]),
                      _fmt(p["disagreement"]), _fmt(p["min_utility"]), _fmt(p["max_utility"]))
    return table


def _proposal_table(doc: dict[str, Any]) -> Table:
    parties = [p["id"] for p in doc["parties"]]
    table = Table(title="Named proposals: margin over reservation value (red: a required "
                        "party rejects)", title_justify="left")
    table.add_column("proposal", style="bold", overflow="fold")
    table.add_column("ok")
    for p in parties:
        table.add_column(p, justify="right", overflow="fold")
    for pid, prop in doc["proposals"].items():
        ok = Text("yes", style="green") if prop["acceptable"] else Text("no", style="red")
        table.add_row(pid, ok, *[_margin(prop["margins"][p], p in prop["required"])
                                 for p in parties])
    return table


def backtest(doc: dict[str, Any]) -> str | None:
    """How often the model's verdicts match recorded reactions."""
    agree = total = 0
    for prop in doc["proposals"].values():
        for value in prop["observed_agreement"].values():
            if value is not None:
                total += 1
                agree += bool(value)
    if not total:
        return None
    return (f"Back-test: for {agree} of {total} recorded accept/reject reactions, the model's "
            "verdict (margin ≥ 0 or < 0) matches what the party did.")


def _repairs(doc: dict[str, Any]) -> list[str]:
    out = []
    for pid, prop in doc["proposals"].items():
        if prop["acceptable"]:
            continue
        if not prop["repairs"]:
            out.append(f"{pid}: no acceptable package within "
                       f"{prop['repair_searched_up_to']} changed issues")
            continue
        best = prop["repairs"][0]
        changes = ", ".join(f"{k} → {v['to']}" for k, v in best["changes"].items())
        n = prop["repair_distance"]
        out.append(f"{pid} ({n} change{'s' if n != 1 else ''}, worst margin "
                   f"{best['min_margin']:+.3f}): {changes}")
    return out


def _rejections(doc: dict[str, Any]) -> list[Text]:
    out: list[Text] = []
    for pid, prop in doc["proposals"].items():
        for rej in prop["rejected_by"]:
            drivers = ", ".join(
                f"{d['issue']} ({d['current']}→{d['best']}: {d['gain']:+.3f}"
                f"{', clears alone' if d['clears_alone'] else ''})" for d in rej["drivers"][:3])
            out.append(Text(f"• {pid}: {rej['party']} short by {-rej['margin']:.3f}; "
                            f"biggest gains available: {drivers or 'none'}"))
    return out


def render_text(doc: dict[str, Any], console: Console) -> None:
    """Print the analysis with Rich."""
    sc = doc["scenario"]
    title = sc["title"] or sc["id"]
    sub = f"as of {sc['as_of']}" if sc.get("as_of") else ""
    space = doc["space"]
    info = (f"{space['packages']:,} packages, {space['feasible']:,} feasible; "
            f"frontier: {len(doc['frontier'])} packages"
            f"{'' if doc['frontier_enumerated'] else ' (not enumerated)'}; "
            f"conventions: d={doc['conventions']['disagreement']}, "
            f"ideal={doc['conventions']['ideal']}")
    console.print(Panel(Group(Text(headline(doc), style="bold"), Text(info, style="dim")),
                        title=f"parley · {title}", subtitle=sub))
    console.print(_party_table(doc))
    if any(v is not None for v in doc["solutions"].values()):
        console.print(_package_table(doc))
    else:
        console.print(Text("No bargaining solution: the acceptable set is empty.", style="red"))
    if doc["proposals"]:
        console.print(_proposal_table(doc))
        bt = backtest(doc)
        if bt:
            console.print(Text(bt, style="dim"))
        rej = _rejections(doc)
        if rej:
            console.print(Text("\nWhy proposals fail", style="bold"))
            for line in rej:
                console.print(line)
        fixes = _repairs(doc)
        if fixes:
            console.print(Text("\nSmallest repairs (fewest issues changed; best worst-case "
                               "margin first)", style="bold"))
            for fix in fixes:
                console.print(Text(f"• {fix}"))
    for note in [*doc["notes"], *doc["warnings"]]:
        console.print(Text(f"note: {note}", style="yellow"))


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def render_markdown(doc: dict[str, Any]) -> str:
    """The analysis as a Markdown document."""
    sc = doc["scenario"]
    lines = [f"# {sc['title'] or sc['id']}", ""]
    if sc.get("as_of"):
        lines += [f"*As of {sc['as_of']}.*", ""]
    lines += [headline(doc), ""]
    space = doc["space"]
    lines += [f"- Packages: {space['packages']:,} ({space['feasible']:,} feasible)",
              f"- Pareto frontier of the acceptable set: {len(doc['frontier'])} packages"
              + ("" if doc["frontier_enumerated"] else " (not enumerated)"),
              f"- Conventions: disagreement `{doc['conventions']['disagreement']}`, ideal "
              f"`{doc['conventions']['ideal']}`", ""]
    lines += ["## Parties", "",
              _md_row(["party", "role", "veto", "reservation", "d", "min", "max"]),
              _md_row(["---"] * 7)]
    for p in doc["parties"]:
        lines.append(_md_row([p["id"], p["role"], "yes" if p["veto"] else "no",
                              _fmt(p["reservation_value"]), _fmt(p["disagreement"]),
                              _fmt(p["min_utility"]), _fmt(p["max_utility"])]))
    sols = [(k, v) for k, v in doc["solutions"].items() if v is not None]
    lines += ["", "## Bargaining solutions", ""]
    if sols:
        lines.append(_md_row(["issue", *[SOLUTION_LABELS.get(k, k) for k, _ in sols]]))
        lines.append(_md_row(["---"] * (len(sols) + 1)))
        for issue in doc["issues"]:
            lines.append(_md_row([issue["id"], *[v["package"][issue["id"]] for _, v in sols]]))
        for p in doc["parties"]:
            lines.append(_md_row([f"*margin {p['id']}*",
                                  *[_fmt(v["margins"][p["id"]], True) for _, v in sols]]))
    else:
        lines.append("No solution: the acceptable set is empty.")
    if doc["proposals"]:
        parties = [p["id"] for p in doc["parties"]]
        lines += ["", "## Named proposals", "",
                  "Margin = utility − reservation value; a proposal is acceptable when every "
                  "required party's margin is ≥ 0.", "",
                  _md_row(["proposal", "acceptable", *parties]),
                  _md_row(["---"] * (len(parties) + 2))]
        for pid, prop in doc["proposals"].items():
            lines.append(_md_row([pid, "yes" if prop["acceptable"] else "no",
                                  *[_fmt(prop["margins"][p], True) for p in parties]]))
        bt = backtest(doc)
        if bt:
            lines += ["", bt]
        rej = _rejections(doc)
        if rej:
            lines += ["", "### Why proposals fail", ""]
            lines += [str(t).replace("• ", "- ", 1) for t in rej]
        fixes = _repairs(doc)
        if fixes:
            lines += ["", "### Smallest repairs", ""] + [f"- {f}" for f in fixes]
    notes = [*doc["notes"], *doc["warnings"]]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"
