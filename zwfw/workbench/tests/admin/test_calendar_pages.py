"""Working calendar pages: view a year, the loaded years, import a year file (through
calendar_year_import and its job run), record and delete a special day; refusals change nothing."""

import datetime as dt
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zwfw.calendar.models import CalendarDay, CalendarYear
from zwfw.calendar.services.calendar import calendar_seed_from_package
from zwfw.core.models import AuditEvent
from zwfw.jobs.models import JobRun
from zwfw.portal.tests.network import build_network, make_user
from zwfw.portal.tests.pages import assert_page

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)


def _first_saturday_of_february(year: int) -> dt.date:
    day = dt.date(year, 2, 1)
    return day + dt.timedelta(days=(5 - day.weekday()) % 7)


def year_file(year=2027, days=None):
    days = days if days is not None else [
        {"name": "元旦", "date": f"{year}-01-01", "isOffDay": True},
        {"name": "春节", "date": _first_saturday_of_february(year).isoformat(), "isOffDay": False},  # 调休上班
    ]
    return SimpleUploadedFile(f"{year}.json", json.dumps({"year": year, "papers": [], "days": days}).encode(),
                              content_type="application/json")


@pytest.fixture
def network():
    calendar_seed_from_package(actor=None)  # the package covers 2004–2026
    return build_network()


@pytest.fixture
def sysadmin(client, network):
    client.force_login(make_user("sys", "system_admin"))
    return client


def _state():
    return (CalendarYear.objects.count(), sorted(CalendarDay.objects.values_list("date", "kind", "name")),
            AuditEvent.objects.count(), JobRun.objects.count())


def test_home_links_to_the_calendar_page_not_to_a_shell_command(sysadmin):
    with time_machine.travel(TODAY, tick=False):
        html = assert_page(sysadmin.get(reverse("workbench:home")), "2027 年工作日历尚未导入",
                           f'href="{reverse("workbench:calendar")}"')
    assert "zwfw calendar" not in html


def test_year_page_shows_the_months_and_loaded_years(sysadmin):
    with time_machine.travel(TODAY, tick=False):
        html = assert_page(sysadmin.get(reverse("workbench:calendar")), "2026 年工作日历", "已导入的年份",
                           "12 月（工作日", "导入年度安排", "2027 年工作日历尚未导入")
        assert_page(sysadmin.get(reverse("workbench:calendar"), {"year": 2030}), "2030 年的放假安排尚未导入")
    assert 'title="元旦（法定节假日）"' in html and "（调休上班）" in html
    assert '<a href="?year=2004">2004</a>' in html


def test_import_next_year_from_a_file(sysadmin):
    with time_machine.travel(TODAY, tick=False):
        response = sysadmin.post(reverse("workbench:calendar_import"), {"file": year_file()})
        assert response.status_code == 302
        assert response["Location"] == reverse("workbench:calendar") + "?year=2027"
        html = assert_page(sysadmin.get(response["Location"]), "已导入 2027 年工作日历", "工作台导入：2027.json")
    assert "2027 年工作日历尚未导入" not in html
    assert CalendarYear.objects.filter(year=2027).exists()
    assert AuditEvent.objects.filter(action="calendar.year_import").count() == 1


def test_replacing_a_loaded_year_queues_the_recompute_job_run(sysadmin):
    before = JobRun.objects.count()
    response = sysadmin.post(reverse("workbench:calendar_import"), {"file": year_file(2026), "replace": "on"})
    assert response.status_code == 302
    assert JobRun.objects.count() == before + 1


def test_a_loaded_year_is_not_replaced_without_asking(sysadmin):
    before = _state()
    response = sysadmin.post(reverse("workbench:calendar_import"), {"file": year_file(2026)})
    assert response.status_code == 400
    assert "2026 年工作日历已存在" in response.content.decode()
    assert _state() == before


def test_a_bad_file_lists_every_problem_in_chinese_and_imports_nothing(sysadmin):
    before = _state()
    bad = [{"name": "元旦", "date": "2027-01-01", "isOffDay": True},
           {"name": "", "date": "2027-13-01", "isOffDay": True},
           {"name": "调休", "date": "2027-01-04", "isOffDay": False}]
    response = sysadmin.post(reverse("workbench:calendar_import"), {"file": year_file(2027, bad)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "第 2 条安排" in html and "名称（name）应为 1–50 个字的文字" in html and "日期无效" in html
    assert "第 3 条安排" in html and "调休上班日 2027-01-04 应为周六或周日" in html
    assert _state() == before
    response = sysadmin.post(reverse("workbench:calendar_import"), {})
    assert response.status_code == 400 and "请选择要导入的年度文件。" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize("role", ["supervisor", "window_clerk", "security_admin", "security_auditor"])
def test_only_the_system_admin_imports(client, network, role):
    user = make_user(f"u_{role}", role, department=network.civil, region=network.county)
    client.force_login(user)
    before = _state()
    response = client.post(reverse("workbench:calendar_import"), {"file": year_file()})
    assert response.status_code == 403
    response = client.post(reverse("workbench:calendar_day_set"),
                           {"date": "2026-03-03", "kind": "local_holiday", "name": "节日",
                            "region": network.county.pk})
    assert response.status_code == 403
    assert _state() == before
    page = client.get(reverse("workbench:calendar"))
    if role == "supervisor":
        assert "导入年度安排" not in assert_page(page, "已导入的年份")
    else:
        assert page.status_code == 403


def test_record_and_delete_a_local_holiday(sysadmin, network):
    response = sysadmin.post(reverse("workbench:calendar_day_set"),
                             {"date": "2026-03-03", "kind": "local_holiday", "name": "民族节日",
                              "region": network.county.pk})
    assert response.status_code == 302
    day = CalendarDay.objects.get(name="民族节日")
    assert day.calendar.region == network.county
    assert AuditEvent.objects.filter(action="calendar.day_set").count() == 1
    response = sysadmin.post(reverse("workbench:calendar_day_delete", args=[day.pk]))
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    assert AuditEvent.objects.filter(action="calendar.day_delete").count() == 1


def test_a_bad_special_day_is_refused_in_chinese(sysadmin, network):
    before = _state()
    response = sysadmin.post(reverse("workbench:calendar_day_set"),
                             {"date": "2026-03-03", "kind": "makeup_workday", "name": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "请填写名称" in html or "应为周六或周日" in html
    response = sysadmin.post(reverse("workbench:calendar_day_set"), {"date": "", "kind": "", "name": ""})
    assert response.status_code == 400 and "请填写日期" in response.content.decode()
    assert _state() == before
