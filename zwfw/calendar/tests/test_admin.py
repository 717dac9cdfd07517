import datetime as dt

from zwfw.accounts.models import User
from zwfw.calendar.models import CalendarDay, WorkCalendar
from zwfw.core.models import AuditEvent


def test_admin_edits_days_through_the_service(seeded, client):
    admin = User.objects.create_superuser(username="root", password="x-Password-123")
    client.force_login(admin)
    national = WorkCalendar.objects.get(region__isnull=True)
    url = "/django-admin/calendar/calendarday/add/"
    bad = client.post(url, {"calendar": national.pk, "date": "2026-03-03", "kind": "makeup_workday", "name": "x"})
    assert bad.status_code == 200
    assert "调休上班日 2026-03-03 应为周六或周日" in bad.content.decode()
    assert not CalendarDay.objects.filter(date=dt.date(2026, 3, 3)).exists()

    ok = client.post(url, {"calendar": national.pk, "date": "2026-03-07", "kind": "makeup_workday", "name": "测试"})
    assert ok.status_code == 302
    day = CalendarDay.objects.get(date=dt.date(2026, 3, 7))
    assert (day.kind, day.source) == ("makeup_workday", "管理后台")
    assert AuditEvent.objects.filter(action="calendar.day_set", actor_id=admin.pk).count() == 1
