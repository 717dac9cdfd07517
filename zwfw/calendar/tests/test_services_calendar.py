import datetime as dt
import json

import pytest

from zwfw.calendar.engine import CalendarNotCovered, add_working_days
from zwfw.calendar.models import CalendarDay, CalendarYear, DayKind, WorkCalendar
from zwfw.calendar.selectors import calendar_for
from zwfw.calendar.services import (
    calendar_day_delete,
    calendar_day_set,
    calendar_seed_from_package,
    calendar_year_import,
)
from zwfw.core.errors import Conflict, PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Region

from .conftest import NOW
from .reference import OFF, ON

D = dt.date.fromisoformat

# A made-up 2027 arrangement for tests only (not the State Council's).
FAKE_2027 = json.dumps({
    "year": 2027,
    "papers": ["test"],
    "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
        {"name": "元旦", "date": "2027-01-04", "isOffDay": True},
        {"name": "元旦", "date": "2027-01-09", "isOffDay": False},
    ],
})


def _snapshot():
    return (
        list(CalendarDay.objects.order_by("pk").values_list("pk", "date", "kind", "name")),
        list(CalendarYear.objects.order_by("pk").values_list("year", "source")),
        list(WorkCalendar.objects.values_list("pk", "version")),
        AuditEvent.objects.count(),
    )


def test_seed_loads_every_package_year_once(seeded):
    assert list(CalendarYear.objects.values_list("year", flat=True)) == list(range(2004, 2027))
    assert CalendarDay.objects.count() == 771
    jan4 = CalendarDay.objects.get(date=D("2026-01-04"))
    assert (jan4.kind, jan4.name, jan4.source) == (DayKind.MAKEUP_WORKDAY, "元旦", "chinesecalendar 1.11.0")
    before = _snapshot()
    assert calendar_seed_from_package(now=NOW) == []
    assert _snapshot() == before
    assert AuditEvent.objects.filter(action="calendar.seed").count() == 1


def test_seeded_days_agree_with_the_year_files(seeded):
    for year in (2024, 2025, 2026):
        rows = CalendarDay.objects.filter(date__year=year)
        assert {r.date for r in rows if r.kind == DayKind.MAKEUP_WORKDAY} == {d for d in ON if d.year == year}
        # holiday-cn lists off days only inside holiday periods, as does the package
        assert {r.date for r in rows if r.kind == DayKind.HOLIDAY} == {d for d in OFF if d.year == year}


def test_lazy_seed_on_first_use(db):
    assert WorkCalendar.objects.count() == 0
    assert add_working_days(calendar_for(None), D("2025-09-26"), 20) == D("2025-10-30")
    assert CalendarYear.objects.count() == 23


def test_import_next_year_extends_coverage(seeded, admin_user):
    with pytest.raises(CalendarNotCovered):
        add_working_days(calendar_for(None), D("2026-12-31"), 1)
    row = calendar_year_import(actor=admin_user, raw=FAKE_2027, now=NOW)
    assert (row.year, row.papers, row.imported_by) == (2027, ["test"], admin_user)
    cal = calendar_for(None)
    assert (cal.first_year, cal.last_year) == (2004, 2027)
    assert add_working_days(cal, D("2026-12-31"), 1) == D("2027-01-05")
    assert add_working_days(cal, D("2027-01-08"), 1) == D("2027-01-09")  # Saturday make-up
    event = AuditEvent.objects.get(action="calendar.year_import")
    assert event.actor_id == admin_user.pk
    assert event.changes["year"] == 2027 and event.changes["replaced"] is False


