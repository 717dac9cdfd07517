"""Issue 12 point 12: the auditor's audit page names actions, objects and people in Chinese,
filters by who/what/when/object, pages, exports (formula-safe) and shows the last verification."""

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from zwfw.accounts.models import AccountKind, Role
from zwfw.core.audit import audit_record, audit_seal
from zwfw.core.models import AuditEvent, AuditVerification
from zwfw.core.testing import audit_triggers_disabled
from zwfw.portal.tests.network import make_user
from zwfw.portal.tests.pages import assert_page
from zwfw.workbench.audit import PAGE_SIZE

pytestmark = pytest.mark.django_db
CN = dt.timezone(dt.timedelta(hours=8))
LOG = reverse("workbench:audit_log")
EXPORT = reverse("workbench:audit_export")


def _record(actor=None, action="auth.sign_in_succeeded", when=dt.datetime(2026, 11, 2, 9, 0, tzinfo=CN), **kw):
    with transaction.atomic():
        return audit_record(actor=actor, action=action, now=when, **kw)


@pytest.fixture
def auditor():
    return make_user("auditor1", Role.SECURITY_AUDITOR, full_name="审计员甲")


@pytest.fixture
def people():
    clerk = make_user("clerk1", Role.WINDOW_CLERK, full_name="李窗口")
    citizen = make_user("c_51bb0c49aa", kind=AccountKind.CITIZEN, full_name="王小明", phone="13900001111")
    return clerk, citizen


def test_actions_objects_and_people_have_chinese_names(client, auditor, people):
    clerk, citizen = people
    _record(clerk, target=clerk, role=Role.WINDOW_CLERK)
    _record(citizen, action="auth.sign_out", target=citizen)
    client.force_login(auditor)
    html = assert_page(client.get(LOG), "登录成功", "退出登录", "账号", "李窗口", "窗口人员", "王**（自然人）")
    assert "c_51bb0c49" not in html and "王小明" not in html
    body = html[html.index("<tbody>"):]
    assert ">auth.sign_in_succeeded<" not in body and "accounts.user" not in body


def test_the_section_and_the_page_are_the_auditors_only(client, people):
    clerk, _ = people
    for role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN):
        client.force_login(make_user(f"u_{role}", role))
        assert client.get(LOG).status_code == 403
        assert client.get(EXPORT + "?format=csv").status_code == 403
    assert not AuditEvent.objects.filter(action="audit.export").exists()


def test_filters_by_who_what_when_and_object(client, auditor, people):
    clerk, citizen = people
    _record(clerk, action="catalog.version.publish", object_type="catalog.itemversion", object_id="7",
            object_repr="婚姻登记 v2", when=dt.datetime(2026, 11, 1, 23, 30, tzinfo=CN))
    _record(citizen, action="auth.sign_in_succeeded", target=citizen, when=dt.datetime(2026, 11, 2, 0, 30, tzinfo=CN))
    _record(None, action="calendar.seed", object_type="calendar.holidayarrangement",
            when=dt.datetime(2026, 11, 3, 8, 0, tzinfo=CN))
    client.force_login(auditor)

    def shown(**params):
        response = client.get(LOG, params)
        assert response.status_code == 200
        return [row.action for row in response.context["rows"]]

    assert shown() == ["calendar.seed", "auth.sign_in_succeeded", "catalog.version.publish"]
    assert shown(who="李窗") == ["catalog.version.publish"]
    assert shown(who="clerk1") == ["catalog.version.publish"]
    assert shown(action="auth.sign_in_succeeded") == ["auth.sign_in_succeeded"]
    # China dates: 23:30 on 1 November is the 1st, 00:30 on the 2nd is the 2nd.
    assert shown(date_from="2026-11-02", date_to="2026-11-02") == ["auth.sign_in_succeeded"]
    assert shown(date_to="2026-11-01") == ["catalog.version.publish"]
    assert shown(object_type="catalog.itemversion") == ["catalog.version.publish"]
    assert shown(object="婚姻") == ["catalog.version.publish"]
    assert shown(object="7") == ["catalog.version.publish"]
    assert shown(who="李窗", action="calendar.seed") == []


def test_a_reversed_date_range_is_refused_with_a_chinese_message(client, auditor):
    _record()
    client.force_login(auditor)
    response = client.get(LOG, {"date_from": "2026-11-05", "date_to": "2026-11-01"})
    assert "截止日期不能早于起始日期" in response.content.decode()
    response = client.get(EXPORT, {"format": "csv", "date_from": "2026-11-05", "date_to": "2026-11-01"})
    assert response.status_code == 400
    assert "截止日期不能早于起始日期" in response.content.decode()
    assert not AuditEvent.objects.filter(action="audit.export").exists()


