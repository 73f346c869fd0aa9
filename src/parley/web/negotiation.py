"""Negotiation runs in the web app: request options, their checks, the run and its chart.

A run plays one negotiation (``parley negotiate``) or, on request, a small tournament
(``parley tournament``) through the public API of :mod:`parley.negotiation`; the stored
document is exactly the one the CLI writes with ``--format json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from parley.errors import Problem
from parley.scenario.model import Scenario

#: Protocols a run may use (as ``parley negotiate --protocol``).
PROTOCOLS = ("sao", "mediated")
#: Tournament pairings (as ``parley tournament --pairing``).
PAIRINGS = ("all", "same", "focal")
#: The CLI's defaults (``parley negotiate``): strategy of parties not named, deadline, seed.
DEFAULT_STRATEGY = "linear"
DEFAULT_ROUNDS = 100
#: Web tournaments are small by default (the CLI plays 20 seeds of 6 strategies).
TOURNAMENT_STRATEGIES = ("linear_om", "boulware", "conceder")
TOURNAMENT_SEEDS = 3
TOURNAMENT_ROUNDS = 50
#: Most tournament runs (combinations x seeds) one web run may play.
MAX_TOURNAMENT_RUNS = 2_000


def strategy_names() -> list[str]:
    """Every registered strategy name, sorted."""
    from parley.negotiation import STRATEGIES

    return sorted(STRATEGIES)


def _problem(field: str, message: str) -> Problem:
    return Problem(None, None, None, field, message)


def _strategy_problem(field: str, spec: str) -> Problem | None:
    from parley.negotiation import UnknownStrategy, make_strategy

    try:
        make_strategy(spec)
    except UnknownStrategy as exc:
        return _problem(field, str(exc))
    return None


def check_negotiation(scenario: Scenario, options: Mapping[str, Any]) -> list[Problem]:
    """Problems of negotiation options against a scenario (empty when they are fine)."""
    problems: list[Problem] = []
    for party, spec in dict(options.get("strategies") or {}).items():
        if party not in scenario.parties:
            problems.append(_problem(f"negotiation.strategies.{party}",
                                     f"unknown party {party!r}; parties: "
                                     f"{', '.join(scenario.parties)}"))
            continue
        p = _strategy_problem(f"negotiation.strategies.{party}", str(spec))
        if p is not None:
            problems.append(p)
    p = _strategy_problem("negotiation.default", str(options.get("default", DEFAULT_STRATEGY)))
    if p is not None:
        problems.append(p)
    mediator = options.get("mediator")
    if mediator is not None and mediator not in scenario.parties:
        problems.append(_problem("negotiation.mediator", f"unknown party {mediator!r}; "
                                 f"parties: {', '.join(scenario.parties)}"))
    return problems


def tournament_size(n_parties: int, n_strategies: int, pairing: str) -> int:
    """How many combinations a pairing plays, counted without listing them (``all`` is
    ``S^P``, which no request may make the server enumerate)."""
    if pairing == "all":
        return int(n_strategies ** n_parties)
    if pairing == "same":
        return n_strategies
    return 1 + n_parties * (n_strategies - 1)


def check_tournament(scenario: Scenario, options: Mapping[str, Any]) -> list[Problem]:
    """Problems of tournament options against a scenario (empty when they are fine)."""
    names = list(options.get("strategies") or TOURNAMENT_STRATEGIES)
    problems = [p for k, name in enumerate(names)
                if (p := _strategy_problem(f"tournament.strategies.{k}", str(name)))]
    mediator = options.get("mediator")
    if mediator is not None and mediator not in scenario.parties:
        problems.append(_problem("tournament.mediator", f"unknown party {mediator!r}; "
                                 f"parties: {', '.join(scenario.parties)}"))
    if not problems:
        runs = tournament_size(scenario.n_parties, len(names), str(
            options.get("pairing", "focal"))) * int(options.get("seeds", TOURNAMENT_SEEDS))
        if runs > MAX_TOURNAMENT_RUNS:
            problems.append(_problem("tournament", (
                f"{runs:,} negotiations (combinations x seeds) is over the web limit of "
                f"{MAX_TOURNAMENT_RUNS:,}; use fewer strategies or seeds, another pairing, "
                "or `parley tournament`")))
    return problems


def _space(scenario: Scenario) -> Any:
    from parley.errors import ScenarioError
    from parley.negotiation import build_space

    try:
        return build_space(scenario)
    except ValueError as exc:
        raise ScenarioError([_problem("negotiation",
                                      f"cannot negotiate over this scenario: {exc}")]) from None


def run_negotiation(scenario: Scenario, options: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON document of ``parley negotiate --format json`` with these options
    (protocol, strategies, default, rounds, seed, target, mediator, bias)."""
    from parley.negotiation import run_sao
    from parley.negotiation.mediated import run_mediated

    strategies = {str(k): str(v) for k, v in dict(options.get("strategies") or {}).items()}
    default = str(options.get("default", DEFAULT_STRATEGY))
    rounds = int(options.get("rounds", DEFAULT_ROUNDS))
    seed = int(options.get("seed", 0))
    space = _space(scenario)
    if options.get("protocol", "sao") == "mediated":
        mediator = options.get("mediator")
        bias = float(options.get("bias", 0.5))
        result = run_mediated(space, strategies, rounds=rounds, seed=seed, default=default,
                              target=str(options.get("target", "nash")), mediator=mediator,
                              bias=bias if mediator else 0.0)
    else:
        result = run_sao(space, strategies, rounds=rounds, seed=seed, default=default)
    doc = result.to_dict()
    doc["settings"]["moving_reservation"] = False  # as the CLI without --moving-reservation
    return doc


