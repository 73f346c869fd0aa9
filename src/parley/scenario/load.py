"""Load scenarios from YAML files, GENIUS directories or plain dictionaries."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from parley.errors import Problem, ScenarioError
from parley.scenario import schema
from parley.scenario.build import build_scenario
from parley.scenario.model import Scenario
from parley.scenario.schema import ScenarioDoc
from parley.scenario.yamlio import Located, PathKey, load_yaml_file


def _all_field_names() -> list[str]:
    names: set[str] = set()
    for obj in vars(schema).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            for name, info in obj.model_fields.items():
                names.add(info.alias or name)
    return sorted(names - {"bare"})


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[PathKey, list[Any]]:
    """Split a pydantic ``loc`` into the part that exists in ``data`` and the rest.

    Union and validator tags that pydantic inserts (they are not keys of the data)
    are dropped along the way.
    """
    path: list[str | int] = []
    rest: list[Any] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            path.append(part)
            node = node[part]
        else:
            rest.append(part)
    return tuple(path), rest


def _message(err: Any, rest: list[Any]) -> str:
    kind = err["type"]
    msg = str(err["msg"])
    name = next((r for r in reversed(rest) if isinstance(r, str) and "[" not in r), None)
    if kind == "missing" and name:
        return f"missing required field `{name}`"
    if kind == "extra_forbidden":
        field = str(err["loc"][-1])
        hint = difflib.get_close_matches(field, _all_field_names(), n=1)
        extra = f" (did you mean `{hint[0]}`?)" if hint else ""
        return f"unknown field `{field}`{extra}"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a mapping (key: value pairs)"
    if kind == "list_type":
        return "must be a list"
    if kind == "literal_error":
        return msg.replace("Input should be", "must be")
    if kind == "too_short":
        return "must not be empty"
    return msg[0].lower() + msg[1:] if msg else kind


def parse_document(located: Located, model: type[BaseModel] = ScenarioDoc) -> Any:
    """Validate the document's shape with the pydantic schema (``model``, by default a scenario).

    Raises
    ------
    ScenarioError
        Listing every schema violation with its location.
    """
    data = located.data
    if not isinstance(data, dict):
        line, col = located.where(())
        raise ScenarioError([Problem(located.file, line or 1, col or 1, "",
                                     "a scenario must be a YAML mapping (key: value pairs) "
                                     "at the top level")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems: list[Problem] = []
        seen: set[tuple[str, str]] = set()
        for err in exc.errors():
            path, rest = _data_path(data, tuple(err["loc"]))
            if err["type"] == "extra_forbidden":
                path = tuple(err["loc"])  # the unknown key itself exists in the data
                path, _ = _data_path(data, path)
            problem = located.problem(path, _message(err, rest))
            key = (problem.path, problem.message)
            if key not in seen:
                seen.add(key)
                problems.append(problem)
        raise ScenarioError(problems) from None


def _prune(data: dict[str, Any], problems: list[Problem]) -> tuple[dict[str, Any], set[str]]:
    """Drop the list items / mapping entries (two levels deep) that failed the schema.

    Returns the pruned document and the ids of what was dropped, so that follow-on
    reference errors about those ids can be suppressed.
    """
    import copy

    pruned = copy.deepcopy(data)
    dropped: set[str] = set()
    targets: dict[str, set[Any]] = {}
    for problem in problems:
        parts = _split_path(problem.path)
        if len(parts) >= 2 and isinstance(pruned.get(str(parts[0])), list | dict):
            targets.setdefault(str(parts[0]), set()).add(parts[1])
    for section, keys in targets.items():
        container = pruned[section]
        if isinstance(container, list):
            for k in keys:
                if isinstance(k, int) and 0 <= k < len(container) and isinstance(
                        container[k], dict) and "id" in container[k]:
                    dropped.add(str(container[k]["id"]))
            pruned[section] = [x for i, x in enumerate(container) if i not in keys]
        else:
            for k in keys:
                if k in container:
                    dropped.add(str(k))
                    del container[k]
    return pruned, dropped


def _split_path(path: str) -> list[str | int]:
    out: list[str | int] = []
    for piece in path.replace("[", ".[").split("."):
        if not piece:
            continue
        if piece.startswith("[") and piece.endswith("]") and piece[1:-1].isdigit():
            out.append(int(piece[1:-1]))
        else:
            out.append(piece)
    return out


def scenario_from_located(located: Located) -> Scenario:
    """Schema-check and build a scenario from a located document.

    When the schema check fails, the failing entries are set aside and the rest is
    still checked for cross-reference and feasibility problems, so that one run
    reports as much as possible.
    """
    try:
        doc = parse_document(located)
    except ScenarioError as err:
        problems = list(err.problems)
        if isinstance(located.data, dict):
            pruned, dropped = _prune(located.data, problems)
            try:
                build_scenario(ScenarioDoc.model_validate(pruned),
                               Located(pruned, located.file, located.marks))
            except ScenarioError as more:
                quoted = {f"'{d}'" for d in dropped}
                problems += [p for p in more.problems
                             if not (p.message.startswith(("missing preferences", "unknown"))
                                     and any(q in p.message for q in quoted))
                             and p not in problems]
            except (ValidationError, ValueError):
                pass
        raise ScenarioError(_ordered(problems)) from None
    try:
        return build_scenario(doc, located)
    except ScenarioError as err:
        raise ScenarioError(_ordered(err.problems)) from None


def _ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0, p.column or 0))


def scenario_from_dict(doc: dict[str, Any], file: str | None = None) -> Scenario:
    """Build a scenario from an in-memory document (same structure as the YAML file)."""
    return scenario_from_located(Located(doc, file))


def load_scenario(path: str | Path | None = None) -> Scenario:
    """Load a scenario.

    Parameters
    ----------
    path:
        A YAML scenario file, a GENIUS domain directory, or ``None`` for the bundled
        default Russia–Ukraine scenario.

    Raises
    ------
    ScenarioError
        With every problem found, each naming file, line, column and field.
    """
    if path is None:
        return load_default()
    p = Path(path)
    if p.is_dir():
        from parley.interop.genius import read_genius_dir

        return scenario_from_dict(read_genius_dir(p), str(p))
    return scenario_from_located(load_yaml_file(p))


def default_scenario_path() -> Path:
    """Where the bundled default scenario file lives."""
    return Path(__file__).resolve().parent.parent / "data" / "default_scenario.yaml"


def load_default() -> Scenario:
    """The bundled default scenario (a US-brokered Russia–Ukraine settlement)."""
    return scenario_from_located(load_yaml_file(default_scenario_path()))