def test_pages_of_fifty_keep_the_filters(client, auditor):
    with transaction.atomic():
        for i in range(PAGE_SIZE + 5):
            audit_record(actor=None, action="calendar.day_set", object_type="t", object_id=str(i), object_repr=f"第{i}天")
        audit_record(actor=None, action="calendar.seed")
    client.force_login(auditor)
    first = client.get(LOG, {"action": "calendar.day_set"})
    assert len(first.context["rows"]) == PAGE_SIZE
    html = first.content.decode()
    assert "共 55 条记录" in html and "第 1 / 2 页" in html
    assert 'href="?action=calendar.day_set&amp;page=2"' in html
    second = client.get(LOG, {"action": "calendar.day_set", "page": 2})
    assert [r.object_id for r in second.context["rows"]] == ["4", "3", "2", "1", "0"]


def test_csv_export_escapes_formulas_and_is_recorded(client, auditor):
    _record(None, action="catalog.import", object_type="t", object_id="1", object_repr='=HYPERLINK("http://x","点我")')
    _record(None, action="catalog.import", object_type="t", object_id="2", object_repr="+1-2 申请人 13912345678")
    client.force_login(auditor)
    response = client.get(EXPORT, {"format": "csv", "action": "catalog.import"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:4] == ["序号", "链序号", "时间", "操作"]
    objects = [row[8] for row in rows[1:]]
    assert objects == ["'+1-2 申请人 139****5678", "'=HYPERLINK(\"http://x\",\"点我\")"]
    assert {row[3] for row in rows[1:]} == {"导入事项目录"}
    export = AuditEvent.objects.get(action="audit.export")
    assert export.actor_id == auditor.pk
    assert export.changes == {"filters": {"action": "catalog.import"}, "format": "csv", "rows": 2}


def test_xlsx_export_keeps_text_as_text(client, auditor, people):
    clerk, citizen = people
    _record(citizen, action="auth.sign_in_succeeded", target=citizen)
    _record(clerk, action="catalog.import", object_type="t", object_id="1", object_repr="=1+1")
    client.force_login(auditor)
    response = client.get(EXPORT, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][5] == "操作人"
    by_action = {row[3]: row for row in values[1:]}
    assert by_action["导入事项目录"][8] == "=1+1"
    assert sheet.cell(row=2, column=9).data_type == "s" and sheet.cell(row=3, column=9).data_type == "s"
    assert by_action["登录成功"][5] == "王**（自然人）"


def test_an_unknown_export_format_is_refused(client, auditor):
    client.force_login(auditor)
    response = client.get(EXPORT, {"format": "pdf"})
    assert response.status_code == 400
    assert "导出格式只能是 CSV 或 Excel" in response.content.decode()


def test_the_last_verification_run_is_shown_with_its_time(client, auditor):
    client.force_login(auditor)
    assert_page(client.get(LOG), "审计链尚未校验过")
    _record()
    call_command("audit", "verify", stdout=io.StringIO())
    run = AuditVerification.objects.get()
    assert (run.source, run.events_checked, run.problems, run.actor_id) == ("command", 1, [], None)
    html = assert_page(client.get(LOG), "最近一次校验：审计链完整，已校验 1 条记录", "命令行（zwfw audit verify）")
    assert f'datetime="{run.ran_at.astimezone(CN).isoformat()}"' in html or "校验时间" in html
    assert_page(client.get(reverse("workbench:role", args=["security_auditor"])), "最近一次校验：审计链完整")


def test_a_failed_command_run_is_stored_with_its_problems(client, auditor):
    _record()
    _record()
    audit_seal()
    with audit_triggers_disabled():
        AuditEvent.objects.filter(chain_seq=1).update(object_repr="篡改")
    with pytest.raises(CommandError):
        call_command("audit", "verify", stdout=io.StringIO(), stderr=io.StringIO())
    run = AuditVerification.objects.get()
    assert [p["kind"] for p in run.problems] == ["hash_mismatch"]
    client.force_login(auditor)
    assert_page(client.get(LOG), "最近一次校验：审计链异常，已校验 2 条记录，发现 1 处问题", "记录内容与其签名摘要不符")
