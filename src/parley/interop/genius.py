"""Import GENIUS / ANAC negotiation domains as parley scenario documents.

A GENIUS domain is a directory of XML files: one *domain file* (root element
``negotiation_template``) that lists the issues and their values, and one *utility
file* per party (root element ``utility_space``) that gives issue weights, value
evaluations, a reservation value and, optionally, a discount factor.

:func:`read_genius_dir` turns such a directory into a plain scenario document (the
YAML structure described in ``docs/scenario-format.md``) and
:func:`write_scenario_yaml` writes a document out as readable YAML.

Two evaluation conventions are supported (``normalize``):

``normalize=True`` (GENIUS)
    A discrete issue's evaluations are divided by the largest evaluation of that
    issue, as ``genius.core.utility.EvaluatorDiscrete.normalize`` does (a maximum
    below ``1e-5`` makes every evaluation 0). An integer issue with a linear
    evaluator is valued as GENIUS's ``EvaluatorInteger.getEvaluation`` does:
    ``clip(offset + slope * (x - lowerbound), 0, 1)``.
``normalize=False`` (NegMAS)
    The raw XML numbers are kept, as ``negmas.inout.Scenario.load`` reads them. An
    integer issue with a linear evaluator is valued as NegMAS's ``make_fun_from_xml``
    (``negmas/preferences/value_fun.py``) builds it: ``offset + slope * x`` with the
    raw integer ``x``, no shift by the lower bound and no clipping.

Discount factors are not modelled (parley preferences do not change over time); each
party's description records the factor found in its file.
"""

from __future__ import annotations

import math
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from xml.parsers import expat

import yaml

from parley.errors import Problem, ScenarioError

__all__ = ["MAX_INTEGER_OPTIONS", "read_genius_dir", "write_scenario_yaml"]

#: Largest integer issue (number of values) that is expanded into discrete options.
MAX_INTEGER_OPTIONS = 10_000
#: Largest XML file read (GENIUS files are far smaller; this only guards against accidents).
MAX_XML_BYTES = 50_000_000
#: ``EvaluatorDiscrete.normalize`` treats a maximum evaluation below this as zero.
_GENIUS_ZERO_MAX = 1e-5

_DOMAIN_ROOT = "negotiation_template"
_UTILITY_ROOT = "utility_space"


# --------------------------------------------------------------------------- XML reading


@dataclass
class _XmlFile:
    """A parsed XML file and the 1-based line on which each element starts."""

    path: Path
    root: ET.Element
    lines: dict[int, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    def line(self, element: ET.Element) -> int | None:
        return self.lines.get(id(element))

    def problem(self, element: ET.Element | None, where: str, message: str) -> Problem:
        line = self.line(element) if element is not None else None
        return Problem(str(self.path), line, None, where, message)


def _parse_xml(path: Path) -> _XmlFile:
    """Parse one XML file with expat, remembering element line numbers."""
    try:
        size = path.stat().st_size
        if size > MAX_XML_BYTES:
            raise ScenarioError([Problem(
                str(path), None, None, "",
                f"file is {size:,} bytes, over the {MAX_XML_BYTES:,}-byte limit for GENIUS XML")])
        data = path.read_bytes()
    except OSError as exc:
        raise ScenarioError(
            [Problem(str(path), None, None, "", f"cannot read: {exc.strerror}")]) from None

    builder = ET.TreeBuilder()
    lines: dict[int, int] = {}
    parser = expat.ParserCreate()

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = builder.start(tag, attrs)
        lines[id(element)] = parser.CurrentLineNumber

    def end(tag: str) -> None:
        builder.end(tag)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) if exc.code is not None else str(exc)
        raise ScenarioError([Problem(
            str(path), exc.lineno, exc.offset + 1, "", f"malformed XML: {message}")]) from None
    root = builder.close()
    return _XmlFile(path, root, lines)


# --------------------------------------------------------------------------- the domain


@dataclass
class _DomainIssue:
    """An issue as the domain file defines it."""

    name: str
    id: str
    kind: str  # "discrete" or "integer"
    values: list[str]  # the GENIUS value strings, as written
    option_ids: list[str]  # the parley option ids (the values without surrounding spaces)
    lower: int | None = None
    upper: int | None = None


def _issue_elements(root: ET.Element) -> Iterator[ET.Element]:
    """Every ``issue`` element in document order (objectives may be nested)."""
    return root.iter("issue")


