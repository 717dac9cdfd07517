"""The process of an item whose version lists no steps of its own: a default by item type, read
from data (sources/steps/default_steps.json, each type with its legal source), never from code.

`version_steps(version)` is what the cases context uses when it opens a case's steps: the
version's own steps if it has any, else the default of its type with the promised limit split
as the data says (fixed `working_days`, and the one step marked `rest` taking what is left).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .models import ItemVersion

DEFAULT_STEPS_PATH = Path(__file__).resolve().parent / "sources" / "steps" / "default_steps.json"
ANY_TYPE = "*"


@dataclass(frozen=True)
class StepPlan:
    """One step as a case takes it over (the fields a case step copies)."""

    position: int
    name: str
    kind: str
    performer_role: str
    working_days: int
    joint_department_id: int | None = None
    description: str = ""
    basis: str = ""


@cache
def _data() -> dict:
    return json.loads(DEFAULT_STEPS_PATH.read_text(encoding="utf-8"))


def default_steps(item_type: str, promised_limit: int | None) -> list[StepPlan]:
    """The default process of `item_type`, its steps' days fitted into `promised_limit`."""
    entry = _data()["types"].get(item_type) or _data()["types"][ANY_TYPE]
    budget = promised_limit or 0
    fixed = 0
    plans = []
    for i, row in enumerate(entry["steps"]):
        days = 0 if row.get("rest") else min(int(row.get("working_days", 0)), max(budget - fixed, 0))
        fixed += days
        plans.append([i, row, days])
    for plan in plans:
        if plan[1].get("rest"):
            plan[2] = max(budget - fixed, 0)
    return [StepPlan(position=i, name=row["name"], kind=row["kind"], performer_role=row["performer_role"],
                     working_days=days, basis=entry["basis"]) for i, row, days in plans]


def role_for_kind(kind: str) -> str:
    """The role whose queue a step of `kind` lands in when the catalog names none."""
    roles = _data()["roles_by_kind"]
    return roles.get(kind) or roles["other"]


def version_steps(version: ItemVersion) -> list[StepPlan]:
    """The steps a case of `version` follows: its own, or the default of its type."""
    own = list(version.steps.all().order_by("position", "id"))
    if not own:
        return default_steps(version.item_type, version.promised_limit)
    return [StepPlan(position=i, name=s.name, kind=s.kind, performer_role=s.performer_role or role_for_kind(s.kind),
                     working_days=s.working_days, joint_department_id=s.joint_department_id if s.joint else None,
                     description=s.description) for i, s in enumerate(own)]
