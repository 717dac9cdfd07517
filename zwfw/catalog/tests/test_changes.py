import datetime as dt

import pytest

from zwfw.catalog.models import ItemChange, ServiceItem, ZeroReport
from zwfw.catalog.services import item_cancel, item_delegate, item_publish, item_take_over, zero_report_file
from zwfw.core.errors import Conflict, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 4, 1)


def test_cancel_is_recorded_and_blocks_publication(published, reviewer, editor, now):
    with pytest.raises(PermissionDenied):
        item_cancel(actor=editor, item=published.item, effective_on=DAY, reason="法律废止", now=now)
    change = item_cancel(actor=reviewer, item=published.item, effective_on=DAY, reason="法律废止",
                         document="川府发〔2026〕1号", now=now)
    item = ServiceItem.objects.get(pk=published.item_id)
    assert (item.status, item.cancelled_on, change.kind) == ("cancelled", DAY, "cancel")
    assert AuditEvent.objects.filter(action="catalog.item.cancel", object_id=str(item.pk)).count() == 1
    with pytest.raises(StateError):
        item_cancel(actor=reviewer, item=item, effective_on=DAY, reason="再次", now=now)
    assert ItemChange.objects.count() == 1


def test_delegate_to_town_creates_town_draft(published, reviewer, town_dept, other_dept, now):
    with pytest.raises(ValidationFailed):
        item_delegate(actor=reviewer, item=published.item, to_department=other_dept, effective_on=DAY,
                      reason="赋权", now=now)
    change = item_delegate(actor=reviewer, item=published.item, to_department=town_dept, effective_on=DAY,
                           reason="向乡镇赋权", document="广安区府发〔2026〕3号", now=now)
    town_item = change.resulting_item
    version = town_item.versions.get()
    assert (town_item.level, town_item.department, town_item.base_code) == ("5", town_dept, "000104002000")
    assert town_item.implementation_code == "11511301MB1550442U" + "5" + "000104002000"
    assert (version.status, version.authority_source, version.name) == ("draft", "2", published.name)
    assert version.materials.count() == 2
    assert AuditEvent.objects.filter(action="catalog.item.delegate").count() == 1


def test_take_over_from_city(published, reviewer, other_editor, other_dept, county, now):
    # Make the published item a city-level one so the county department can take it over.
    ServiceItem.objects.filter(pk=published.item_id).update(region=county.parent)
    item = ServiceItem.objects.get(pk=published.item_id)
    change = item_take_over(actor=other_editor, item=item, department=other_dept, effective_on=DAY,
                            reason="承接市级下放事项", now=now)
    assert change.resulting_item.department == other_dept
    assert change.resulting_item.versions.get().authority_source == "2"
    with pytest.raises(Conflict):
        item_take_over(actor=other_editor, item=item, department=other_dept, effective_on=DAY, reason="再次",
                       now=now)


def test_zero_report(published, editor, other_editor, other_dept, approval_dept, now):
    with pytest.raises(ValidationFailed) as exc:
        zero_report_file(actor=editor, department=approval_dept, item_type="01", year=2026, statement="无", now=now)
    assert exc.value.code == "has_items"
    with pytest.raises(PermissionDenied):
        zero_report_file(actor=editor, department=other_dept, item_type="02", year=2026, statement="无", now=now)
    report = zero_report_file(actor=other_editor, department=other_dept, item_type="02", year=2026,
                              statement="本部门无行政处罚事项", now=now)
    assert report.filed_by == other_editor
    with pytest.raises(Conflict):
        zero_report_file(actor=other_editor, department=other_dept, item_type="02", year=2026, statement="x",
                         now=now)
    assert ZeroReport.objects.count() == 1


def test_cancelled_item_cannot_be_published(draft, editor, reviewer, now):
    from zwfw.catalog.services import item_review_approve, item_submit_for_review

    item_submit_for_review(actor=editor, version=draft, now=now)
    item_review_approve(actor=reviewer, version=draft, now=now)
    item_cancel(actor=reviewer, item=draft.item, effective_on=DAY, reason="取消", now=now)
    with pytest.raises(StateError):
        item_publish(actor=reviewer, version=draft, now=now)


def test_take_over_only_from_an_ancestor_region(published, other_editor, other_dept, county, now):
    from zwfw.organizations.models import Region, RegionLevel

    # An item of a sibling county in the same province is not "from above".
    sibling = Region.objects.create(code="511621000000", name="岳池县", level=RegionLevel.COUNTY,
                                    parent=county.parent)
    ServiceItem.objects.filter(pk=published.item_id).update(region=sibling)
    item = ServiceItem.objects.get(pk=published.item_id)
    changes = ServiceItem.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        item_take_over(actor=other_editor, item=item, department=other_dept, effective_on=DAY,
                       reason="越级承接", now=now)
    assert exc.value.field_errors == {"item": ["只能承接上级区划的事项"]}
    assert ServiceItem.objects.count() == changes
