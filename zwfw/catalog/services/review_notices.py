"""Who hears of a review action: the reviewers of the step a version now waits at; its editor when
it is returned. Called inside the review services' transactions; `notify` queues through the
outbox, so a refused or rolled-back action tells nobody."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from zwfw.accounts.models import User
from zwfw.notifications.services import notify

from ..models import ItemVersion
from .permissions import ChainStep


def step_reviewers(version: ItemVersion, step: ChainStep):
    """Active accounts that may review `step` of `version` (the same rule as can_review_step:
    the step's department, else a scope covering the item's region), minus its drafter."""
    users = User.objects.filter(is_active=True, role_grants__role=step.role)
    if step.department_id is not None:
        users = users.filter(department_id=step.department_id)
    else:
        codes = version.item.region.ancestor_codes()
        users = users.filter(Q(region_id__in=codes) | Q(region__isnull=True, department__region_id__in=codes))
    if version.created_by_id is not None:
        users = users.exclude(pk=version.created_by_id)
    return users.distinct().order_by("pk")


def _context(version: ItemVersion, step: ChainStep, **extra) -> dict:
    return {"item_name": version.name, "version_number": version.number, "step": str(step.label), **extra}


def notify_review_requested(*, actor, version: ItemVersion, step: ChainStep, now) -> None:
    link = reverse("workbench:catalog_review", args=[version.pk])
    context = _context(version, step, editor=str(actor), link=link)
    for reviewer in step_reviewers(version, step):
        notify(recipient=reviewer, template="catalog.review_requested", context=context, now=now)


def notify_returned(*, version: ItemVersion, step: ChainStep, comment: str, now) -> None:
    if version.created_by_id is None:
        return
    context = _context(version, step, comment=comment or "见各要素意见",
                       link=reverse("workbench:catalog_version", args=[version.pk]))
    notify(recipient=version.created_by, template="catalog.version_returned", context=context, now=now)
