"""Reading and writing scenarios and their versions, with the access rules.

Rules: anyone may read a public scenario; a private one is visible only to its owner
and to admins (others get "not found", so its existence is not revealed). Only the
owner or an admin may save a new version or change visibility. Each save validates the
text first and then inserts exactly one version row in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parley.scenario.model import Scenario
from parley.web.auth import Principal
from parley.web.db import ScenarioRow, ScenarioVersion, User, utcnow
from parley.web.validation import ScenarioCache, content_hash


class NotFound(Exception):
    """No such scenario or version, or the caller may not see it."""


class Forbidden(Exception):
    """The caller may see the scenario but not change it."""


class Conflict(Exception):
    """The scenario changed since the version the caller edited."""

    def __init__(self, latest: int) -> None:
        self.latest = latest
        super().__init__(f"the scenario is at version {latest}; reload and edit that version")


@dataclass(frozen=True)
class Saved:
    """A scenario row with the version just saved."""

    scenario: ScenarioRow
    version: ScenarioVersion


def can_read(row: ScenarioRow, who: Principal | None) -> bool:
    """Public, or the caller owns it, or the caller is an admin."""
    return row.is_public or (who is not None and (who.is_admin or who.id == row.owner_id))


def can_write(row: ScenarioRow, who: Principal | None) -> bool:
    """The owner or an admin."""
    return who is not None and (who.is_admin or who.id == row.owner_id)


def get_readable(db: Session, scenario_id: int, who: Principal | None) -> ScenarioRow:
    """The scenario if the caller may read it, else NotFound."""
    row = db.get(ScenarioRow, scenario_id)
    if row is None or not can_read(row, who):
        raise NotFound(f"no scenario {scenario_id}")
    return row


def get_writable(db: Session, scenario_id: int, who: Principal | None) -> ScenarioRow:
    """The scenario if the caller may change it; NotFound or Forbidden otherwise."""
    row = get_readable(db, scenario_id, who)
    if not can_write(row, who):
        raise Forbidden("only the owner or an admin may change this scenario")
    return row


def list_readable(db: Session, who: Principal | None) -> list[ScenarioRow]:
    """Scenarios the caller may read, newest change first."""
    query = select(ScenarioRow)
    if who is None:
        query = query.where(ScenarioRow.is_public.is_(True))
    elif not who.is_admin:
        query = query.where(ScenarioRow.is_public.is_(True) | (ScenarioRow.owner_id == who.id))
    return list(db.scalars(query.order_by(ScenarioRow.updated_at.desc(), ScenarioRow.id.desc())))


def get_version(db: Session, row: ScenarioRow, number: int | None = None) -> ScenarioVersion:
    """Version ``number`` of the scenario (default: the newest)."""
    n = row.latest_version if number is None else number
    version = db.scalar(select(ScenarioVersion).where(ScenarioVersion.scenario_id == row.id,
                                                      ScenarioVersion.number == n))
    if version is None:
        raise NotFound(f"scenario {row.id} has no version {n}")
    return version


def list_versions(db: Session, row: ScenarioRow) -> list[ScenarioVersion]:
    """Every version, newest first."""
    return list(db.scalars(select(ScenarioVersion).where(
        ScenarioVersion.scenario_id == row.id).order_by(ScenarioVersion.number.desc())))


def _title(scenario: Scenario) -> str:
    return (scenario.doc.title or scenario.id)[:500]


def create_scenario(db: Session, cache: ScenarioCache, who: Principal, text: str, *,
                    message: str = "", public: bool = True) -> Saved:
    """Validate ``text`` (ScenarioError if bad) and store it as version 1 of a new scenario."""
    scenario = cache.get(text)
    now = utcnow()
    row = ScenarioRow(owner_id=who.id, title=_title(scenario), is_public=public,
                      latest_version=1, created_at=now, updated_at=now)
    db.add(row)
    db.flush()
    version = ScenarioVersion(scenario_id=row.id, number=1, yaml_text=text,
                              content_hash=content_hash(text), author_id=who.id,
                              message=message[:1000] or "created", created_at=now)
    db.add(version)
    db.commit()
    return Saved(row, version)


def save_version(db: Session, cache: ScenarioCache, who: Principal, scenario_id: int,
                 text: str, *, message: str = "", base_version: int | None = None) -> Saved:
    """Validate ``text`` and append it as the scenario's next version.

    ``base_version`` is the version the edit started from; if the scenario has moved on
    since, :class:`Conflict` is raised instead of silently overwriting someone's save.
    A concurrent save of the same number loses on the unique (scenario, number) key and
    gets a Conflict too. Nothing is written unless the whole save succeeds.
    """
    row = get_writable(db, scenario_id, who)
    if base_version is not None and base_version != row.latest_version:
        raise Conflict(row.latest_version)
    scenario = cache.get(text)  # validation before any insert
    now = utcnow()
    number = row.latest_version + 1
    version = ScenarioVersion(scenario_id=row.id, number=number, yaml_text=text,
                              content_hash=content_hash(text), author_id=who.id,
                              message=message[:1000], created_at=now)
    moved = False
    try:
        db.add(version)
        db.flush()
        updated = db.execute(
            update(ScenarioRow)
            .where(ScenarioRow.id == row.id, ScenarioRow.latest_version == number - 1)
            .values(latest_version=number, title=_title(scenario), updated_at=now)
            .execution_options(synchronize_session=False))
        moved = getattr(updated, "rowcount", 1) == 1
    except IntegrityError:  # another save took this version number first
        moved = False
    if not moved:
        db.rollback()
        db.refresh(row)
        raise Conflict(row.latest_version)
    db.commit()
    db.refresh(row)
    return Saved(row, version)


def duplicate(db: Session, cache: ScenarioCache, who: Principal, scenario_id: int,
              number: int | None = None) -> Saved:
    """Copy a readable scenario's version (default newest) into a new scenario of the caller."""
    row = get_readable(db, scenario_id, who)
    source = get_version(db, row, number)
    return create_scenario(db, cache, who, source.yaml_text,
                           message=f"duplicated from scenario {row.id} version {source.number}",
                           public=row.is_public)


def set_visibility(db: Session, who: Principal, scenario_id: int, public: bool) -> ScenarioRow:
    """Make a scenario public or private."""
    row = get_writable(db, scenario_id, who)
    row.is_public = public
    db.commit()
    return row


def user_names(db: Session, ids: set[int]) -> dict[int, str]:
    """Names of the given user ids."""
    if not ids:
        return {}
    rows = db.execute(select(User.id, User.name).where(User.id.in_(ids)))
    return {int(uid): str(name) for uid, name in rows}


def count_users(db: Session) -> int:
    """How many accounts exist."""
    return int(db.scalar(select(func.count()).select_from(User)) or 0)
