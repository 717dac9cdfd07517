"""Who answers for a clock: the responsible staff member of its owner, and the department's heads.

Owners are named by `owner_type` (the calendar app does not know their models); each supervised
owner type has a resolver here. Cases answer with the clerk who received the case (acceptance,
pre-review clocks) or accepted it (promised, statutory clocks).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext as _

from zwfw.accounts.models import AccountKind, Role, User


@dataclass(frozen=True)
class Owner:
    responsible: User | None
    summary: str


def _case_owner(clock) -> Owner:
    case = (apps.get_model("cases", "Case").objects.select_related("received_by", "accepted_by")
            .filter(pk=clock.owner_id).first())
    if case is None:
        return Owner(None, _("办件 #%s") % clock.owner_id)
    person = case.received_by if clock.purpose == "acceptance" or clock.purpose.startswith("pre_review") else (
        case.accepted_by or case.received_by)
    if clock.purpose.startswith("step"):
        # A step's limit is answered for by whoever took the step; unclaimed, by the department's heads.
        step = apps.get_model("cases", "CaseStep").objects.select_related("assignee").filter(clock_id=clock.pk).first()
        person = step.assignee if step is not None else None
    if person is not None and person.kind != AccountKind.STAFF:
        person = None  # received online: the applicant submitted it, no clerk answers yet
    label = case.number or f"#{case.pk}"
    return Owner(person, _("办件 %(number)s（%(item)s）") % {"number": label, "item": case.item_name})


RESOLVERS = {"cases.case": _case_owner}


def owner_of(clock) -> Owner:
    resolver = RESOLVERS.get(clock.owner_type)
    if resolver is None:
        return Owner(None, f"{clock.owner_type}#{clock.owner_id}")
    return resolver(clock)


def department_heads(department) -> list[User]:
    if department is None:
        return []
    return list(User.objects.filter(department=department, is_active=True,
                                    role_grants__role=Role.DEPARTMENT_HEAD).distinct().order_by("pk"))


def supervision_office(region) -> list[User]:
    """The region's supervision office: the active supervisors of the region itself, else of the
    nearest region above it that has any (a town without its own office answers to the county's)."""
    if region is None:
        return []
    from zwfw.organizations.models import region_ancestor_codes

    chain = list(region_ancestor_codes(region.code))
    people = list(User.objects.filter(region__in=chain, is_active=True, role_grants__role=Role.SUPERVISOR)
                  .distinct().order_by("pk"))
    for code in chain:
        nearest = [p for p in people if p.region_id == code]
        if nearest:
            return nearest
    return []
