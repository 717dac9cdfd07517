"""The API path of 特别程序 and 延期: apply → accept → an expert review across 国庆节 → an
extension approved by the head; the statutory due date moves by the paused working days, then by
the approved days. Idempotent retries, stale revisions, and who gets "not found"."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.accounts.models import Role
from zwfw.api.tests.conformance import assert_conforms
from zwfw.calendar.engine import working_days_between
from zwfw.calendar.selectors import calendar_for
from zwfw.cases.models import Case, CaseSpecialProcedure
from zwfw.catalog.tests.conftest import make_user
from zwfw.core import clock
from zwfw.core.clock import SHANGHAI

from .test_api import apply, client_for
from .test_procedures import PAUSED_WORKING_DAYS

pytestmark = pytest.mark.django_db


class Clock:
    """The services' "now", moved by the test."""

    def __init__(self, at):
        self.at = at

    def __call__(self):
        return self.at


@pytest.fixture
def moving_clock(monkeypatch):
    fixed = Clock(dt.datetime(2026, 9, 24, 9, 0, tzinfo=SHANGHAI))
    monkeypatch.setattr(clock, "now", fixed)
    return fixed


@pytest.fixture
def approver(approval_dept):
    return make_user("approver_api", Role.APPROVER, department=approval_dept)


@pytest.fixture
def head(approval_dept):
    return make_user("head_api", Role.DEPARTMENT_HEAD, department=approval_dept)


def _clocks(client, case_id) -> dict:
    response = client.get(f"/api/v1/cases/{case_id}/time-limits")
    assert response.status_code == 200, response.json()
    return {c["purpose"]: c for c in response.json()}


def _revision(client, case_id) -> int:
    return client.get(f"/api/v1/cases/{case_id}").json()["revision"]


