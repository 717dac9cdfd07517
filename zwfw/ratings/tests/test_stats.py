"""Statistics against a hand-counted fixture, scoped to the viewer, with drill-down.

The fixture (all of 区行政审批局, the item's department):
  case A (即办件, concluded 3 March): PC 非常满意(1); SMS 非常不满意(5) — called back, fixed, closed on
      time; QR 不满意(4) — no call-back yet
  case B (即办件, concluded 3 March): PC 满意(2); hall tablet at window A01 基本满意(3)
  case C (承诺件, accepted 3 March): PC 不满意(4) — removed on appeal (kept, not counted)
  case D (即办件, concluded 3 March): unrated → the region's default rating (counted apart)
By hand: counted 5; satisfied 3 → 60.0 %; bad 2; real-name bad 2, called back 1 → 50.0 %;
closed 1, on time 1 → 100.0 %; defaults 1.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from zwfw.ratings.models import WorkOrder
from zwfw.ratings.selectors import ratings_for
from zwfw.ratings.services import (
    rating_appeal_decide,
    rating_appeal_file,
    rating_create_at_tablet,
    rating_create_by_applicant,
    rating_create_by_link,
    rating_policy_set,
    ratings_default_due,
    work_order_callback,
    work_order_close,
    work_order_submit,
)
from zwfw.ratings.stats import public_figures, rating_statistics
from zwfw.ratings.tokens import case_token, window_token

from .conftest import accepted_case, at, concluded_case


@pytest.fixture
def fixture(citizen, immediate_item, item, clerk, window, approval_dept, dept_staff, supervisor, county):
    a = concluded_case(citizen, immediate_item, clerk, window, approval_dept)
    b = concluded_case(citizen, immediate_item, clerk, window, approval_dept)
    d = concluded_case(citizen, immediate_item, clerk, window, approval_dept)
    c = accepted_case(citizen, item, clerk)
    rating_create_by_applicant(actor=citizen, case_id=a.pk, level=1, now=at(4))
    sms = rating_create_by_link(token=case_token(a.pk, "sms"), level=5, comment="排队太久", now=at(4, 11))
    rating_create_by_link(token=case_token(a.pk, "qr"), level=4, now=at(4, 12))
    rating_create_by_applicant(actor=citizen, case_id=b.pk, level=2, now=at(5))
    rating_create_at_tablet(window_token=window_token(window.pk), case_token=case_token(b.pk, "qr"), level=3,
                            now=at(5, 11))
    removed = rating_create_by_applicant(actor=citizen, case_id=c.pk, level=4, now=at(5, 12))
    order = WorkOrder.objects.get(rating=sms)
    work_order_callback(actor=dept_staff, work_order=order, method="phone", reached=True, outcome="已致歉", now=at(4, 15))
    work_order_submit(actor=dept_staff, work_order=order, resolution="fixed", note="增开窗口", now=at(5, 9))
    work_order_close(actor=supervisor, work_order=order, now=at(5, 10))
    appeal = rating_appeal_file(actor=dept_staff, rating=removed, reason="误评", now=at(6))
    rating_appeal_decide(actor=supervisor, appeal=appeal, remove=True, reason="申请人确认误评", now=at(6, 11))
    rating_policy_set(actor=supervisor, region=county, default_rating_enabled=True, default_after_days=7,
                      default_level=3, callback_working_days=1, rectification_working_days=5, source="地方规定",
                      now=at(3, 9))
    assert ratings_default_due(now=at(11)) == 1
    return {"a": a, "b": b, "c": c, "d": d}


def _tuple(f):
    return (f.ratings, f.satisfied, f.bad, f.defaults, f.closed, f.closed_on_time, f.real_name_bad, f.called_back)


def test_statistics_match_the_hand_count(fixture, supervisor, approval_dept, window, clerk):
    rows, total = rating_statistics(supervisor, by="department")
    assert [(r.key, r.name) for r in rows] == [(approval_dept.pk, approval_dept.name)]
    assert _tuple(rows[0]) == _tuple(total) == (5, 3, 2, 1, 1, 1, 2, 1)
    assert (total.satisfaction_rate, total.on_time_rate, total.callback_rate) == (
        Decimal("60.0"), Decimal("100.0"), Decimal("50.0"))
    windows, _total = rating_statistics(supervisor, by="window")
    tablet = next(r for r in windows if r.key == window.pk)
    assert _tuple(tablet) == (1, 1, 0, 0, 0, 0, 0, 0)
    staff, _total = rating_statistics(supervisor, by="staff")
    assert _tuple(next(r for r in staff if r.key == clerk.pk))[:3] == (5, 3, 2)


def test_a_period_narrows_the_count(fixture, supervisor):
    _rows, total = rating_statistics(supervisor, start=dt.date(2026, 3, 4), end=dt.date(2026, 3, 4))
    assert (total.ratings, total.satisfied, total.bad) == (3, 1, 2)


def test_drill_down_and_scope(fixture, supervisor, neighbour_supervisor, dept_staff, outsider_staff, citizen,
                             approval_dept):
    bad = ratings_for(supervisor, department=approval_dept.pk, bad_only=True)
    assert sorted(r.level for r in bad) == [4, 4, 5]  # the removed one is listed (marked), not counted
    assert ratings_for(dept_staff).count() == 7
    assert ratings_for(citizen).count() == 7
    for outsider in (neighbour_supervisor, outsider_staff):
        assert ratings_for(outsider).count() == 0
        assert rating_statistics(outsider)[1].ratings == 0


def test_public_figures_have_the_same_counts(fixture, approval_dept):
    figures = public_figures(department=approval_dept)
    assert (figures.ratings, figures.bad, figures.satisfaction_rate) == (5, 2, Decimal("60.0"))


def test_statistics_cost_a_fixed_number_of_queries(fixture, supervisor, client, django_assert_max_num_queries):
    from django.urls import reverse

    for by in ("department", "center", "window", "staff"):
        with django_assert_max_num_queries(3):  # the grouped rows and the total (+ the viewer's roles)
            rating_statistics(supervisor, by=by)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("portal:ratings_public")).status_code == 200


def test_a_bad_rating_with_its_work_order_costs_a_bounded_number_of_statements(concluded, citizen, head,
                                                                              django_assert_max_num_queries):
    # Rating row, 评价次数, work order, two clocks (calendar look-ups cached), audit events, the
    # heads' notification through the outbox: measured 47 on SQLite when written.
    with django_assert_max_num_queries(60):
        rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=5, comment="慢", now=at(4))
