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


def _package_table(doc: dict[str, Any]) -> Table:
    sols = [(k, v) for k, v in doc["solutions"].items() if v is not None]
    table = Table(title="Bargaining solutions (over the acceptable set)", show_lines=False)
    table.add_column("issue", style="bold")
    for name, _ in sols:
        table.add_column(SOLUTION_LABELS.get(name, name))
    for issue in doc["issues"]:
        table.add_row(issue["id"], *[v["package"][issue["id"]] for _, v in sols])
    table.add_section()
    for party in doc["parties"]:
        table.add_row(Text(f"margin: {party['id']}", style="italic"),
                      *[_fmt(v["margins"][party["id"]], signed=True) for _, v in sols])
    return table


def _party_table(doc: dict[str, Any]) -> Table:
    table = Table(title="Parties")
    for col in ("party", "role", "veto", "bargains", "reservation", "d", "min", "max"):
        table.add_column(col, justify="right" if col in ("reservation", "d", "min", "max")
                         else "left")
    for p in doc["parties"]:
        role = p["role"] + (" (ratifies)" if p["ratifies"] else "")
        table.add_row(p["id"], role, "yes" if p["veto"] else "no",
                      "yes" if p["bargaining"] else "no", _fmt(p["reservation_value"]),
                      _fmt(p["disagreement"]), _fmt(p["min_utility"]), _fmt(p["max_utility"]))
    return table


def _proposal_table(doc: dict[str, Any]) -> Table:
    parties = [p["id"] for p in doc["parties"]]
    table = Table(title="Named proposals: each party's margin over its reservation value")
    table.add_column("proposal", style="bold")
    table.add_column("acceptable")
    for p in parties:
        table.add_column(p, justify="right")
    table.add_column("smallest repair")
    for pid, prop in doc["proposals"].items():
        ok = Text("yes", style="green") if prop["acceptable"] else Text("no", style="red")
        cells = []
        for p in parties:
            m = prop["margins"][p]
            style = "" if p not in prop["required"] else ("green" if m >= 0 else "red")
            cells.append(Text(_fmt(m, signed=True), style=style))
        repair = "–"
        if prop["repairs"]:
            ch = prop["repairs"][0]["changes"]
            repair = "; ".join(f"{k}: {v['to']}" for k, v in ch.items())
        elif not prop["acceptable"]:
            repair = f"none within {prop['repair_searched_up_to']} changes"
        table.add_row(pid, ok, *cells, repair)
    return table


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
        rej = _rejections(doc)
        if rej:
            console.print(Text("Why proposals fail", style="bold"))
            for line in rej:
                console.print(line)
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
                  _md_row(["proposal", "acceptable", *parties, "smallest repair"]),
                  _md_row(["---"] * (len(parties) + 3))]
        for pid, prop in doc["proposals"].items():
            repair = "–"
            if prop["repairs"]:
                repair = "; ".join(f"{k}: {v['to']}"
                                   for k, v in prop["repairs"][0]["changes"].items())
            lines.append(_md_row([pid, "yes" if prop["acceptable"] else "no",
                                  *[_fmt(prop["margins"][p], True) for p in parties], repair]))
        rej = _rejections(doc)
        if rej:
            lines += ["", "### Why proposals fail", ""]
            lines += [str(t).replace("• ", "- ", 1) for t in rej]
    notes = [*doc["notes"], *doc["warnings"]]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"