def _declared_type(element: ET.Element) -> str:
    for attr in ("type", "vtype", "etype"):
        value = element.get(attr)
        if value:
            return value.strip().lower()
    return "discrete"


def _parse_int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


def _parse_float(text: str | None) -> float | None:
    """A finite float from an attribute, or ``None``."""
    if text is None:
        return None
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _integer_bounds(element: ET.Element) -> tuple[str | None, str | None]:
    """Bounds of an integer issue: attributes, or a ``<range>`` child as some files use."""
    lower, upper = element.get("lowerbound"), element.get("upperbound")
    for child in element:
        if child.tag == "range":
            lower = child.get("lowerbound", lower)
            upper = child.get("upperbound", upper)
    return lower, upper


class _Ids:
    """Turns GENIUS names into parley ids: verbatim, unless they have surrounding spaces."""

    def __init__(self, xml: _XmlFile, what: str, problems: list[Problem]) -> None:
        self.xml = xml
        self.what = what
        self.problems = problems
        self.seen: dict[str, str] = {}

    def make(self, name: str, element: ET.Element, where: str) -> str | None:
        ident = name.strip()
        if not ident:
            self.problems.append(self.xml.problem(element, where, f"{self.what} name is empty"))
            return None
        if ident in self.seen:
            earlier = self.seen[ident]
            detail = "" if earlier == name else f" (after trimming spaces from {name!r})"
            self.problems.append(self.xml.problem(
                element, where, f"duplicate {self.what} {ident!r}{detail}"))
            return None
        self.seen[ident] = name
        return ident


def _read_domain(xml: _XmlFile) -> list[_DomainIssue]:
    problems: list[Problem] = []
    issues: list[_DomainIssue] = []
    issue_ids = _Ids(xml, "issue", problems)
    for element in _issue_elements(xml.root):
        name = element.get("name")
        if name is None:
            problems.append(xml.problem(element, "issue", "issue has no `name` attribute"))
            continue
        where = f"issue[@name={name!r}]"
        ident = issue_ids.make(name, element, where)
        if ident is None:
            continue
        items = [child for child in element if child.tag == "item"]
        kind = _declared_type(element)
        if items:
            values: list[str] = []
            option_ids: list[str] = []
            value_ids = _Ids(xml, f"option of issue {name!r}", problems)
            for item in items:
                value = item.get("value")
                if value is None:
                    problems.append(xml.problem(item, f"{where}/item",
                                                "item has no `value` attribute"))
                    continue
                option = value_ids.make(value, item, f"{where}/item[@value={value!r}]")
                if option is not None:
                    values.append(value)
                    option_ids.append(option)
            issues.append(_DomainIssue(name, ident, "discrete", values, option_ids))
        elif kind == "integer":
            low_text, high_text = _integer_bounds(element)
            low, high = _parse_int(low_text), _parse_int(high_text)
            if low is None or high is None:
                problems.append(xml.problem(
                    element, where,
                    "integer issue needs whole-number `lowerbound` and `upperbound` attributes "
                    f"(found {low_text!r} and {high_text!r})"))
                continue
            if low > high:
                problems.append(xml.problem(
                    element, where, f"lowerbound {low} is above upperbound {high}"))
                continue
            if high - low + 1 > MAX_INTEGER_OPTIONS:
                problems.append(xml.problem(
                    element, where,
                    f"integer issue has {high - low + 1:,} values, more than the "
                    f"{MAX_INTEGER_OPTIONS:,} parley expands into options; discretise it first"))
                continue
            values = [str(v) for v in range(low, high + 1)]
            issues.append(_DomainIssue(name, ident, "integer", values, values, low, high))
        elif kind == "real":
            problems.append(xml.problem(
                element, where,
                "real-valued (continuous) issues are not supported: parley issues have a "
                "finite list of options; discretise the issue into items first"))
        else:
            problems.append(xml.problem(
                element, where, f"issue of type {kind!r} has no `item` values"))
    if not issues and not problems:
        problems.append(xml.problem(xml.root, "", "the domain file defines no issues"))
    if problems:
        raise ScenarioError(problems)
    return issues


# --------------------------------------------------------------------------- utility files


@dataclass
class _Party:
    """One party's imported preferences."""

    id: str
    file: str
    weights: dict[str, float]
    values: dict[str, dict[str, float]]
    reservation: float
    discount: float | None


