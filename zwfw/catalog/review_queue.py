"""The review queue (待审核 / 待发布) of one viewer, for the workbench page and the API.

Versions waiting for the viewer's step of their item's review chain (never their own draft, never
a step after one they approved in the same round: one person, one step), and approved versions
the viewer may publish. The rules are those of services.permissions and services.review; this
reads them for the whole queue at once, so the number of queries does not grow with the queue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from zwfw.accounts.scope import Scope

from .models import ItemVersion, ReviewChainStep, ReviewDecision, ReviewOutcome, VersionStatus
from .services.permissions import can_publish, can_review_step, review_chains_steps

UNDER_REVIEW = (VersionStatus.SUBMITTED, VersionStatus.REVIEWED)


@dataclass(frozen=True)
class QueueEntry:
    version: ItemVersion
    step_label: str


@dataclass(frozen=True)
class ReviewQueue:
    to_review: list[QueueEntry] = field(default_factory=list)
    to_publish: list[ItemVersion] = field(default_factory=list)


def review_queue(*, viewer) -> ReviewQueue:
    """The viewer's queue, oldest submission first. Empty for anyone without a role."""
    if not (viewer and viewer.is_authenticated and viewer.role_set):
        return ReviewQueue()
    where = _reachable(viewer)
    if where is None:
        return ReviewQueue()
    candidates = list(
        ItemVersion.objects.filter(where, status__in=[*UNDER_REVIEW, VersionStatus.APPROVED])
        .select_related("item__region", "item__department").order_by("submitted_at", "id")
    )
    under_review = [v for v in candidates if v.status in UNDER_REVIEW]
    chains = review_chains_steps([v.item.region for v in under_review])
    passed = _passed_earlier_step(viewer, under_review)
    queue = ReviewQueue()
    for version in candidates:
        item = version.item
        if version.status == VersionStatus.APPROVED:
            if can_publish(viewer, item):
                queue.to_publish.append(version)
            continue
        steps = chains[item.region_id]
        step = steps[min(version.review_step, len(steps) - 1)]
        if version.created_by_id != viewer.pk and version.pk not in passed and can_review_step(viewer, item, step):
            queue.to_review.append(QueueEntry(version, step.label))
    return queue


def _reachable(viewer) -> Q | None:
    """Items whose versions the viewer could review or publish: inside the viewer's region, or
    under a chain with a step assigned to the viewer's department."""
    terms = []
    region = Scope.for_viewer(viewer).region
    if region is not None:
        terms.append(Q(item__region__code__startswith=region.prefix))
    if viewer.department_id:
        steps = (ReviewChainStep.objects.filter(department_id=viewer.department_id, role__in=viewer.role_set)
                 .select_related("chain__region"))
        terms += [Q(item__region__code__startswith=s.chain.region.prefix) for s in steps]
    if not terms:
        return None
    where = terms[0]
    for term in terms[1:]:
        where |= term
    return where


def _passed_earlier_step(viewer, versions: list[ItemVersion]) -> set[int]:
    """Versions whose current round (since the last return) the viewer already approved a step of
    (services.review.passed_earlier_step, for all of them in one query)."""
    last_return: dict[int, int] = {}
    approved: dict[int, list[int]] = {}
    rows = (ReviewDecision.objects.filter(version__in=versions)
            .filter(Q(outcome=ReviewOutcome.RETURN) | Q(outcome=ReviewOutcome.APPROVE, reviewer=viewer))
            .values_list("version_id", "id", "outcome"))
    for version_id, decision_id, outcome in rows:
        if outcome == ReviewOutcome.RETURN:
            last_return[version_id] = max(last_return.get(version_id, 0), decision_id)
        else:
            approved.setdefault(version_id, []).append(decision_id)
    return {v for v, ids in approved.items() if max(ids) > last_return.get(v, 0)}
