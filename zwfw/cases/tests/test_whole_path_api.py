"""Issue 9 acceptance, the whole path through the REST API with API tokens (Bearer), as an
integrator's script would drive it: the citizen applies, the window clerk accepts, an approver
claims and passes the review step, the department head decides, the worker issues the decision,
the clerk delivers electronically, the citizen downloads the result — delivered and concluded —
and the case is sealed: the archivist gets its package, any further write answers 409
`case_frozen` in Chinese."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from zwfw.accounts.models import Role
from zwfw.accounts.tokens import api_token_issue
from zwfw.cases.models import Case, CaseStatus
from zwfw.catalog.tests.conftest import make_user
from zwfw.core import clock
from zwfw.files.tests import samples
from zwfw.jobs.testing import outbox_drain

from .conftest import FORM, NOW

pytestmark = pytest.mark.django_db

FROZEN = "该办件已办结归档，档案不能再修改"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def bearer(user) -> APIClient:
    _token, key = api_token_issue(user=user, name="办件全流程脚本", now=NOW)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def ok(response, status=200) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    return response.json()


def test_the_whole_path_through_the_api(citizen, item, clerk, hall, approval_dept, head):
    me, window, boss = bearer(citizen), bearer(clerk), bearer(head)
    approver = bearer(make_user("approver_api", Role.APPROVER, department=approval_dept))
    archivist = bearer(make_user("archivist_api", Role.ARCHIVIST, department=approval_dept))

    # Apply and submit in one request, with the one missing material.
    case = ok(me.post("/api/v1/cases", {
        "item": item.pk, "channel": "pc", "submit": "true", "form_data": json.dumps(FORM, ensure_ascii=False),
        "material_1": SimpleUploadedFile("申请书.pdf", samples.PDF, content_type="application/pdf")},
        format="multipart", HTTP_IDEMPOTENCY_KEY="path-apply-01"), 201)
    pk = case["id"]
    assert case["status"] == "received"

    assert ok(window.post(f"/api/v1/cases/{pk}/accept", {}, format="json"))["status"] == "accepted"
    limits = ok(me.get(f"/api/v1/cases/{pk}/time-limits"))
    assert limits  # the applicant sees the running limits of their case

    # Not yet at the decide step: the head may not decide before the review is passed.
    early = boss.post(f"/api/v1/cases/{pk}/decide", {"outcome": "approve", "reasons": "符合法定条件"}, format="json")
    assert early.status_code in (403, 409) and early.json()["message"], early.json()
    assert Case.objects.get(pk=pk).decision == ""

    steps = ok(approver.get(f"/api/v1/cases/{pk}/steps"))
    assert "审查" in json.dumps(steps, ensure_ascii=False)
    ok(approver.post(f"/api/v1/cases/{pk}/steps/claim", {}, format="json"))
    ok(approver.post(f"/api/v1/cases/{pk}/steps/pass", {"opinion": "材料齐全，符合法定条件"}, format="json"))

    decided = ok(boss.post(f"/api/v1/cases/{pk}/decide", {
        "outcome": "approve", "reasons": "申请材料齐全，符合法定条件。",
        "certificate": {"name": "节能审查意见", "number": "节审〔2026〕29号"}}, format="json",
        HTTP_IDEMPOTENCY_KEY="path-decide-01"))
    assert (decided["status"], decided["decision"]) == ("decided", "approve")

    outbox_drain(now=NOW)  # the worker issues the decision document
    delivery = ok(window.post(f"/api/v1/cases/{pk}/deliver", {"method": "electronic"}, format="json"))
    assert delivery["status"] == "decided"

    result = ok(me.post(f"/api/v1/cases/{pk}/result-download", {}, format="json"))
    assert result["title"] == "准予行政许可决定书" and result["url"]
    # The link is a page address (/files/…), read with the citizen's signed-in session, as in
    # test_decision_api: the file view does not take API tokens.
    session = Client()
    session.force_login(citizen)
    pdf = session.get(result["url"])
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[:5] == b"%PDF-"
    mine = ok(me.get(f"/api/v1/cases/{pk}"))
    assert (mine["status"], mine["certificate"]["number"]) == ("concluded", "节审〔2026〕29号")

    sealed = Case.objects.get(pk=pk)
    assert sealed.status == CaseStatus.CONCLUDED and sealed.archived_at is not None
    # A sealed file still reads: the applicant downloads again.
    assert ok(me.post(f"/api/v1/cases/{pk}/result-download", {}, format="json"))["id"] == result["id"]

    # Any further write is refused in Chinese with a stable code, and nothing moves.
    for client, path, body in [
        (boss, "conclude", {"result_type": "returned", "note": "再次办结"}),
        (window, "deliver", {"method": "window", "recipient_name": "张三"}),
        (boss, "extensions", {"days": 5, "reason": "情况复杂"}),
    ]:
        refused = client.post(f"/api/v1/cases/{pk}/{path}", body, format="json")
        assert refused.status_code == 409, (path, refused.json())
        assert (refused.json()["code"], refused.json()["message"]) == ("case_frozen", FROZEN), path
    assert Case.objects.get(pk=pk).revision == sealed.revision

    # The archivist of the department lists it and takes its package (a zip with its manifest).
    assert [c["id"] for c in ok(archivist.get("/api/v1/archive/cases"))["results"]] == [pk]
    package = archivist.get(f"/api/v1/archive/cases/{pk}/package")
    assert package.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(package.streaming_content) if package.streaming else package.content)) \
            as archive:
        assert "manifest.json" in archive.namelist()