def test_expert_review_and_extension_through_the_api(moving_clock, client, citizen, other_citizen, item, clerk, approver, head,
                                                      hall, other_dept):
    now = moving_clock
    case_id = apply(client_for(citizen), item).json()["id"]
    now.at = dt.datetime(2026, 9, 24, 10, 0, tzinfo=SHANGHAI)
    staff, boss = client_for(approver), client_for(head)
    accepted = client_for(clerk).post(f"/api/v1/cases/{case_id}/accept", {"revision": _revision(staff, case_id)},
                                      format="json")
    assert accepted.status_code == 200, accepted.json()
    due_before = dt.date.fromisoformat(_clocks(staff, case_id)["statutory"]["due_date"])
    assert due_before == dt.date(2026, 10, 29)

    now.at = dt.datetime(2026, 9, 28, 10, 0, tzinfo=SHANGHAI)
    body = {"revision": _revision(staff, case_id), "kind": "expert_review", "reason": "组织专家评审",
            "expected_duration": 8}
    started = staff.post(f"/api/v1/cases/{case_id}/special-procedures", body, format="json",
                         HTTP_IDEMPOTENCY_KEY="sp-start-0001")
    assert started.status_code == 201, started.json()
    procedure = started.json()
    assert (procedure["kind_display"], procedure["gb_code"], procedure["expected_end_on"]) == (
        "专家评审", "2", "2026-10-14")
    # A retry with the same key replays the answer; nothing is started twice.
    again = staff.post(f"/api/v1/cases/{case_id}/special-procedures", body, format="json",
                       HTTP_IDEMPOTENCY_KEY="sp-start-0001")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert CaseSpecialProcedure.objects.count() == 1
    assert_conforms(client, started, method="post", path="/api/v1/cases/{case_pk}/special-procedures")
    paused = _clocks(staff, case_id)
    assert paused["statutory"]["status"] == "paused" and paused["statutory"]["due_date"] is None
    assert paused["statutory"]["remaining_days"] is None

    now.at = dt.datetime(2026, 10, 9, 16, 0, tzinfo=SHANGHAI)
    stale = staff.post(f"/api/v1/cases/{case_id}/special-procedures/{procedure['id']}/end",
                       {"revision": procedure["case_revision"] - 1, "result": "通过"}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "case_stale"
    ended = staff.post(f"/api/v1/cases/{case_id}/special-procedures/{procedure['id']}/end",
                       {"revision": procedure["case_revision"], "result": "专家评审通过"}, format="json")
    assert ended.status_code == 200, ended.json()
    assert ended.json()["status"] == "ended"
    resumed = _clocks(staff, case_id)["statutory"]
    due_after_review = dt.date.fromisoformat(resumed["due_date"])
    cal = calendar_for(Case.objects.get(pk=case_id).region)
    assert working_days_between(cal, due_before, due_after_review) == PAUSED_WORKING_DAYS
    assert resumed["pauses"][0]["excluded_days"] == PAUSED_WORKING_DAYS and resumed["remaining_days"] == 19

    # Extension: a request without a reason, or beyond the maximum, is refused in Chinese.
    no_reason = staff.post(f"/api/v1/cases/{case_id}/extensions", {"days": 5, "reason": " "}, format="json")
    assert no_reason.status_code == 400
    beyond = staff.post(f"/api/v1/cases/{case_id}/extensions", {"days": 11, "reason": "复杂"}, format="json")
    assert beyond.status_code == 400 and beyond.json()["code"] == "extension_beyond_maximum"
    assert "最多可延长 10 个工作日" in beyond.json()["message"]
    requested = staff.post(f"/api/v1/cases/{case_id}/extensions",
                           {"days": 10, "reason": "需补充实地核查", "revision": ended.json()["case_revision"]},
                           format="json", HTTP_IDEMPOTENCY_KEY="ext-req-0001")
    assert requested.status_code == 201, requested.json()
    extension = requested.json()
    assert (extension["status"], extension["gb_code_display"]) == ("requested", "延长审批")
    not_head = staff.post(f"/api/v1/cases/{case_id}/extensions/{extension['id']}/decision", {"approve": True},
                          format="json")
    assert not_head.status_code == 403 and not_head.json()["code"] == "extension_needs_department_head"
    approved = boss.post(f"/api/v1/cases/{case_id}/extensions/{extension['id']}/decision",
                         {"approve": True, "revision": extension["case_revision"]}, format="json",
                         HTTP_IDEMPOTENCY_KEY="ext-dec-0001")
    assert approved.status_code == 200, approved.json()
    after = approved.json()
    assert after["status"] == "approved" and after["statutory_due_before"] == due_after_review.isoformat()
    due_extended = dt.date.fromisoformat(_clocks(staff, case_id)["statutory"]["due_date"])
    assert working_days_between(cal, due_after_review, due_extended) == 10
    assert due_extended == dt.date(2026, 11, 18) and after["statutory_due_after"] == "2026-11-18"
    assert_conforms(client, approved, method="post", path="/api/v1/cases/{case_pk}/extensions/{id}/decision")
    assert_conforms(client, staff.get(f"/api/v1/cases/{case_id}/time-limits"), method="get",
                    path="/api/v1/cases/{case_pk}/time-limits")
    listed = staff.get(f"/api/v1/cases/{case_id}/extensions").json()
    assert [x["status"] for x in listed] == ["approved"]

    # The applicant sees the case's procedures; another citizen and an unknown case get 404.
    assert client_for(citizen).get(f"/api/v1/cases/{case_id}/special-procedures").status_code == 200
    for path in ("special-procedures", "extensions", "time-limits"):
        assert client_for(other_citizen).get(f"/api/v1/cases/{case_id}/{path}").status_code == 404
    assert client_for(other_citizen).post(f"/api/v1/cases/{case_id}/extensions", {"days": 1, "reason": "x"},
                                          format="json").status_code == 404
    # Staff of another department do not see the case; the hall's clerk sees it but does not process it.
    stranger = client_for(make_user("approver_mz", Role.APPROVER, department=other_dept))
    for path in ("special-procedures", "extensions", "time-limits"):
        assert stranger.get(f"/api/v1/cases/{case_id}/{path}").status_code == 404
    assert stranger.post(f"/api/v1/cases/{case_id}/special-procedures/{procedure['id']}/end", {"result": "x"},
                         format="json").status_code == 404
    assert stranger.post(f"/api/v1/cases/{case_id}/extensions/{extension['id']}/decision", {"approve": False},
                         format="json").status_code == 404
    window = client_for(clerk).post(f"/api/v1/cases/{case_id}/extensions", {"days": 1, "reason": "x"}, format="json")
    assert window.status_code == 403 and window.json()["code"] == "not_department_staff"
    # The applicant may read but not act.
    own = client_for(citizen).post(f"/api/v1/cases/{case_id}/special-procedures",
                                   {"kind": "testing", "reason": "x", "expected_duration": 1}, format="json")
    assert own.status_code == 403 and own.json()["code"] == "not_department_staff"


def test_the_openapi_document_lists_the_new_paths(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/cases/{case_pk}/special-procedures/{id}/end"]
    assert "post" in paths["/api/v1/cases/{case_pk}/extensions/{id}/decision"]
    assert "get" in paths["/api/v1/cases/{case_pk}/time-limits"]
    start = paths["/api/v1/cases/{case_pk}/special-procedures"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in start["parameters"])