def _linear_evaluator(
    xml: _XmlFile, element: ET.Element, where: str, problems: list[Problem]
) -> tuple[float, float] | None:
    """``(slope, offset)`` of an integer issue's ``<evaluator ftype="linear">``."""
    evaluators = [child for child in element if child.tag == "evaluator"]
    if not evaluators:
        problems.append(xml.problem(
            element, where, "integer issue has no `<evaluator>` (and no `item` evaluations)"))
        return None
    evaluator = evaluators[0]
    ftype = (evaluator.get("ftype") or "").strip().lower()
    if ftype != "linear":
        problems.append(xml.problem(
            evaluator, f"{where}/evaluator",
            f"evaluator type {ftype or '(missing)'!r} is not supported (only `linear`)"))
        return None
    # GENIUS writes slope/offset; NegMAS also reads parameter1/parameter0.
    slope_text = evaluator.get("slope", evaluator.get("parameter1"))
    offset_text = evaluator.get("offset", evaluator.get("parameter0", "0"))
    slope, offset = _parse_float(slope_text), _parse_float(offset_text)
    if slope is None or offset is None:
        problems.append(xml.problem(
            evaluator, f"{where}/evaluator",
            f"linear evaluator needs finite `slope` and `offset` numbers "
            f"(found {slope_text!r} and {offset_text!r})"))
        return None
    return slope, offset


def _integer_values(
    issue: _DomainIssue, slope: float, offset: float, lower: int, normalize: bool
) -> dict[str, float]:
    """Value of every integer option under the GENIUS or the NegMAS convention."""
    assert issue.lower is not None and issue.upper is not None
    out: dict[str, float] = {}
    for x in range(issue.lower, issue.upper + 1):
        if normalize:
            # genius.core.utility.EvaluatorInteger.getEvaluation(int)
            raw = slope * (x - lower) + offset
            out[str(x)] = min(1.0, max(0.0, raw))
        else:
            # negmas.preferences.value_fun.make_fun_from_xml -> AffineFun / LinearFun
            out[str(x)] = x * slope + offset
    return out


def _genius_normalized(evaluations: dict[str, float]) -> dict[str, float]:
    """``EvaluatorDiscrete.normalize``: divide by the issue's largest evaluation."""
    top = max(evaluations.values())
    if top < _GENIUS_ZERO_MAX:
        return dict.fromkeys(evaluations, 0.0)
    return {key: value / top for key, value in evaluations.items()}


