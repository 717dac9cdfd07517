"""The step API and the work queue: ordering by urgency, scoping (another department gets 404 and
an empty queue), idempotent retries, bad input with a Chinese message and nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from zwfw.cases.models import Case, CaseStep
from zwfw.cases.selectors_work import NORMAL, RED, YELLOW, work_queue
from zwfw.core import clock
from zwfw.supervision.models import Card, Level, SupervisionRule, Target, ThresholdKind

from .conftest import NOW
from .steps_fixtures import *  # noqa: F403 — the step fixtures
from .steps_fixtures import accepted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _base(case):
    return f"/api/v1/cases/{case.pk}/steps"


def test_queue_orders_red_then_yellow_then_due_date_and_is_scoped(citizen, steps_item, clerk, hall, approver,
                                                                  joint_approver, foreign_approver, head):
    # Step clocks of one working day, seen on Thursday 5 March 16:00: accepted Tuesday → overdue
    # (red); accepted Wednesday → due today, past its warning moment (yellow); accepted Thursday →
    # normal, the earlier acceptance first.
    day = dt.timedelta(days=1)
    red = accepted(citizen, steps_item, clerk, at=NOW)
    normal_late = accepted(citizen, steps_item, clerk, at=NOW + 2 * day + dt.timedelta(minutes=5))
    normal = accepted(citizen, steps_item, clerk, at=NOW + 2 * day)
    yellow = accepted(citizen, steps_item, clerk, at=NOW + day)
    seen = NOW + 2 * day + dt.timedelta(hours=6)
    yellow_clock = CaseStep.objects.get(case=yellow, position=1).clock
    assert yellow_clock.warn_at <= seen < yellow_clock.due_at
    queue = list(work_queue(approver, now=seen))
    assert [s.case_id for s in queue] == [red.pk, yellow.pk, normal.pk, normal_late.pk]
    assert [s.urgency for s in queue][:2] == [RED, YELLOW]
    for moment in (seen, NOW):  # each level read from the stored moments of the step's clock
        levels = []
        for step in work_queue(approver, now=moment):
            expected = RED if step.clock.due_at <= moment else YELLOW if step.clock.warn_at <= moment else NORMAL
            assert step.urgency == expected
            levels.append(step.urgency)
        assert levels == sorted(levels)
    assert NORMAL in [s.urgency for s in work_queue(approver, now=NOW)]
    # A red card open on a normal case puts it first among the red.
    rule = SupervisionRule.objects.create(code="S-R", version=1, target=Target.STEP, threshold=ThresholdKind.EXCEEDED,
                                          level=Level.RED, source="测试", created_at=NOW)
    Card.objects.create(clock=CaseStep.objects.get(case=normal_late, position=1).clock, level=Level.RED, rule=rule,
                        rule_code="S-R", rule_version=1, owner_type="cases.case", owner_id=str(normal_late.pk),
                        summary="超期", raised_at=NOW)
    queue = list(work_queue(approver, now=seen))
    assert [s.case_id for s in queue][:2] == [red.pk, normal_late.pk]
    # Other posts see nothing of it: the head (step waits for approval staff), another
    # department, the joint department before it is asked.
    assert list(work_queue(head, now=NOW)) == []
    assert list(work_queue(foreign_approver, now=NOW)) == []
    assert list(work_queue(joint_approver, now=NOW)) == []

    body = client_for(approver).get("/api/v1/work/queue").json()
    # The API reads the queue now (Tuesday 10:00): only the red card makes a case red yet.
    assert [r["case_id"] for r in body["results"]][0] == normal_late.pk
    assert body["results"][0]["urgency_display"].startswith("红色")
    assert client_for(approver).get("/api/v1/work/queue?show=bogus").status_code == 400


def test_another_departments_staff_get_404_and_change_nothing(citizen, steps_item, clerk, hall, foreign_approver):
    case = accepted(citizen, steps_item, clerk)
    client = client_for(foreign_approver)
    assert client.get(_base(case)).status_code == 404
    for path in ("claim", "pass", "return", "joint", "opinion"):
        response = client.post(f"{_base(case)}/{path}", {"opinion": "同意", "reason": "x", "note": "x"}, format="json")
        assert response.status_code == 404, (path, response.json())
        assert response.json()["code"] == "case_not_found"
    assert Case.objects.get(pk=case.pk).revision == case.revision
    assert not CaseStep.objects.filter(case=case, assignee__isnull=False).exists()


def test_claim_and_pass_over_the_api_with_idempotent_retries(citizen, steps_item, clerk, hall, approver, approver2,
                                                            joint_approver):
    case = accepted(citizen, steps_item, clerk)
    client = client_for(approver)
    listed = client.get(_base(case)).json()
    assert [s["status"] for s in listed["steps"]] == ["done", "current", "pending", "pending", "pending"]
    assert listed["steps"][1]["remaining_working_days"] == 1
    first = client.post(f"{_base(case)}/claim", {"revision": listed["revision"]}, format="json",
                        HTTP_IDEMPOTENCY_KEY="claim-00001")
    assert first.status_code == 200, first.json()
    again = client.post(f"{_base(case)}/claim", {"revision": listed["revision"]}, format="json",
                        HTTP_IDEMPOTENCY_KEY="claim-00001")
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert first.json()["steps"][1]["assignee"] == approver.full_name

    missing = client.post(f"{_base(case)}/pass", {"opinion": "核查无误"}, format="json")
    assert missing.status_code == 400 and missing.json()["code"] == "second_verifier_required"
    unknown = client.post(f"{_base(case)}/pass", {"opinion": "核查无误", "second_verifier": 999999}, format="json")
    assert unknown.status_code == 400 and unknown.json()["code"] == "second_verifier_invalid"
    stale = client.post(f"{_base(case)}/pass", {"opinion": "核查无误", "second_verifier": approver2.pk,
                                                "revision": listed["revision"]}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "case_stale"
    too_long = client.post(f"{_base(case)}/opinion", {"opinion": "长" * 2001}, format="json")
    assert too_long.status_code == 400
    passed = client.post(f"{_base(case)}/pass", {"opinion": "核查无误", "second_verifier": approver2.pk,
                                                 "revision": first.json()["revision"]}, format="json")
    assert passed.status_code == 200, passed.json()
    steps = passed.json()["steps"]
    assert (steps[1]["status"], steps[1]["second_verifier"], steps[1]["business_action_display"]) == (
        "done", approver2.full_name, "通过")
    joint = client.post(f"{_base(case)}/joint", {"note": "请出具意见"}, format="json")
    assert joint.status_code == 200 and joint.json()["steps"][2]["status"] == "joint"
    # Now the joint department sees the case and answers.
    assert [s.case_id for s in work_queue(joint_approver, now=NOW)] == [case.pk]
    answer = client_for(joint_approver).post(f"{_base(case)}/joint-answer", {"agreed": True, "opinion": "同意"},
                                             format="json")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["steps"][3]["status"] == "current"


def test_the_applicant_sees_step_states_without_opinions(citizen, steps_item, clerk, hall):
    case = accepted(citizen, steps_item, clerk)
    body = client_for(citizen).get(_base(case)).json()
    assert body["steps"][1] == {k: body["steps"][1][k] for k in (
        "position", "run", "name", "kind", "kind_display", "status", "status_display", "gb_step_status",
        "started_at", "finished_at")}
    assert "opinion" not in body["steps"][1]
    refused = client_for(citizen).post(f"{_base(case)}/claim", {}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "step_not_yours"


def test_openapi_lists_every_step_action():
    from django.test import Client

    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for suffix in ("", "/claim", "/assign", "/opinion", "/pass", "/return", "/joint", "/joint-answer"):
        assert f"/api/v1/cases/{{case_pk}}/steps{suffix}" in paths, suffix
    assert "/api/v1/work/queue" in paths
