import pytest

from zwfw.catalog.models import ItemVersion, Material, ProcessStep, ServiceItem
from zwfw.catalog.services import item_draft_create, item_version_create, item_version_update
from zwfw.core.errors import Conflict, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent

from .conftest import MATERIALS

pytestmark = pytest.mark.django_db


def test_editor_drafts_item_with_codes_and_children(draft, approval_dept):
    item = draft.item
    assert item.catalog_level == "implementation"
    assert item.level == "4"
    assert item.implementation_code == "115113016823646795" + "4" + "000104002000"
    assert (draft.number, draft.status, draft.name, draft.item_type) == (1, "draft", "固定资产投资项目节能审查", "01")
    assert list(draft.materials.values_list("name", "source")) == [
        ("申请书", "applicant"), ("营业执照", "certificate_library")]
    assert list(draft.steps.values_list("name", "role", "working_days")) == [
        ("受理", "窗口人员", 1), ("审查", "审批人员", 3), ("决定", "部门负责人", 1)]
    event = AuditEvent.objects.get(action="catalog.item.draft_create")
    assert event.object_id == str(draft.pk)
    assert event.changes["implementation_code"] == item.implementation_code


@pytest.mark.parametrize("who", ["other_editor", "clerk"])
def test_only_department_editor_may_draft(who, request, approval_dept, now):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        item_draft_create(actor=actor, department=approval_dept, base_code="000104002000", name="x",
                          item_type="01", now=now)
    assert ServiceItem.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_bad_input_saves_nothing(editor, approval_dept, now):
    with pytest.raises(ValidationFailed) as exc:
        item_draft_create(actor=editor, department=approval_dept, base_code="G-000007-001", name="x",
                          item_type="01", now=now)
    assert exc.value.field_errors == {"base_code": ["基本编码应为12位数字或大写字母"]}
    with pytest.raises(ValidationFailed) as exc:
        item_draft_create(actor=editor, department=approval_dept, base_code="000104002000", name="x",
                          item_type="99", now=now)
    assert list(exc.value.field_errors) == ["item_type"]
    with pytest.raises(ValidationFailed) as exc:
        item_draft_create(actor=editor, department=approval_dept, base_code="000104002000", name="x",
                          item_type="01", materials=[{"name": "申请书", "source": "nowhere"}], now=now)
    assert list(exc.value.field_errors) == ["materials[0].source"]
    assert ServiceItem.objects.count() == 0
    assert ItemVersion.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_same_implementation_code_twice_is_a_conflict(draft, editor, approval_dept, now):
    with pytest.raises(Conflict):
        item_draft_create(actor=editor, department=approval_dept, base_code="000104002000", name="重复",
                          item_type="01", now=now)
    assert ServiceItem.objects.count() == 1


def test_update_replaces_children_and_audits_diff(draft, editor, now):
    item_version_update(actor=editor, version=draft, fields={"promised_limit": 3},
                        materials=[{"name": "申请书（新）", "original_count": 1}], now=now)
    draft.refresh_from_db()
    assert draft.promised_limit == 3
    assert list(Material.objects.filter(version=draft).values_list("name", flat=True)) == ["申请书（新）"]
    assert ProcessStep.objects.filter(version=draft).count() == 3  # not given: untouched
    event = AuditEvent.objects.get(action="catalog.version.update")
    assert event.changes["promised_limit"] == [5, 3]
    assert "materials" in event.changes


def test_update_refuses_workflow_fields_and_other_departments(draft, editor, other_editor, now):
    with pytest.raises(ValidationFailed) as exc:
        item_version_update(actor=editor, version=draft, fields={"status": "published"}, now=now)
    assert exc.value.field_errors == {"status": ["不可修改的字段"]}
    with pytest.raises(PermissionDenied):
        item_version_update(actor=other_editor, version=draft, fields={"promised_limit": 1}, now=now)
    draft.refresh_from_db()
    assert (draft.status, draft.promised_limit) == ("draft", 5)


def test_published_version_cannot_be_updated_but_a_new_one_opens(published, editor, now):
    with pytest.raises(StateError) as exc:
        item_version_update(actor=editor, version=published, fields={"promised_limit": 1}, now=now)
    assert exc.value.code == "version_not_editable"
    v2 = item_version_create(actor=editor, item=published.item, change_summary="压缩承诺时限", now=now)
    assert (v2.number, v2.status, v2.promised_limit) == (2, "draft", 5)
    assert list(v2.materials.values_list("name", flat=True)) == [m["name"] for m in MATERIALS]
    with pytest.raises(Conflict):
        item_version_create(actor=editor, item=published.item, now=now)
    assert published.item.versions.count() == 2


def test_editor_sets_themes_and_unknown_codes_change_nothing(draft, editor, now):
    from zwfw.catalog.models import Theme

    Theme.objects.create(code="T01", name="生育收养")
    Theme.objects.create(code="E01", name="出生", kind="life_event")
    item_version_update(actor=editor, version=draft, theme_codes=["T01", "E01"], now=now)
    assert sorted(draft.themes.values_list("code", flat=True)) == ["E01", "T01"]
    event = AuditEvent.objects.filter(action="catalog.version.update").latest("seq")
    assert event.changes["themes"] == [[], ["E01", "T01"]]
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        item_version_update(actor=editor, version=draft, theme_codes=["T01", "NOPE"], now=now)
    assert exc.value.field_errors == {"themes": ["未知的服务主题：NOPE"]}
    assert sorted(draft.themes.values_list("code", flat=True)) == ["E01", "T01"]
    assert AuditEvent.objects.count() == events


def test_editing_materials_keeps_the_form_files_of_kept_materials(draft, editor, now):
    from zwfw.catalog.forms_files import FORM_FILE
    from zwfw.catalog.models import MaterialFile
    from zwfw.files.services import file_store

    material = draft.materials.get(name="申请书")
    stored = file_store(content=b"%PDF-1.4 blank form\n%%EOF\n", purpose=FORM_FILE, name="申请书.pdf", now=now)
    MaterialFile.objects.create(material=material, kind="blank", stored_file=stored)
    rows = [{"name": "申请书", "source": "applicant"}, {"name": "身份证明", "source": "applicant"}]
    item_version_update(actor=editor, version=draft, materials=rows, now=now)
    kept = draft.materials.get(name="申请书")
    assert kept.pk != material.pk  # the list was replaced …
    assert list(kept.files.values_list("stored_file__original_name", flat=True)) == ["申请书.pdf"]  # … the form kept
    assert MaterialFile.objects.count() == 1