def run_tournament_doc(scenario: Scenario, options: Mapping[str, Any],
                       progress: Any = None) -> dict[str, Any]:
    """The JSON document of ``parley tournament --format json`` (one worker: the run stays
    in the server's job thread); ``progress(fraction)`` after each batch of negotiations."""
    from parley.negotiation.tournament import combinations, run_tournament

    names = [str(s) for s in (options.get("strategies") or TOURNAMENT_STRATEGIES)]
    pairing = str(options.get("pairing", "focal"))
    seeds = int(options.get("seeds", TOURNAMENT_SEEDS))
    total = len(combinations(scenario.n_parties, names, pairing)) * seeds
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        if progress is not None and total:
            progress(done[0] / total)

    mediator = options.get("mediator")
    bias = float(options.get("bias", 0.5))
    result = run_tournament(scenario, names, seeds=seeds, seed=int(options.get("seed", 0)),
                            rounds=int(options.get("rounds", TOURNAMENT_ROUNDS)),
                            pairing=pairing, protocol=str(options.get("protocol", "sao")),
                            mediator=mediator, bias=bias if mediator else 0.0, workers=1,
                            space=_space(scenario), progress=step)
    return result.to_dict()


# -- the chart ---------------------------------------------------------------------------

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
#: Elements matplotlib's SVG backend writes; anything else is dropped.
_SVG_TAGS = frozenset({"svg", "g", "defs", "path", "use", "clipPath", "rect", "style",
                       "text", "tspan", "title", "desc", "line", "polyline", "polygon",
                       "circle", "ellipse", "symbol", "linearGradient", "radialGradient",
                       "stop", "pattern", "mask"})


def sanitize_svg(text: str) -> str:
    """An SVG document reduced to drawing elements, safe to inline in a page.

    The text is parsed as XML (so stray markup cannot survive as markup), comments and
    metadata are dropped, and only the drawing elements in ``_SVG_TAGS`` are kept, without
    event-handler attributes and with links only to fragments of the same document.
    """
    import xml.etree.ElementTree as ET

    if "<!ENTITY" in text:  # matplotlib never writes entity declarations
        raise ValueError("SVG with entity declarations refused")
    from parley.charts.style import XML_PROLOG

    root = ET.fromstring(XML_PROLOG.sub("", text))

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    def clean(el: ET.Element) -> None:
        for child in list(el):
            if not isinstance(child.tag, str) or local(child.tag) not in _SVG_TAGS \
                    or not child.tag.startswith("{" + _SVG_NS + "}"):
                el.remove(child)
                continue
            clean(child)
        for name in list(el.attrib):
            value = el.attrib[name]
            bare = local(name).lower()
            if bare.startswith("on") or (bare == "href" and not value.startswith("#")) \
                    or "javascript:" in value.lower():
                del el.attrib[name]

    if local(root.tag) != "svg":
        raise ValueError("not an SVG document")
    clean(root)
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", _XLINK_NS)
    return ET.tostring(root, encoding="unicode")


def _svg(draw: Any, doc: Mapping[str, Any]) -> str:
    from parley.charts.style import svg_text

    return sanitize_svg(svg_text(draw(doc)))


def negotiation_svg(doc: Mapping[str, Any]) -> str:
    """The negotiation chart (:func:`parley.charts.negotiation.draw_negotiation`) of a
    run's document as sanitised inline SVG."""
    from parley.charts.negotiation import draw_negotiation

    return _svg(draw_negotiation, doc)
