import pytest

from zwfw.core.errors import Conflict, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department
from zwfw.organizations.services import department_create, department_deactivate, department_update

from .conftest import CREDIT_A, CREDIT_B, table_counts


def test_create_normalises_and_audits(admin, county, now):
    dept = department_create(actor=admin, region="511602", code="GAQ-SCJG", name=" 广安区 市场监督管理局 ",
                             credit_code=" 91310000631696382c ", phone="0826-2345678", now=now)
    dept.refresh_from_db()
    assert (dept.region_id, dept.name, dept.credit_code) == ("511602000000", "广安区 市场监督管理局", CREDIT_B)
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.object_id, event.occurred_at) == (
        "department.create", admin.pk, str(dept.pk), now)
    assert event.changes["credit_code"] == CREDIT_B
    assert event.changes["region"] == "511602000000"


@pytest.mark.parametrize(("kwargs", "field", "code", "message"), [
    ({"region": "999999"}, "region", "region_not_found", "行政区划代码 999999 不存在"),
    ({"region": "51160"}, "region", "region_code_invalid", "行政区划代码 51160 格式不正确，应为 6、9 或 12 位数字"),
    ({"code": "GAQ-MZJ"}, "code", "department_code_taken", "部门编码 GAQ-MZJ 在广安区已被使用"),
    ({"credit_code": "91110000600037341N"}, "credit_code", "credit_code_invalid",
     "统一社会信用代码 91110000600037341N 无效（位数或校验码不正确）"),
    ({"credit_code": "91110000600037340H"}, "credit_code", "credit_code_invalid",
     "统一社会信用代码 91110000600037340H 无效（位数或校验码不正确）"),
    ({"credit_code": CREDIT_A.lower()}, "credit_code", "credit_code_taken",
     f"统一社会信用代码 {CREDIT_A} 已被其他部门使用"),
    ({"name": "  "}, "name", "name_required", "请填写部门名称"),
    ({"code": "民政 局"}, "code", "department_code_invalid", "部门编码只能由字母、数字、“-”和“_”组成，最长 32 位"),
    ({"phone": "电话号码"}, "phone", "phone_invalid", "办公电话格式不正确（只能包含数字、“-”、括号和“转”）"),
])
def test_create_rejects_bad_input_and_changes_nothing(admin, dept, kwargs, field, code, message):
    before = table_counts()
    args = {"region": "511602", "code": "NEW", "name": "新部门", **kwargs}
    with pytest.raises(ValidationFailed) as exc:
        department_create(actor=admin, **args)
    assert (exc.value.code, exc.value.message, exc.value.field_errors) == (code, message, {field: [message]})
    assert table_counts() == before


def test_create_lists_every_bad_field_at_once(admin, county):
    with pytest.raises(ValidationFailed) as exc:
        department_create(actor=admin, region=county, code="", name="", credit_code="123")
    assert exc.value.message == "提交的内容有误，请按提示修改"
    assert set(exc.value.field_errors) == {"code", "name", "credit_code"}
    assert Department.objects.count() == 0


def test_same_code_allowed_in_another_region(admin, dept, regions):
    other = department_create(actor=admin, region=regions["other_county"], code=dept.code, name="岳池县民政局")
    assert other.region_id == "511621000000"


@pytest.mark.parametrize("role", [None, "window_clerk", "security_admin", "catalog_editor"])
def test_only_system_admin_may_create(role, county, dept):
    from .conftest import make_user

    actor = make_user("u", *([role] if role else []), department=dept)
    before = table_counts()
    with pytest.raises(PermissionDenied) as exc:
        department_create(actor=actor, region=county, code="X", name="某局")
    assert (exc.value.code, exc.value.message) == ("org_admin_required", "只有系统管理员可以维护组织机构数据")
    assert table_counts() == before


def test_anonymous_actor_denied(county):
    with pytest.raises(PermissionDenied):
        department_create(actor=None, region=county, code="X", name="某局")


def test_update_changes_given_fields_and_audits_diff(admin, dept, now):
    department_update(actor=admin, department=dept, name="广安区民政局（更名）", credit_code="", now=now)
    dept.refresh_from_db()
    assert (dept.name, dept.credit_code, dept.code) == ("广安区民政局（更名）", None, "GAQ-MZJ")
    event = AuditEvent.objects.get()
    assert event.action == "department.update"
    assert event.changes == {"name": ["广安区民政局", "广安区民政局（更名）"], "credit_code": [CREDIT_A, None]}


def test_update_without_change_writes_no_event(admin, dept):
    department_update(actor=admin, department=dept, name="广安区民政局")
    assert AuditEvent.objects.count() == 0


def test_update_to_taken_code_changes_nothing(admin, dept, other_dept):
    before = table_counts()
    with pytest.raises(ValidationFailed) as exc:
        department_update(actor=admin, department=other_dept, code="GAQ-MZJ", name="改名")
    assert exc.value.code == "department_code_taken"
    other_dept.refresh_from_db()
    assert (other_dept.code, other_dept.name) == ("GAQ-RSJ", "广安区人力资源和社会保障局")
    assert table_counts() == before


def test_update_denied_for_clerk(clerk, dept):
    with pytest.raises(PermissionDenied):
        department_update(actor=clerk, department=dept, name="x")
    dept.refresh_from_db()
    assert dept.name == "广安区民政局"


def test_lost_race_on_unique_code_is_a_chinese_conflict(admin, dept, monkeypatch):
    # Simulate another transaction committing the same code between the check and the insert.
    from zwfw.organizations.services import departments

    monkeypatch.setattr(departments, "_uniqueness", lambda errors, d: None)
    before = table_counts()
    with pytest.raises(Conflict) as exc:
        department_create(actor=admin, region=dept.region, code=dept.code, name="重复")
    assert exc.value.message == "部门编码或统一社会信用代码已被使用"
    assert table_counts() == before


def test_deactivate(admin, dept, now):
    department_deactivate(actor=admin, department=dept, now=now)
    dept.refresh_from_db()
    assert dept.is_active is False
    assert AuditEvent.objects.get().changes == {"is_active": [True, False]}
    with pytest.raises(StateError) as exc:
        department_deactivate(actor=admin, department=dept)
    assert exc.value.code == "department_inactive"


def test_deactivate_refused_while_windows_are_open(admin, dept, window):
    with pytest.raises(StateError) as exc:
        department_deactivate(actor=admin, department=dept)
    assert exc.value.message == "广安区民政局还有 1 个启用的窗口、0 个启用的分中心，请先停用或调整"
    dept.refresh_from_db()
    assert dept.is_active is True
    assert AuditEvent.objects.count() == 0