def _read_utility(
    xml: _XmlFile, party_id: str, domain: list[_DomainIssue], domain_file: str, normalize: bool
) -> _Party:
    problems: list[Problem] = []
    by_name = {issue.name: issue for issue in domain}
    found: dict[str, ET.Element] = {}
    index_to_name: dict[int, str] = {}
    for position, element in enumerate(_issue_elements(xml.root), start=1):
        name = element.get("name")
        where = f"issue[@name={name!r}]" if name is not None else "issue"
        if name is None:
            problems.append(xml.problem(element, where, "issue has no `name` attribute"))
            continue
        if name not in by_name:
            known = ", ".join(repr(i.name) for i in domain)
            problems.append(xml.problem(
                element, where,
                f"issue {name!r} is not in the domain file {domain_file} (its issues: {known})"))
            continue
        if name in found:
            problems.append(xml.problem(element, where, f"issue {name!r} appears twice"))
            continue
        found[name] = element
        index_text = element.get("index")
        index = _parse_int(index_text) if index_text is not None else position
        if index is None:
            problems.append(xml.problem(
                element, where, f"issue index {index_text!r} is not a whole number"))
            continue
        if index in index_to_name:
            problems.append(xml.problem(
                element, where,
                f"issue index {index} is used by both {index_to_name[index]!r} and {name!r}"))
            continue
        index_to_name[index] = name
    for issue in domain:
        if issue.name not in found:
            problems.append(xml.problem(
                xml.root, "",
                f"issue {issue.name!r} of the domain file {domain_file} is missing from this "
                "utility file"))

    # Weights: <weight index=".." value=".."/> refers to the issue with that index.
    weights: dict[str, float] = {}
    for element in xml.root.iter("weight"):
        index_text, value_text = element.get("index"), element.get("value")
        index, weight = _parse_int(index_text), _parse_float(value_text)
        where = f"weight[@index={index_text!r}]"
        if index is None:
            problems.append(xml.problem(
                element, where, f"weight index {index_text!r} is not a whole number"))
            continue
        if index not in index_to_name:
            known = ", ".join(f"{i} ({n!r})" for i, n in sorted(index_to_name.items()))
            problems.append(xml.problem(
                element, where,
                f"weight index {index} matches no issue in this file (issue indices: {known})"))
            continue
        name = index_to_name[index]
        if weight is None:
            problems.append(xml.problem(
                element, where, f"weight of issue {name!r} is not a finite number: {value_text!r}"))
            continue
        if weight < 0:
            problems.append(xml.problem(
                element, where, f"weight of issue {name!r} is negative ({weight})"))
            continue
        if name in weights:
            problems.append(xml.problem(element, where, f"issue {name!r} has two weights"))
            continue
        weights[name] = weight
    for name in found:
        if name not in weights and name in index_to_name.values():
            problems.append(xml.problem(found[name], f"issue[@name={name!r}]",
                                        f"issue {name!r} has no `<weight>`"))

    values: dict[str, dict[str, float]] = {}
    for name, element in found.items():
        issue = by_name[name]
        where = f"issue[@name={name!r}]"
        items = [child for child in element if child.tag == "item"]
        if items:
            table: dict[str, float] = {}
            for item in items:
                value = item.get("value")
                item_where = f"{where}/item[@value={value!r}]"
                if value is None:
                    problems.append(xml.problem(item, f"{where}/item",
                                                "item has no `value` attribute"))
                    continue
                if value not in issue.values:
                    problems.append(xml.problem(
                        item, item_where,
                        f"unknown value {value!r} for issue {name!r}: the domain file "
                        f"{domain_file} lists {', '.join(repr(v) for v in issue.values)}"))
                    continue
                evaluation_text = item.get("evaluation")
                evaluation = _parse_float(evaluation_text)
                if evaluation is None:
                    problems.append(xml.problem(
                        item, item_where,
                        f"`evaluation` must be a finite number (found {evaluation_text!r})"))
                    continue
                if value in table:
                    problems.append(xml.problem(
                        item, item_where, f"value {value!r} is evaluated twice"))
                    continue
                table[value] = evaluation
            missing = [v for v in issue.values if v not in table]
            if missing:
                problems.append(xml.problem(
                    element, where,
                    f"no evaluation for {', '.join(repr(v) for v in missing)} of issue {name!r}"))
                continue
            ordered = {o: table[v] for v, o in zip(issue.values, issue.option_ids, strict=True)}
            values[issue.id] = _genius_normalized(ordered) if normalize else ordered
        elif issue.kind == "integer":
            linear = _linear_evaluator(xml, element, where, problems)
            if linear is None:
                continue
            assert issue.lower is not None
            # GENIUS measures x from the lower bound given in the utility file itself.
            own_lower = _parse_int(_integer_bounds(element)[0])
            lower = own_lower if own_lower is not None else issue.lower
            values[issue.id] = _integer_values(issue, *linear, lower, normalize)
        else:
            problems.append(xml.problem(element, where, f"issue {name!r} has no `item` values"))

    reservation = 0.0
    for element in xml.root.iter("reservation"):
        found_rv = _parse_float(element.get("value"))
        if found_rv is None:
            problems.append(xml.problem(
                element, "reservation",
                f"reservation value must be a finite number (found {element.get('value')!r})"))
        else:
            reservation = found_rv
        break
    discount: float | None = None
    for element in xml.root.iter("discount_factor"):
        discount = _parse_float(element.get("value"))
        break

    if problems:
        raise ScenarioError(problems)
    return _Party(
        id=party_id,
        file=xml.name,
        weights={by_name[name].id: weights[name] for name in (i.name for i in domain)},
        values={issue.id: values[issue.id] for issue in domain},
        reservation=reservation,
        discount=discount,
    )


# --------------------------------------------------------------------------- directory


def _has_evaluations(root: ET.Element) -> bool:
    if any(True for _ in root.iter("weight")) or any(True for _ in root.iter("evaluator")):
        return True
    return any(item.get("evaluation") is not None for item in root.iter("item"))


