"""The decision, delivery and conclusion through the API: decide with a certificate, idempotent
retries, refusals with their codes, window and electronic delivery, conclusion without a
decision, and what an applicant or an outsider may call."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from zwfw.cases.models import CaseEvent, CaseStatus
from zwfw.core import clock
from zwfw.jobs.testing import outbox_drain

from .conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _post(user, case, path, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client_for(user).post(f"/api/v1/cases/{case.pk}/{path}", body, format="json", **headers)


def test_decide_with_a_certificate_is_idempotent_and_shown_on_the_case(accepted, head, citizen):
    body = {"outcome": "approve", "reasons": "符合法定条件", "revision": accepted.revision,
            "certificate": {"name": "节能审查意见", "number": "节审〔2026〕1号", "valid_until": "2028-03-02"}}
    first = _post(head, accepted, "decide", body, key="decide-00001")
    assert first.status_code == 200, first.json()
    data = first.json()
    assert (data["status"], data["decision"], data["decision_reasons"]) == ("decided", "approve", "符合法定条件")
    assert data["certificate"] == {"name": "节能审查意见", "number": "节审〔2026〕1号", "valid_from": "2026-03-03",
                                   "valid_until": "2028-03-02", "issuing_body": "区行政审批局"}
    again = _post(head, accepted, "decide", body, key="decide-00001")
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert CaseEvent.objects.filter(case=accepted, action="decide").count() == 1
    # The applicant sees the decision and, once issued, its document.
    outbox_drain(now=NOW)
    mine = client_for(citizen).get(f"/api/v1/cases/{accepted.pk}").json()
    assert mine["decision"] == "approve" and mine["decision_document"]["title"] == "准予行政许可决定书"


@pytest.mark.parametrize(("who", "body", "status", "code"), [
    ("head", {"outcome": "deny", "reasons": ""}, 400, "reasons_required"),
    ("head", {"outcome": "deny", "reasons": "x", "revision": 1}, 409, "case_stale"),
    ("clerk", {"outcome": "approve", "reasons": "符合"}, 403, "decision_not_allowed"),
    ("other_approver", {"outcome": "approve", "reasons": "符合"}, 404, "case_not_found"),
    ("citizen", {"outcome": "approve", "reasons": "符合"}, 403, "decision_not_allowed"),
])
def test_refused_decisions_answer_with_a_code_and_change_nothing(request, accepted, who, body, status, code):
    answer = _post(request.getfixturevalue(who), accepted, "decide", body)
    assert answer.status_code == status and answer.json()["code"] == code, answer.json()
    assert answer.json()["message"]
    accepted.refresh_from_db()
    assert accepted.status == CaseStatus.ACCEPTED and accepted.decision == ""


def test_deciding_twice_is_refused(accepted, head, approver):
    assert _post(head, accepted, "decide", {"outcome": "deny", "reasons": "不符合"}).status_code == 200
    second = _post(approver, accepted, "decide", {"outcome": "approve", "reasons": "符合"})
    assert second.status_code == 409 and second.json()["code"] == "case_not_accepted"


def test_window_delivery_concludes(accepted, head, clerk):
    _post(head, accepted, "decide", {"outcome": "approve", "reasons": "符合"})
    early = _post(clerk, accepted, "deliver", {"method": "window", "recipient_name": "张三"})
    assert early.status_code == 409 and early.json()["code"] == "decision_document_pending"
    outbox_drain(now=NOW)
    done = _post(clerk, accepted, "deliver", {"method": "window", "recipient_name": "张三"}, key="deliver-0001")
    assert done.status_code == 200, done.json()
    data = done.json()
    assert (data["status"], data["result_type"], data["delivery"]["method"], data["delivery"]["recipient_name"]) == (
        "concluded", "approved", "window", "张三")


def test_post_then_confirmation(accepted, head, approver):
    _post(head, accepted, "decide", {"outcome": "deny", "reasons": "不符合"})
    outbox_drain(now=NOW)
    bad = _post(approver, accepted, "deliver", {"method": "post", "carrier": "EMS"})
    assert bad.status_code == 400 and bad.json()["code"] == "post_details_required"
    sent = _post(approver, accepted, "deliver", {"method": "post", "carrier": "EMS", "waybill": "1187654321098"})
    assert sent.json()["status"] == "decided" and sent.json()["result_posted"] is True
    done = _post(approver, accepted, "delivery-confirm", {"revision": sent.json()["revision"]})
    assert done.json()["status"] == "concluded" and done.json()["result_type"] == "denied"


def test_electronic_delivery_by_the_applicants_download(accepted, head, clerk, citizen, other_citizen):
    _post(head, accepted, "decide", {"outcome": "approve", "reasons": "符合"})
    outbox_drain(now=NOW)
    assert _post(clerk, accepted, "deliver", {"method": "electronic"}).json()["delivery"]["delivered_at"] is None
    assert _post(other_citizen, accepted, "result-download", {}).status_code == 404
    link = _post(citizen, accepted, "result-download", {})
    assert link.status_code == 200, link.json()
    assert link.json()["title"] == "准予行政许可决定书" and link.json()["verify_url"].startswith("/verify/")
    browser = Client()
    browser.force_login(citizen)
    pdf = browser.get(link.json()["url"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[:5] == b"%PDF-"
    accepted.refresh_from_db()
    assert accepted.status == CaseStatus.CONCLUDED and accepted.result_type == "approved"


def test_conclude_without_a_decision(accepted, head, clerk):
    refused = _post(clerk, accepted, "conclude", {"result_type": "returned", "note": "申请人要求退件"})
    assert refused.status_code == 403
    unknown = _post(head, accepted, "conclude", {"result_type": "approved", "note": "x"})
    assert unknown.status_code == 400
    done = _post(head, accepted, "conclude", {"result_type": "returned", "note": "申请人要求退件"})
    assert done.status_code == 200 and done.json()["result_type"] == "returned" and done.json()["status"] == "concluded"
