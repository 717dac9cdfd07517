import datetime as dt

import pytest

from zwfw.calendar.limits import NATIONAL_THRESHOLDS, Thresholds
from zwfw.calendar.models import CalendarYear
from zwfw.calendar.selectors import calendar_coverage_warnings, calendar_years, thresholds_for
from zwfw.calendar.services import warning_policy_set
from zwfw.core.clock import SHANGHAI
from zwfw.organizations.models import Region


def at(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-10-31 23:59", []),
        ("2026-11-01 00:00", [2027]),
        ("2026-12-31 12:00", [2027]),
        ("2028-01-02 12:00", [2027, 2028]),
    ],
)
def test_coverage_warnings_from_first_of_november(seeded, now, expected):
    warnings = calendar_coverage_warnings(at(now))
    assert [w["year"] for w in warnings] == expected
    assert [w["message"] for w in warnings] == [f"{y} 年工作日历尚未导入" for y in expected]


def test_coverage_warnings_only_for_admins(seeded, admin_user, clerk):
    now = at("2026-11-02 09:00")
    assert calendar_coverage_warnings(now, viewer=clerk) == []
    assert calendar_coverage_warnings(now, viewer=admin_user)[0]["message"] == "2027 年工作日历尚未导入"
    assert calendar_years(viewer=clerk) == []
    assert [y.year for y in calendar_years(viewer=admin_user)] == list(range(2004, 2027))


def test_empty_calendar_warns(db):
    assert calendar_coverage_warnings(at("2026-05-01 09:00")) == [
        {"code": "calendar_empty", "year": 2026, "message": "工作日历尚未初始化"}
    ]
    assert CalendarYear.objects.count() == 0  # the warning does not seed


def test_thresholds_nearest_region_wins(db, admin_user):
    province = Region.objects.create(code="450000000000", name="广西壮族自治区", level="province")
    county = Region.objects.create(code="450102000000", name="兴宁区", level="county", parent=province)
    assert thresholds_for(county) == NATIONAL_THRESHOLDS == Thresholds(2, 20)
    warning_policy_set(actor=admin_user, yellow_days=3, yellow_percent=25)
    assert thresholds_for(county) == Thresholds(3, 25)
    warning_policy_set(actor=admin_user, region=province, yellow_days=1, yellow_percent=10)
    warning_policy_set(actor=admin_user, region=county, yellow_days=5, yellow_percent=0)
    assert thresholds_for(county) == Thresholds(5, 0)
    assert thresholds_for(province) == Thresholds(1, 10)
