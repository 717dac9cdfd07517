"""Review actions tell the people who act next, through notify → outbox → inbox (issue 7 point 2)."""

import pytest
from django.db import transaction

from zwfw.accounts.models import Role
from zwfw.catalog.models import ReviewChain, ReviewChainStep
from zwfw.catalog.services import item_review_approve, item_review_return, item_submit_for_review
from zwfw.jobs.testing import outbox_drain, queue_run
from zwfw.notifications.models import InboxMessage
from zwfw.organizations.models import Department, Region, RegionLevel

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _queue(empty_queue):
    """Every test here starts and ends with an empty job queue."""


def _inbox():
    return sorted((m.recipient.username, m.title) for m in InboxMessage.objects.select_related("recipient"))


def test_submit_notifies_the_reviewers_of_the_first_step_through_the_queue(
    draft, editor, reviewer, other_editor, clerk, now, county, django_capture_on_commit_callbacks
):
    neighbour = Region.objects.create(code="511603000000", name="前锋区", level=RegionLevel.COUNTY, parent=county.parent)
    make_user("neighbour_reviewer", Role.CATALOG_REVIEWER, region=neighbour)  # another county: not told
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        item_submit_for_review(actor=editor, version=draft, now=now)
    assert InboxMessage.objects.count() == 0  # nothing inside the request
    assert queue_run() == 1
    assert _inbox() == [("reviewer", "事项待审核：固定资产投资项目节能审查")]
    message = InboxMessage.objects.get()
    assert message.link == f"/workbench/catalog/versions/{draft.pk}/review/"
    assert message.body == "editor提交了“固定资产投资项目节能审查”第 1 版，请在“事项审核”环节审核。"


def test_chain_step_reviewers_are_told_in_turn_and_the_editor_on_return(draft, editor, now, county):
    chain = ReviewChain.objects.create(region=county, name="链")
    people = []
    for i, code in enumerate(["sgj", "bb"]):
        dept = Department.objects.create(region=county, code=code, name=f"区{code}")
        ReviewChainStep.objects.create(chain=chain, position=i, label=f"环节{i}", department=dept)
        people.append(make_user(f"rev_{code}", Role.CATALOG_REVIEWER, department=dept))
    item_submit_for_review(actor=editor, version=draft, now=now)
    outbox_drain(now=now)
    assert _inbox() == [("rev_sgj", "事项待审核：固定资产投资项目节能审查")]
    item_review_approve(actor=people[0], version=draft, now=now)
    outbox_drain(now=now)
    assert [u for u, _t in _inbox()] == ["rev_bb", "rev_sgj"]
    item_review_return(actor=people[1], version=draft, comment="请核实时限", now=now)
    outbox_drain(now=now)
    returned = InboxMessage.objects.get(recipient=editor)
    assert returned.title == "事项被退回：固定资产投资项目节能审查"
    assert returned.body == "“固定资产投资项目节能审查”第 1 版在“环节1”环节被退回。审核意见：请核实时限"


def test_a_refused_submit_queues_nothing(draft, other_editor, now):
    from zwfw.core.errors import PermissionDenied
    from zwfw.jobs.models import OutboxMessage

    with pytest.raises(PermissionDenied):
        item_submit_for_review(actor=other_editor, version=draft, now=now)
    assert OutboxMessage.objects.count() == 0 and outbox_drain(now=now) == 0
    assert InboxMessage.objects.count() == 0