def _split_files(folder: Path, files: list[_XmlFile]) -> tuple[_XmlFile, list[_XmlFile]]:
    """Find the domain file and the utility files among the parsed XML files."""
    problems: list[Problem] = []
    templates = [f for f in files if f.root.tag == _DOMAIN_ROOT]
    spaces = [f for f in files if f.root.tag == _UTILITY_ROOT]
    for f in files:
        if f.root.tag not in (_DOMAIN_ROOT, _UTILITY_ROOT):
            problems.append(f.problem(
                f.root, "",
                f"root element <{f.root.tag}> is neither <{_DOMAIN_ROOT}> (a domain file) nor "
                f"<{_UTILITY_ROOT}> (a utility file)"))
    if problems:
        raise ScenarioError(problems)
    if len(templates) > 1:
        names = ", ".join(f.name for f in templates)
        raise ScenarioError([Problem(
            str(folder), None, None, "",
            f"more than one domain file (<{_DOMAIN_ROOT}>): {names}")])
    if templates:
        domain = templates[0]
    else:
        bare = [f for f in spaces if not _has_evaluations(f.root)]
        if len(bare) != 1:
            detail = (
                "every XML file has evaluations" if not bare
                else "several XML files have no evaluations: " + ", ".join(f.name for f in bare)
            )
            raise ScenarioError([Problem(
                str(folder), None, None, "",
                f"missing domain file: no <{_DOMAIN_ROOT}> XML file, and {detail}")])
        domain = bare[0]
    utilities = [f for f in spaces if f is not domain]
    if not utilities:
        raise ScenarioError([Problem(
            str(folder), None, None, "",
            f"no utility files: only the domain file {domain.name} was found; each party needs "
            f"an XML file with root <{_UTILITY_ROOT}>")])
    return domain, utilities


def _discount_note(party: _Party) -> str:
    if party.discount is None:
        return "no discount factor"
    return (
        f"discount factor {party.discount:g}, ignored "
        "(parley preferences do not change over time)"
    )


def read_genius_dir(path: str | Path, *, normalize: bool = True) -> dict[str, Any]:
    """Read a GENIUS / ANAC domain directory into a parley scenario document.

    Parameters
    ----------
    path:
        Directory holding one domain file (root ``negotiation_template``, or the only
        XML file without evaluations) and one utility file (root ``utility_space``) per
        party.
    normalize:
        ``True`` (default) values options as GENIUS does: each discrete issue's
        evaluations divided by that issue's largest evaluation, integer issues by
        ``clip(offset + slope * (x - lowerbound), 0, 1)``. ``False`` keeps the raw XML
        numbers as ``negmas.inout.Scenario.load`` does (integer issues:
        ``offset + slope * x``).

    Returns
    -------
    dict
        A scenario document made of plain dicts, lists, strings and floats, in the
        structure of ``docs/scenario-format.md`` (``parley: 1``). Parties are the
        utility files in file-name order, with ids equal to the file names without
        extension; issue and option ids are the GENIUS names (surrounding spaces, which
        parley ids cannot have, are trimmed; the label keeps the original text).

    Raises
    ------
    ScenarioError
        When the directory or a file is missing, unreadable or malformed, or when the
        utility files disagree with the domain file. Each problem names its file and,
        where known, its line.
    """
    folder = Path(path)
    if not folder.exists():
        raise ScenarioError([Problem(str(folder), None, None, "", "directory not found")])
    if not folder.is_dir():
        raise ScenarioError([Problem(
            str(folder), None, None, "", "is not a directory (give the GENIUS domain folder)")])
    xml_paths = sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".xml"),
        key=lambda p: p.name,
    )
    if not xml_paths:
        raise ScenarioError([Problem(
            str(folder), None, None, "",
            "no XML files: expected a GENIUS domain file and one utility file per party")])

    files: list[_XmlFile] = []
    problems: list[Problem] = []
    for xml_path in xml_paths:
        try:
            files.append(_parse_xml(xml_path))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)

    domain_xml, utility_xmls = _split_files(folder, files)
    domain = _read_domain(domain_xml)

    parties: list[_Party] = []
    seen: set[str] = set()
    for xml in utility_xmls:
        party_id = xml.path.stem.strip()
        if not party_id or party_id in seen:
            problems.append(xml.problem(
                None, "", f"the file name gives an empty or duplicate party id {party_id!r}"))
            continue
        seen.add(party_id)
        try:
            parties.append(_read_utility(xml, party_id, domain, domain_xml.name, normalize))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)

    return _document(folder.name, domain_xml.name, domain, parties, normalize)


