"""A calendar change recomputes only the affected regions' clocks, in batches, as a job whose
progress the administrator sees — never inside the administrator's request (issue 7 point 9)."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from zwfw.calendar.models import DayKind
from zwfw.calendar.services import calendar_day_delete, calendar_day_set, clock_start, warning_policy_set
from zwfw.core.models import AuditEvent
from zwfw.jobs.models import JobRun, JobRunStatus, OutboxMessage
from zwfw.jobs.testing import outbox_drain
from zwfw.notifications.models import InboxMessage, Notification
from zwfw.organizations.models import Region

from .conftest import NOW
from .test_services_clock import _row, at

pytestmark = pytest.mark.django_db

LOCAL_DAY = dt.date(2025, 10, 20)  # a Monday inside every clock's running time


@pytest.fixture(autouse=True)
def _queue(empty_queue):
    """Every test here starts and ends with an empty job queue."""


@pytest.fixture
def regions(db):
    gx = Region.objects.create(code="450000000000", name="广西壮族自治区", level="province")
    nn = Region.objects.create(code="450100000000", name="南宁市", level="city", parent=gx)
    xn = Region.objects.create(code="450102000000", name="兴宁区", level="county", parent=nn)
    sc = Region.objects.create(code="510000000000", name="四川省", level="province")
    ga = Region.objects.create(code="511602000000", name="广安区", level="county", parent=sc)
    return {"gx": gx, "nn": nn, "xn": xn, "sc": sc, "ga": ga}


def _clocks(clerk, regions):
    """Two clocks in 广西 (city and county), one in 四川, one without a region (national calendar)."""
    out = {}
    for n, key in enumerate(["nn", "xn", "ga", None]):
        out[key] = clock_start(actor=clerk, owner_type="cases.case", owner_id=str(n), purpose="promised", limit=20,
                               unit="working_days", region=regions[key] if key else None, now=at("2025-09-26 10:00"))
    return out


def _rows(clocks):
    return {key: _row(clock) for key, clock in clocks.items()}


def test_regional_day_recomputes_only_that_subtree_after_the_request(seeded, clerk, admin_user, regions):
    clocks = _clocks(clerk, regions)
    before = _rows(clocks)
    calendar_day_set(actor=admin_user, region=regions["gx"], date=LOCAL_DAY, kind=DayKind.LOCAL_HOLIDAY,
                     name="测试地方休息日", now=NOW)
    # The request recomputed nothing: it queued a job.
    assert _rows(clocks) == before
    assert not AuditEvent.objects.filter(action="clock.recompute").exists()
    run = JobRun.objects.get()
    assert (run.kind, run.status, run.created_by, run.total, run.done) == (
        "calendar.clocks_recompute", JobRunStatus.PENDING, admin_user, 0, 0)
    assert run.label == "工作日历变更后重算时限（广西壮族自治区及下级区划）"
    assert OutboxMessage.objects.get().dedupe_key == f"job-run:{run.pk}"

    assert outbox_drain(now=NOW) == 1
    after = _rows(clocks)
    assert after["nn"][1] == after["xn"][1] == dt.date(2025, 10, 31)  # one more day for the local holiday
    assert before["nn"][1] == dt.date(2025, 10, 30)
    assert after["ga"] == before["ga"] and after[None] == before[None]
    run.refresh_from_db()
    assert (run.status, run.total, run.done, run.changed, run.percent) == (JobRunStatus.DONE, 2, 2, 2, 100)
    event = AuditEvent.objects.get(action="clock.recompute")
    assert (event.actor_id, event.changes["count"]) == (admin_user.pk, 2)
    outbox_drain(now=NOW)  # the administrator is told when the run is done
    told = InboxMessage.objects.get(recipient=admin_user)
    assert (told.title, told.link) == ("时限重算完成", "/workbench/jobs/")
    assert told.body == "工作日历变更后重算时限（广西壮族自治区及下级区划）：共 2 个时限，其中 2 个到期时间已更新。"


def test_national_change_recomputes_every_live_clock(seeded, clerk, admin_user, regions):
    clocks = _clocks(clerk, regions)
    before = _rows(clocks)
    calendar_day_set(actor=admin_user, date=dt.date(2025, 10, 20), kind=DayKind.HOLIDAY, name="测试假日", now=NOW)
    assert _rows(clocks) == before
    outbox_drain(now=NOW)
    assert {key: row[1] for key, row in _rows(clocks).items()} == dict.fromkeys(clocks, dt.date(2025, 10, 31))
    run = JobRun.objects.get()
    assert (run.status, run.total, run.done, run.label) == (
        JobRunStatus.DONE, 4, 4, "工作日历变更后重算时限（全国）")


def test_batches_record_progress(seeded, clerk, admin_user, regions, settings):
    settings.ZWFW_CLOCK_RECOMPUTE_BATCH = 3
    clocks = _clocks(clerk, regions)
    calendar_day_set(actor=admin_user, date=LOCAL_DAY, kind=DayKind.HOLIDAY, name="测试假日", now=NOW)
    outbox_drain(now=NOW)
    run = JobRun.objects.get()
    assert (run.status, run.total, run.done, run.changed) == (JobRunStatus.DONE, 4, 4, 4)
    counts = sorted(e.changes["count"] for e in AuditEvent.objects.filter(action="clock.recompute"))
    assert counts == [1, 3]  # one audited recompute per batch
    assert len(clocks) == 4


def test_redelivered_finished_run_does_nothing_again(seeded, clerk, admin_user, regions):
    _clocks(clerk, regions)
    day = calendar_day_set(actor=admin_user, region=regions["gx"], date=LOCAL_DAY, kind=DayKind.LOCAL_HOLIDAY,
                           name="x", now=NOW)
    outbox_drain(now=NOW)
    from zwfw.jobs.registry import handler_for

    message = OutboxMessage.objects.get(kind="calendar.clocks_recompute")
    handler_for(message.kind)(payload=message.payload, dedupe_key=message.dedupe_key, now=NOW)
    assert AuditEvent.objects.filter(action="clock.recompute").count() == 1
    assert Notification.objects.filter(template="calendar.recompute_finished").count() == 1
    calendar_day_delete(actor=admin_user, day=day, now=NOW)
    assert JobRun.objects.count() == 2


def test_policy_change_for_a_region_recomputes_its_subtree_only(seeded, clerk, admin_user, regions):
    clocks = _clocks(clerk, regions)
    before = _rows(clocks)
    warning_policy_set(actor=admin_user, region=regions["sc"], yellow_days=1, yellow_percent=10, now=NOW)
    assert _rows(clocks) == before
    outbox_drain(now=NOW)
    after = _rows(clocks)
    assert after["ga"][3] != before["ga"][3]
    assert {k: after[k] for k in ("nn", "xn", None)} == {k: before[k] for k in ("nn", "xn", None)}


def test_administrator_sees_progress_in_the_api_and_on_the_workbench(seeded, clerk, admin_user, regions, client):
    _clocks(clerk, regions)
    calendar_day_set(actor=admin_user, region=regions["gx"], date=LOCAL_DAY, kind=DayKind.LOCAL_HOLIDAY,
                     name="x", now=NOW)
    outbox_drain(now=NOW)
    run = JobRun.objects.get()
    api = APIClient()
    api.force_authenticate(admin_user)
    body = api.get(f"/api/v1/jobs/runs/{run.pk}").json()
    assert (body["status"], body["total"], body["done"], body["percent"]) == ("done", 2, 2, 100)
    assert [r["id"] for r in api.get("/api/v1/jobs/runs").json()["results"]] == [run.pk]
    api.force_authenticate(clerk)
    assert api.get(f"/api/v1/jobs/runs/{run.pk}").status_code == 404
    assert api.get("/api/v1/jobs/runs").status_code == 403
    client.force_login(admin_user)
    html = client.get("/workbench/jobs/").content.decode()
    assert f'data-run="{run.pk}" data-status="done"' in html and "2 / 2" in html
    client.force_login(clerk)
    assert client.get("/workbench/jobs/").status_code == 403