def test_import_existing_year_needs_replace(seeded, admin_user):
    raw = json.dumps({"year": 2026, "days": [{"name": "元旦", "date": "2026-01-01", "isOffDay": True}]})
    before = _snapshot()
    with pytest.raises(Conflict) as info:
        calendar_year_import(actor=admin_user, raw=raw, now=NOW)
    assert info.value.code == "calendar_year_exists"
    assert _snapshot() == before
    calendar_year_import(actor=admin_user, raw=raw, replace=True, now=NOW)
    assert list(CalendarDay.objects.filter(date__year=2026).values_list("date", flat=True)) == [D("2026-01-01")]
    assert calendar_for(None).is_workday(D("2026-01-04")) is False  # the make-up day is gone
    event = AuditEvent.objects.get(action="calendar.year_import")
    assert "2026-01-04" in event.changes["changed_days"]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ('{"year": 2029, "days": [{"name": "元旦", "date": "2029-01-01", "isOffDay": true}]}', "calendar_year_gap"),
        ('{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": "x"}]}', "calendar_file_invalid"),
        ("not json", "calendar_file_invalid"),
    ],
)
def test_bad_imports_change_nothing(seeded, admin_user, raw, code):
    before = _snapshot()
    with pytest.raises(ValidationFailed) as info:
        calendar_year_import(actor=admin_user, raw=raw, now=NOW)
    assert info.value.code == code
    assert _snapshot() == before


def test_only_system_admins_import(seeded, clerk):
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        calendar_year_import(actor=clerk, raw=FAKE_2027, now=NOW)
    assert _snapshot() == before


@pytest.fixture
def regions(db):
    province = Region.objects.create(code="450000000000", name="广西壮族自治区", level="province")
    city = Region.objects.create(code="450100000000", name="南宁市", level="city", parent=province)
    county = Region.objects.create(code="450102000000", name="兴宁区", level="county", parent=city)
    other = Region.objects.create(code="510000000000", name="四川省", level="province")
    return province, county, other


def test_regional_days_overlay_the_national_calendar(seeded, admin_user, regions):
    province, county, other = regions
    calendar_day_set(actor=admin_user, region=province, date=D("2026-04-20"), kind=DayKind.LOCAL_HOLIDAY,
                     name="壮族三月三", now=NOW)
    calendar_day_set(actor=admin_user, region=province, date=D("2026-04-25"), kind=DayKind.MAKEUP_WORKDAY,
                     name="壮族三月三", now=NOW)
    assert calendar_for(county).is_workday(D("2026-04-20")) is False
    assert calendar_for(county).is_workday(D("2026-04-25")) is True
    assert calendar_for(other).is_workday(D("2026-04-20")) is True
    assert calendar_for(None).is_workday(D("2026-04-20")) is True
    assert add_working_days(calendar_for(county), D("2026-04-17"), 1) == D("2026-04-21")
    day = CalendarDay.objects.get(calendar__region=province, date=D("2026-04-20"))
    calendar_day_delete(actor=admin_user, day=day, now=NOW)
    assert calendar_for(county).is_workday(D("2026-04-20")) is True
    assert AuditEvent.objects.filter(action__in=["calendar.day_set", "calendar.day_delete"]).count() == 3


@pytest.mark.parametrize(
    ("date", "kind", "field"),
    [
        ("2026-04-21", DayKind.MAKEUP_WORKDAY, "date"),  # a Tuesday cannot be a make-up day
        ("2026-04-20", DayKind.HOLIDAY, "kind"),  # regions add local days, not national holidays
        ("2027-04-20", DayKind.LOCAL_HOLIDAY, "date"),  # year not covered
    ],
)
def test_bad_regional_days_change_nothing(seeded, admin_user, regions, date, kind, field):
    before = _snapshot()
    with pytest.raises(ValidationFailed) as info:
        calendar_day_set(actor=admin_user, region=regions[0], date=D(date), kind=kind, name="x", now=NOW)
    assert list(info.value.field_errors) == [field]
    assert _snapshot() == before


def test_cache_is_reused_until_data_changes(seeded, admin_user):
    first = calendar_for(None)
    assert calendar_for(None) is first
    calendar_day_set(actor=admin_user, date=D("2026-03-02"), kind=DayKind.HOLIDAY, name="测试", now=NOW)
    second = calendar_for(None)
    assert second is not first
    assert second.is_workday(D("2026-03-02")) is False
