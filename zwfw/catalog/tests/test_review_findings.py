"""Defects found in review: ids from the request resolved without the editor's scope."""

import pytest
from rest_framework.test import APIClient

from zwfw.catalog.models import CatalogLevel, ItemLevel, ServiceItem
from zwfw.catalog.services import item_draft_create, item_version_update
from zwfw.core.errors import ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import CenterKind, Region, RegionLevel, ServiceCenter, Window, WindowKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_county(county):
    return Region.objects.create(code="511621000000", name="岳池县", level=RegionLevel.COUNTY, parent=county.parent)


def _window(region, number):
    center = ServiceCenter.objects.create(kind=CenterKind.HALL, region=region, name=f"{region.name}政务服务中心",
                                          address="某路1号")
    return Window.objects.create(center=center, number=number, name=f"{number}号窗口", kind=WindowKind.SINGLE)


def test_window_of_another_county_is_refused_and_nothing_changes(draft, editor, county, other_county, now):
    own, foreign = _window(county, "1"), _window(other_county, "2")
    item_version_update(actor=editor, version=draft, window_ids=[own.pk], now=now)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        item_version_update(actor=editor, version=draft, window_ids=[own.pk, foreign.pk], fields={"promised_limit": 3},
                            now=now)
    assert exc.value.code == "window_unknown"
    draft.refresh_from_db()
    assert (list(draft.windows.values_list("pk", flat=True)), draft.promised_limit) == ([own.pk], 5)
    assert AuditEvent.objects.count() == events


def test_unknown_window_id_through_the_api_is_a_400_not_a_500(draft, editor):
    client = APIClient()
    client.force_authenticate(editor)
    res = client.patch(f"/api/v1/catalog/drafts/{draft.pk}", {"window_ids": [999999]}, format="json")
    assert res.status_code == 400, res.content
    assert res.json()["code"] == "window_unknown"
    assert draft.windows.count() == 0


def test_base_item_of_another_county_cannot_be_implemented(editor, approval_dept, other_county, now):
    foreign_base = ServiceItem.objects.create(catalog_level=CatalogLevel.BASE, region=other_county,
                                              level=ItemLevel.COUNTY, base_code="000201001000", created_at=now)
    with pytest.raises(ValidationFailed) as exc:
        item_draft_create(actor=editor, department=approval_dept, base_code="000201001000", name="社会团体成立登记",
                          item_type="07", base_item=foreign_base, now=now)
    assert exc.value.code == "base_item_out_of_scope"
    assert ServiceItem.objects.filter(catalog_level=CatalogLevel.IMPLEMENTATION).count() == 0


def test_cancelled_item_cannot_be_delegated_or_taken_over(published, reviewer, other_editor, other_dept, town_dept,
                                                          county, now):
    import datetime as dt

    from zwfw.catalog.models import ItemChange
    from zwfw.catalog.services import item_cancel, item_delegate, item_take_over
    from zwfw.core.errors import StateError

    day = dt.date(2026, 4, 1)
    item_cancel(actor=reviewer, item=published.item, effective_on=day, reason="法律废止", now=now)
    items, changes = ServiceItem.objects.count(), ItemChange.objects.count()
    with pytest.raises(StateError) as exc:
        item_delegate(actor=reviewer, item=published.item, to_department=town_dept, effective_on=day,
                      reason="赋权", now=now)
    assert exc.value.code == "item_cancelled"
    ServiceItem.objects.filter(pk=published.item_id).update(region=county.parent)
    with pytest.raises(StateError):
        item_take_over(actor=other_editor, item=published.item, department=other_dept, effective_on=day,
                       reason="承接", now=now)
    assert (ServiceItem.objects.count(), ItemChange.objects.count()) == (items, changes)


def test_one_reviewer_cannot_pass_two_steps_of_the_chain(draft, editor, reviewer, county, now):
    from zwfw.catalog.models import ReviewChain, ReviewChainStep, VersionStatus
    from zwfw.catalog.services import item_review_approve, item_submit_for_review
    from zwfw.core.errors import PermissionDenied

    chain = ReviewChain.objects.create(region=county, name="两级审核")
    ReviewChainStep.objects.create(chain=chain, position=0, label="审管局审核")
    ReviewChainStep.objects.create(chain=chain, position=1, label="司法局审核")
    item_submit_for_review(actor=editor, version=draft, now=now)
    item_review_approve(actor=reviewer, version=draft, now=now)
    with pytest.raises(PermissionDenied) as exc:
        item_review_approve(actor=reviewer, version=draft, now=now)
    assert exc.value.code == "step_already_passed"
    draft.refresh_from_db()
    assert (draft.status, draft.review_step) == (VersionStatus.REVIEWED, 1)


def test_the_queue_hides_a_version_from_the_reviewer_of_its_earlier_step(draft, editor, reviewer, county, now):
    from zwfw.catalog.models import ReviewChain, ReviewChainStep
    from zwfw.catalog.review_queue import review_queue
    from zwfw.catalog.services import item_review_approve, item_submit_for_review
    from zwfw.workbench.catalog.selectors import version_actions

    chain = ReviewChain.objects.create(region=county, name="两级审核")
    ReviewChainStep.objects.create(chain=chain, position=0, label="审管局审核")
    ReviewChainStep.objects.create(chain=chain, position=1, label="司法局审核")
    item_submit_for_review(actor=editor, version=draft, now=now)
    assert [e.version.pk for e in review_queue(viewer=reviewer).to_review] == [draft.pk]
    item_review_approve(actor=reviewer, version=draft, now=now)
    draft.refresh_from_db()
    assert review_queue(viewer=reviewer).to_review == []
    assert version_actions(viewer=reviewer, version=draft).review is False
