"""The dashboard pages: scoped to the supervisor's subtree, every count drills to its cases."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from zwfw.accounts.models import Role
from zwfw.stats.models import METRICS
from zwfw.stats.selectors import dashboard_where, drill_cases, figures_total

from .conftest import at
from .test_rollups import MARCH

DRILLED = [m for m in METRICS if not m.startswith("days_")] + ["in_progress", "overdue_now"]


@pytest.fixture
def now_march_12(monkeypatch):
    from zwfw.core import clock

    monkeypatch.setattr(clock, "now", lambda: at(12, 10))


@pytest.mark.parametrize("metric", DRILLED)
def test_drill_down_list_matches_the_figure(march, supervisor, metric):
    where = dashboard_where(supervisor, **MARCH)
    figures = figures_total(where, now=at(12, 10))
    expected = getattr(figures, metric) if metric in ("in_progress", "overdue_now") else figures[metric]
    assert drill_cases(supervisor, where, metric=metric, now=at(12, 10)).count() == expected


def test_drill_down_names_the_cases(march, supervisor):
    where = dashboard_where(supervisor, **MARCH)
    assert set(drill_cases(supervisor, where, metric="late", now=at(12)).values_list("pk", flat=True)) == {march["b"].pk}
    assert set(drill_cases(supervisor, where, metric="ahead", now=at(12)).values_list("pk", flat=True)) == {march["a"].pk}
    assert set(drill_cases(supervisor, where, metric="overdue_now", now=at(12)).values_list("pk", flat=True)) == {
        march["c"].pk}


def test_other_regions_supervisor_sees_nothing(client, march, neighbour_supervisor, county):
    client.force_login(neighbour_supervisor)
    own = client.get("/workbench/stats/", {"start": "2026-03-01", "end": "2026-03-31"})
    assert own.status_code == 200
    assert 'data-figure="received"' in own.content.decode()
    assert re.search(r'data-figure="received"><span class="tile-label">[^<]+</span>\s*<a class="tile-value" href="[^"]+">0<',
                     own.content.decode())
    for path in ("/workbench/stats/", "/workbench/stats/cases/", "/workbench/stats/export.xlsx"):
        response = client.get(path, {"start": "2026-03-01", "end": "2026-03-31", "region": county.code})
        assert response.status_code == 404, path


def test_other_regions_center_report_is_not_found(client, march, neighbour_supervisor, hall):
    client.force_login(neighbour_supervisor)
    assert client.get(f"/workbench/stats/centers/{hall.pk}/report.pdf", {"start": "2026-03-01"}).status_code == 404


def test_not_a_supervisor_is_refused(client, march, clerk):
    client.force_login(clerk)
    assert client.get("/workbench/stats/").status_code == 403


def test_page_tiles_link_to_the_cases(client, march, supervisor, now_march_12):
    client.force_login(supervisor)
    page = client.get("/workbench/stats/", {"start": "2026-03-01", "end": "2026-03-31"}).content.decode()
    link = re.search(r'data-figure="overdue_now">.*?href="([^"]+)">1<', page, re.S).group(1)
    drill = client.get(link.replace("&amp;", "&")).content.decode()
    assert march["c"].number in drill and march["b"].number not in drill
    assert "区行政审批局" in page and "80.00" in page  # the ranking row and its score
    assert "40×min(按时办结率÷100%,1)" in page  # the formula, shown


def test_bad_period_is_refused_with_a_code(client, march, supervisor):
    client.force_login(supervisor)
    response = client.get("/workbench/stats/", {"start": "2026-03-31", "end": "2026-03-01"})
    assert response.status_code == 400


def test_excel_export(client, march, supervisor, now_march_12):
    client.force_login(supervisor)
    response = client.get("/workbench/stats/export.xlsx", {"start": "2026-03-01", "end": "2026-03-31"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    figures = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=3, values_only=True)}
    assert figures["收件"] == "5" and figures["按时办结率"] == "50.0%" and figures["当前超期"] == "1"
    ranking = list(book.worksheets[1].iter_rows(min_row=3, values_only=True))
    assert ranking[0][1] == "区行政审批局" and ranking[0][-1] == "80.00"


def test_monthly_report_pdf(client, march, supervisor, hall, now_march_12):
    client.force_login(supervisor)
    response = client.get(f"/workbench/stats/centers/{hall.pk}/report.pdf", {"start": "2026-03-01"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_role_grants_nothing_else(march, make_user_supervisor_without_region):
    with pytest.raises(Exception) as info:
        dashboard_where(make_user_supervisor_without_region, **MARCH)
    assert getattr(info.value, "code", "") == "not_supervisor"


@pytest.fixture
def make_user_supervisor_without_region(db):
    from .conftest import make_user

    return make_user("supervisor_nowhere", Role.SUPERVISOR)
