import pytest

from zwfw.accounts.models import Role
from zwfw.catalog.exchange.importing import ImportFailed, catalog_import
from zwfw.catalog.models import ItemVersion, ServiceItem
from zwfw.core.errors import PermissionDenied
from zwfw.core.models import AuditEvent

from ..conftest import make_user
from .conftest import cell, item_row

pytestmark = pytest.mark.django_db


def _import(path, actor, now, **kwargs):
    with path.open("rb") as fh:
        return catalog_import(actor=actor, source=fh, file_name=path.name, now=now, **kwargs)


def test_same_implementation_code_opens_a_new_draft_version(xlsx, editor, published, now):
    path = xlsx(items=[item_row("K", promised_limit=3, change_summary="压缩承诺时限")],
                materials=[{"key": "K", "position": 1, "name": "申请书（新版）", "original_count": 1}])
    events = AuditEvent.objects.count()
    report = _import(path, editor, now)
    assert report.created == []
    assert [(e["key"], e["number"]) for e in report.updated] == [("K", 2)]
    item = published.item
    v2 = ItemVersion.objects.get(item=item, number=2)
    assert (v2.status, v2.promised_limit, v2.change_summary) == ("draft", 3, "压缩承诺时限")
    assert list(v2.materials.values_list("name", flat=True)) == ["申请书（新版）"]
    assert v2.steps.count() == 0  # the file's (empty) step list replaces the copied one
    published.refresh_from_db()
    assert (published.status, published.promised_limit, published.materials.count()) == ("published", 5, 2)
    new_events = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True)[events:])
    assert new_events == ["catalog.version.create", "catalog.version.update", "catalog.import"]
    assert AuditEvent.objects.get(action="catalog.version.update").changes["promised_limit"] == [5, 3]
    assert ServiceItem.objects.count() == 1


def test_promised_longer_than_statutory_is_a_warning_not_an_error(xlsx, editor, now):
    path = xlsx(items=[item_row("W", statutory_limit=10, promised_limit=15)])
    report = _import(path, editor, now)
    assert len(report.created) == 1 and report.errors == []
    assert [(w.ref, w.message) for w in report.warnings] == [
        (cell("事项", "promised_limit", 2), "承诺时限长于法定时限（10）；质量检查提示，不影响导入")]


def test_codes_and_labels_and_blank_department(xlsx, editor, now):
    path = xlsx(items=[item_row("S", department=None, item_type="行政确认", online_depth="Ⅳ", audience="1、企业法人",
                                fast_track_tags="网上办、一次办", fee_charged="否", case_kind="即办件",
                                promised_limit=1, statutory_limit=1)],
                special=[{"key": "S", "position": 1, "kind": "公示", "duration": 5, "duration_unit": "自然日"}])
    report = _import(path, editor, now)
    version = ItemVersion.objects.get(pk=report.created[0]["version_id"])
    assert (version.item_type, version.online_depth, version.audience, version.fast_track_tags,
            version.case_kind) == ("07", "4", ["1", "2"], ["online", "one_visit"], "immediate")
    assert list(version.special_procedures.values_list("kind", "duration", "duration_unit")) == [
        ("public_notice", 5, "natural_days")]
    assert version.item.department == editor.department


def test_sub_item_in_the_same_file(xlsx, editor, now):
    path = xlsx(items=[item_row("P", sub_code=None), item_row("C", sub_code="01", parent="P", variant="变更",
                                                                name="固定资产投资项目节能审查（变更）")][::-1])
    report = _import(path, editor, now)
    assert [e["key"] for e in report.created] == ["P", "C"]  # the main item first, whatever the row order
    child = ServiceItem.objects.get(sub_code="01")
    assert (child.parent.sub_code, child.variant) == ("", "change")


@pytest.mark.parametrize("who", ["clerk", "reviewer", "admin"])
def test_only_catalog_editors_import(who, request, xlsx, approval_dept, county, now):
    actor = (make_user("admin", Role.SYSTEM_ADMIN, department=approval_dept, region=county) if who == "admin"
             else request.getfixturevalue(who))
    with pytest.raises(PermissionDenied):
        _import(xlsx(items=[item_row("A")]), actor, now)
    assert ServiceItem.objects.count() == 0 and AuditEvent.objects.count() == 0


def test_editor_cannot_import_for_another_department(xlsx, editor, other_editor, other_dept, now):
    path = xlsx(items=[item_row("A")])
    with pytest.raises(PermissionDenied):
        _import(path, editor, now, department=other_dept)
    with pytest.raises(ImportFailed) as exc:  # the file names the approval department
        _import(path, other_editor, now)
    assert list(exc.value.field_errors) == [cell("事项", "department", 2)]
    assert ServiceItem.objects.count() == 0 and AuditEvent.objects.count() == 0
