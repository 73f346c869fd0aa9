"""Read YAML into plain Python data while remembering where every node came from.

PyYAML's ``compose`` gives a node tree with source marks; we walk it ourselves so
that (a) every value's line and column can be attached to validation errors,
(b) duplicate mapping keys are reported instead of silently overwritten, and
(c) plain scalars are resolved with the YAML 1.2 core schema, so option ids such as
``no``, ``yes``, ``on`` or ``off`` stay strings (YAML 1.1 would turn them into booleans).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from parley.errors import Problem, ScenarioError

PathKey = tuple[str | int, ...]

#: Largest scenario file accepted unless ``PARLEY_MAX_FILE_BYTES`` says otherwise.
DEFAULT_MAX_FILE_BYTES = 5_000_000
#: Largest number of nodes after alias expansion (guards against "billion laughs").
MAX_NODES = 2_000_000

_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_OCT_RE = re.compile(r"^0o[0-7]+$")
_HEX_RE = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF_RE = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN_RE = re.compile(r"^\.(nan|NaN|NAN)$")


@dataclass
class Located:
    """A loaded document and the 1-based (line, column) of each node, keyed by path."""

    data: Any
    file: str | None
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: PathKey) -> tuple[int | None, int | None]:
        """Position of ``path`` or of its nearest ancestor that has one."""
        p = tuple(path)
        while True:
            if p in self.marks:
                return self.marks[p]
            if not p:
                return (None, None)
            p = p[:-1]

    def problem(self, path: PathKey, message: str) -> Problem:
        """Build a :class:`Problem` located at ``path``."""
        line, col = self.where(path)
        return Problem(self.file, line, col, format_path(path), message)


def format_path(path: PathKey) -> str:
    """Render a path as ``a.b[2].c``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar with the YAML 1.2 core schema."""
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT_RE.match(value):
        return int(value)
    if _OCT_RE.match(value):
        return int(value[2:], 8)
    if _HEX_RE.match(value):
        return int(value[2:], 16)
    if _FLOAT_RE.match(value):
        return float(value)
    if _INF_RE.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN_RE.match(value):
        return math.nan
    return value


class _Walker:
    def __init__(self, file: str | None) -> None:
        self.file = file
        self.marks: dict[PathKey, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def walk(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.marks.setdefault(path, self._mark(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("'", '"', "|", ">"):
                return node.value
            return _resolve_plain(node.value)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            out: dict[Hashable, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    line, col = self._mark(key_node)
                    self.problems.append(
                        Problem(self.file, line, col, format_path(path),
                                "mapping keys must be plain names, not lists or mappings")
                    )
                    continue
                key = key_node.value
                if key in out:
                    line, col = self._mark(key_node)
                    self.problems.append(
                        Problem(self.file, line, col, format_path((*path, key)),
                                f"duplicate key {key!r} (the earlier value would be lost)")
                    )
                    continue
                if isinstance(value_node, yaml.CollectionNode) and not value_node.flow_style:
                    # a block collection starts on the line after its key: locate it at the key
                    self.marks.setdefault((*path, key), self._mark(key_node))
                out[key] = self.walk(value_node, (*path, key))
            return out
        return None  # pragma: no cover - PyYAML has no other node kinds


class _TooLarge(Exception):
    pass


def _expanded_size(root: yaml.Node) -> int:
    """Nodes the walk would visit after alias expansion, capped at ``MAX_NODES + 1``.

    Aliases share their node object, so sizes are memoised by identity and a
    "billion laughs" document is measured without being expanded. Returns -1 when an
    alias refers to a collection that contains it.
    """
    def children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            return [v for k, v in node.value if isinstance(k, yaml.ScalarNode)]
        return []

    size: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            size[key] = min(MAX_NODES + 1, 1 + sum(size[id(c)] for c in children(node)))
        elif key not in size:
            if key in active:
                return -1
            active.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in children(node) if id(c) not in size)
    return size[id(root)]


class _PlainLoader(yaml.SafeLoader):
    """A loader that leaves plain scalars untyped; :func:`_resolve_plain` types them."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


def max_file_bytes() -> int:
    """The file-size limit in bytes (``PARLEY_MAX_FILE_BYTES`` overrides the default)."""
    raw = os.environ.get("PARLEY_MAX_FILE_BYTES")
    if raw:
        try:
            return max(1, int(raw))
        except ValueError:
            pass
    return DEFAULT_MAX_FILE_BYTES


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning every failure into a :class:`ScenarioError`."""
    name = str(path)
    try:
        if path.is_dir():
            raise ScenarioError([Problem(name, None, None, "", "is a directory, not a file")])
        size = path.stat().st_size
    except FileNotFoundError:
        raise ScenarioError([Problem(name, None, None, "", "file not found")]) from None
    except OSError as exc:
        raise ScenarioError([Problem(name, None, None, "", f"cannot read: {exc.strerror}")]) \
            from None
    limit = max_file_bytes()
    if size > limit:
        raise ScenarioError([Problem(
            name, None, None, "",
            f"file is {size:,} bytes, over the {limit:,}-byte limit "
            "(set PARLEY_MAX_FILE_BYTES to raise it)")])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(name, None, None, "", f"cannot read: {exc.strerror}")]) \
            from None
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ScenarioError([Problem(
            name, 1, None, "", "the file is UTF-16 encoded; save it as UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioError([Problem(
            name, line, None, "",
            f"not valid UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8")]) from None


def load_yaml_text(text: str, file: str | None = None) -> Located:
    """Parse YAML text into a :class:`Located` document.

    Raises
    ------
    ScenarioError
        On empty input, syntax errors, duplicate keys or oversized documents.
    """
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise ScenarioError([Problem(file, None, None, "", "the file is empty")])
    try:
        node = yaml.compose(text, Loader=_PlainLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        what = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise ScenarioError([Problem(file, line, col, "", f"YAML syntax error: {what}{context}")]) \
            from None
    except yaml.reader.ReaderError as exc:
        pos = max(0, min(exc.position, len(text)))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise ScenarioError([Problem(
            file, line, col, "",
            f"the file contains the control character {char}, which YAML does not allow "
            "(is it a text file?)")]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(file, None, None, "", f"YAML error: {exc}")]) from None
    except RecursionError:
        raise ScenarioError([Problem(file, None, None, "", "document is nested too deeply")]) \
            from None
    if node is None:
        raise ScenarioError([Problem(file, None, None, "", "the file is empty")])
    expanded = _expanded_size(node)
    if expanded < 0:
        raise ScenarioError([Problem(
            file, None, None, "",
            "a YAML alias refers to a collection that contains it (recursive aliases are "
            "not allowed)")])
    if expanded > MAX_NODES:
        raise ScenarioError([Problem(
            file, None, None, "",
            f"document expands to more than {MAX_NODES:,} nodes (check YAML aliases)")])
    walker = _Walker(file)
    try:
        data = walker.walk(node, ())
    except _TooLarge:
        raise ScenarioError([Problem(
            file, None, None, "",
            f"document expands to more than {MAX_NODES:,} nodes (check YAML aliases)")]) from None
    except RecursionError:
        raise ScenarioError([Problem(file, None, None, "", "document is nested too deeply")]) \
            from None
    if walker.problems:
        raise ScenarioError(walker.problems)
    return Located(data, file, walker.marks)


def load_yaml_file(path: str | Path) -> Located:
    """Read and parse a YAML file (size limit, UTF-8 check, locations)."""
    p = Path(path)
    return load_yaml_text(read_text(p), str(p))
