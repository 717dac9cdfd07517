"""Fixtures for the case tests: a county with a hall and a comprehensive window, a clerk there,
a chief representative, a citizen with an account, and a published item of another department."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.accounts.models import Role
from zwfw.accounts.services.applicants import citizen_account_create
from zwfw.calendar.selectors import calendar_cache_clear
from zwfw.calendar.services import calendar_seed_from_package
from zwfw.catalog.tests.conftest import NOW as PUBLISHED_AT
from zwfw.catalog.tests.conftest import (  # noqa: F401 — fixtures shared with the catalog tests
    approval_dept,
    county,
    draft,
    editor,
    make_user,
    other_dept,
    published,
    reviewer,
)
from zwfw.core.clock import SHANGHAI
from zwfw.organizations.models import CenterKind, ServiceCenter, Window, WindowKind

from .decided import accepted, approver, head, other_approver  # noqa: F401 — fixtures of the decision tests

# Tuesday 3 March 2026, 10:00 in China: a working day after the item was published.
NOW = dt.datetime(2026, 3, 3, 10, 0, tzinfo=SHANGHAI)
ID_NUMBER = "11010519491231002X"
# The answers the test items' default one-table form requires (zwfw.catalog.forms_defaults: an item
# for persons and organisations asks which one applies, and what is applied for); the rest of
# the person block comes from the applicant's real-name record.
FORM = {"applicant_type": "个人", "application_note": "新办"}


@pytest.fixture
def now():
    return NOW


@pytest.fixture(autouse=True)
def calendar(db):
    calendar_cache_clear()
    calendar_seed_from_package(now=PUBLISHED_AT)
    yield
    calendar_cache_clear()


@pytest.fixture
def hall(county):
    return ServiceCenter.objects.create(kind=CenterKind.HALL, region=county, name="广安区政务服务中心",
                                        address="广安区金安大道")


@pytest.fixture
def window(hall, other_dept):
    # A comprehensive window staffed by the civil-affairs bureau's clerk: it accepts any item.
    return Window.objects.create(center=hall, number="A01", name="综合受理窗口", kind=WindowKind.COMPREHENSIVE,
                                 department=other_dept)


@pytest.fixture
def clerk(window, other_dept):
    user = make_user("clerk_a01", Role.WINDOW_CLERK, department=other_dept)
    user.service_center = window.center
    user.window = window
    user.save(update_fields=["service_center", "window"])
    return user


@pytest.fixture
def outside_clerk(county):
    from zwfw.organizations.models import Department

    dept = Department.objects.create(region=county, code="ga", name="区公安分局")
    return make_user("clerk_other", Role.WINDOW_CLERK, department=dept)


@pytest.fixture
def citizen(db):
    return citizen_account_create(id_number=ID_NUMBER, name="张三", password="Zwfw-test-2026!", phone="13800001234",
                                  now=PUBLISHED_AT)


@pytest.fixture
def other_citizen(db):
    return citizen_account_create(id_number="110105194912310046", name="李四", password="Zwfw-test-2026!",
                                  now=PUBLISHED_AT)


@pytest.fixture
def item(published):
    return published.item


def publish_item(editor, reviewer, department, *, base_code: str, name: str, **fields):
    """Another published item of `department` (fields override the catalog tests' guide)."""
    from zwfw.catalog.services import (
        item_draft_create,
        item_publish,
        item_review_approve,
        item_submit_for_review,
    )
    from zwfw.catalog.tests.conftest import GUIDE, MATERIALS, STEPS

    version = item_draft_create(actor=editor, department=department, base_code=base_code, name=name, item_type="01",
                                fields={**GUIDE, **fields}, materials=[dict(m) for m in MATERIALS],
                                steps=[dict(s) for s in STEPS], now=PUBLISHED_AT)
    item_submit_for_review(actor=editor, version=version, now=PUBLISHED_AT)
    item_review_approve(actor=reviewer, version=version, now=PUBLISHED_AT)
    return item_publish(actor=reviewer, version=version, now=PUBLISHED_AT).item


@pytest.fixture
def immediate_item(editor, reviewer, approval_dept):
    return publish_item(editor, reviewer, approval_dept, base_code="000104003000", name="个体工商户名称变更登记",
                        case_kind="immediate", promised_limit=None)


@pytest.fixture
def catalog_flushable(db):
    """For transactional tests on SQLite: Django's flush deletes row by row, and the triggers that
    freeze published catalog versions refuse that. At teardown, mark the versions as drafts with
    the triggers lifted for a moment, so the flush that follows can empty the tables.
    (PostgreSQL's flush truncates, which row triggers do not see.)"""
    yield
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    import importlib

    frozen = importlib.import_module("zwfw.catalog.migrations.0002_published_versions_immutable")
    with connection.cursor() as cursor:
        for sql in frozen._sqlite_down():
            cursor.execute(sql)
        cursor.execute("UPDATE catalog_itemversion SET status = 'draft'")
        for sql in frozen._sqlite_up():
            cursor.execute(sql)
    cases_unsealed()


def cases_unsealed() -> None:
    """Test teardown only: sealed cases (ADR 0033) refuse a delete, so unseal them with the freeze
    triggers lifted for a moment (both databases)."""
    from django.db import connection

    from zwfw.cases.freeze_triggers import freeze_install, freeze_lift

    freeze_lift(connection)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET archived_at = NULL")
    freeze_install(connection)


def cases_wipe() -> None:
    """Test teardown only (transactional tests): every case and what hangs on it, whatever state a
    failed test left it in — sealed cases unsealed first, PROTECTed rows removed child first."""
    from zwfw.calendar.models import TimeLimitClock
    from zwfw.cases.models import Case, CaseDelivery, CaseExtension, CaseSpecialProcedure, ResultCertificate
    from zwfw.ratings.models import Appeal, Callback, Rating, RatingInvitation, WorkOrder

    cases_unsealed()
    for model in (Callback, Appeal, WorkOrder, Rating, RatingInvitation, CaseDelivery, ResultCertificate,
                  CaseExtension, CaseSpecialProcedure, Case):
        model.objects.all().delete()
    TimeLimitClock.objects.filter(owner_type="cases.case").delete()