def _document(
    name: str, domain_file: str, domain: list[_DomainIssue], parties: list[_Party],
    normalize: bool,
) -> dict[str, Any]:
    source_id = f"genius_{name}"
    convention = (
        "each discrete issue's evaluations divided by that issue's largest evaluation and "
        "integer issues valued by clip(offset + slope*(x - lowerbound), 0, 1), as GENIUS does"
        if normalize else
        "raw XML evaluations, and integer issues valued by offset + slope*x, as "
        "negmas.inout.Scenario.load reads them"
    )
    files = ", ".join(p.file for p in parties)
    doc: dict[str, Any] = {
        "parley": 1,
        "id": name,
        "title": f"GENIUS domain {name}",
        "description": (
            f"Imported from the GENIUS / ANAC domain file {domain_file} and the utility files "
            f"{files}. Option values: {convention}. Discount factors are ignored."
        ),
        "sources": [{
            "id": source_id,
            "citation": (
                f"GENIUS / ANAC negotiation domain '{name}': domain file {domain_file}, "
                f"utility files {files}"
            ),
            "note": f"Imported by parley.interop.genius (normalize={normalize}).",
        }],
        "parties": [
            {
                "id": party.id,
                "name": party.id,
                "role": "party",
                "veto": True,
                "description": f"GENIUS utility file {party.file}; {_discount_note(party)}.",
            }
            for party in parties
        ],
        "issues": [_issue_entry(issue) for issue in domain],
        "preferences": {
            party.id: {
                "source": source_id,
                "weights": dict(party.weights),
                "values": {k: dict(v) for k, v in party.values.items()},
                "reservation": party.reservation,
            }
            for party in parties
        },
    }
    return doc


def _issue_entry(issue: _DomainIssue) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": issue.id, "name": issue.name}
    if issue.kind == "integer":
        entry["description"] = (
            f"GENIUS integer issue {issue.lower}..{issue.upper}, one option per whole number"
        )
    entry["options"] = [
        {"id": option, "label": value}
        for value, option in zip(issue.values, issue.option_ids, strict=True)
    ]
    return entry


# --------------------------------------------------------------------------- YAML writing

# Plain scalars that parley's YAML 1.2 reader (parley.scenario.yamlio) would not read back
# as text. PyYAML's own YAML 1.1 resolver already quotes most of them; these patterns make
# sure the written file means the same thing to both readers.
_YAML12_NOT_TEXT = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class _ScenarioDumper(yaml.SafeDumper):
    """Block-style YAML with indented lists and text that always reads back as text."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if value == "" or _YAML12_NOT_TEXT.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    if not math.isfinite(value):
        raise ValueError(f"cannot write the non-finite number {value!r} to a scenario")
    return dumper.represent_float(value)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """Short lists of scalars (or of lists of scalars) in flow style: ``[a, b]``."""
    flat = all(_scalar(v) or (isinstance(v, list) and all(_scalar(x) for x in v))
               for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value,
                                     flow_style=bool(value) and flat)


_ScenarioDumper.add_representer(str, _represent_str)
_ScenarioDumper.add_representer(float, _represent_float)
_ScenarioDumper.add_representer(list, _represent_list)


def write_scenario_yaml(doc: dict[str, Any], path: str | os.PathLike[str] | TextIO) -> None:
    """Write a scenario document as readable, block-style YAML.

    Keys keep their order in ``doc``, non-ASCII text is written as is, and every
    string (including ids with spaces, quotes, colons or number-like text) is quoted
    where needed so that ``yaml.safe_load`` and parley's own reader give back exactly
    ``doc``.

    Parameters
    ----------
    doc:
        The document: nested dicts and lists of strings, finite floats, ints, bools
        and ``None``.
    path:
        The file to write (UTF-8; an existing file is replaced atomically), or an open
        text stream to write to (for example ``sys.stdout``).

    Raises
    ------
    TypeError
        If ``doc`` holds a value that is not plain data (for example a numpy number).
    ValueError
        If ``doc`` holds a NaN or infinite number.
    """
    try:
        text = yaml.dump(
            doc,
            Dumper=_ScenarioDumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        )
    except yaml.representer.RepresenterError as exc:
        raise TypeError(f"the scenario document holds a value YAML cannot represent: {exc}") \
            from None
    if not isinstance(path, str | os.PathLike):
        path.write(text)
        return
    target = Path(path)
    temp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()

