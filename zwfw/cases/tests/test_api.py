"""The case API: one-request application with files, idempotent retries, acceptance actions,
stale and foreign requests, the public look-up."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from zwfw.cases.models import Case, CaseStatus
from zwfw.core import clock
from zwfw.files.tests import samples

from .conftest import FORM

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The services take "now" from the clock; the item was published on 2 March 2026.
    from .conftest import NOW

    monkeypatch.setattr(clock, "now", lambda: NOW)


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def apply(client, item, *, key=None, note="新办", files=True, **extra):
    body = {"item": item.pk, "channel": "pc", "form_data": json.dumps({**FORM, "说明": note}, ensure_ascii=False),
            "submit": "true"}
    if files:
        body["material_1"] = SimpleUploadedFile("申请书.pdf", samples.PDF, content_type="application/pdf")
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post("/api/v1/cases", body, format="multipart", **headers, **extra)


def test_apply_in_one_request_and_replay_with_the_same_key(citizen, item, hall):
    client = client_for(citizen)
    first = apply(client, item, key="submit-0001")
    assert first.status_code == 201, first.json()
    body = first.json()
    assert body["status"] == "received" and len(body["number"]) == 18 and len(body["query_code"]) == 6
    detail = client.get(f"/api/v1/cases/{body['id']}").json()
    assert detail["gb_channel"] == "2" and detail["deemed_acceptance_due"] and detail["query_code"] == body["query_code"]
    again = apply(client, item, key="submit-0001")
    assert again.status_code == 201 and again.json()["number"] == body["number"]
    assert again["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1
    other = apply(client, item, key="submit-0001", note="另一份申请")
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"
    assert Case.objects.count() == 1


def test_a_failed_request_leaves_nothing_and_its_retry_runs_afresh(citizen, item, hall):
    client = client_for(citizen)
    missing = apply(client, item, key="submit-0002", files=False)
    assert missing.status_code == 400 and missing.json()["code"] == "materials_missing"
    assert "申请书" in json.dumps(missing.json(), ensure_ascii=False)
    assert Case.objects.count() == 0
    bad = client.post("/api/v1/cases", {"item": item.pk, "submit": "true", "material_1": SimpleUploadedFile(
        "申请书.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")}, format="multipart")
    assert bad.status_code == 400 and Case.objects.count() == 0


def test_an_item_not_published_is_refused_in_chinese(citizen, draft):
    res = client_for(citizen).post("/api/v1/cases", {"item": draft.item.pk, "submit": False}, format="json")
    assert res.status_code == 400 and res.json()["code"] == "item_not_in_force"
    assert Case.objects.count() == 0


def test_clerk_actions_stale_revision_and_strangers(citizen, other_citizen, item, clerk, outside_clerk, hall):
    case = apply(client_for(citizen), item).json()
    clerk_api = client_for(clerk)
    queue = clerk_api.get("/api/v1/cases/queue").json()
    assert [c["id"] for c in queue["results"]] == [case["id"]]
    stale = clerk_api.post(f"/api/v1/cases/{case['id']}/accept", {"revision": case["revision"] - 1}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "case_stale"
    for stranger in (other_citizen, outside_clerk):
        assert client_for(stranger).get(f"/api/v1/cases/{case['id']}").status_code == 404
        assert client_for(stranger).post(f"/api/v1/cases/{case['id']}/accept", {}, format="json").status_code == 404
    detail = clerk_api.get(f"/api/v1/cases/{case['id']}").json()
    assert detail["query_code"] == ""  # the query code is the applicant's
    supplement = clerk_api.post(f"/api/v1/cases/{case['id']}/supplement", {
        "revision": detail["revision"], "missing": [{"name": "身份证明复印件", "note": "需加盖公章"}],
        "supply_by": "2026-03-20"}, format="json")
    assert supplement.status_code == 200, supplement.json()
    assert supplement.json()["status"] == "supplement"
    accept = clerk_api.post(f"/api/v1/cases/{case['id']}/accept", {}, format="json")
    assert accept.status_code == 409 and accept.json()["code"] == "case_not_received"
    assert Case.objects.get(pk=case["id"]).status == CaseStatus.SUPPLEMENT


def test_public_lookup_shows_status_and_dates_only(citizen, item, hall):
    case = apply(client_for(citizen), item).json()
    anonymous = client_for(None)
    found = anonymous.get("/api/v1/cases/lookup", {"number": case["number"], "code": case["query_code"]})
    assert found.status_code == 200
    assert set(found.json()) == {"number", "item_name", "status", "status_display", "received_at", "accepted_at",
                                 "promised_by", "concluded_at", "events"}
    assert "张三" not in json.dumps(found.json(), ensure_ascii=False)
    wrong = "000000" if case["query_code"] != "000000" else "111111"
    miss = anonymous.get("/api/v1/cases/lookup", {"number": case["number"], "code": wrong})
    assert miss.status_code == 404 and miss.json()["code"] == "case_lookup_failed"


def test_reject_over_the_api_needs_reasons(citizen, item, clerk, hall):
    case = apply(client_for(citizen), item).json()
    res = client_for(clerk).post(f"/api/v1/cases/{case['id']}/reject", {"reasons": ""}, format="json")
    assert res.status_code == 400
    res = client_for(clerk).post(f"/api/v1/cases/{case['id']}/reject",
                                 {"reasons": "申请事项依法不需要取得行政许可"}, format="json")
    assert res.status_code == 200 and res.json()["status"] == "rejected"
    assert dt.date.fromisoformat(res.json()["rejected_at"][:10]) == dt.date(2026, 3, 3)


def test_old_idempotency_answers_are_pruned(citizen, item, hall):
    from zwfw.core.idempotency import idempotency_prune
    from zwfw.core.models import IdempotencyRecord

    from .conftest import NOW

    apply(client_for(citizen), item, key="submit-0003")
    assert idempotency_prune(older_than=dt.timedelta(days=7), now=NOW + dt.timedelta(days=6)) == 0
    assert idempotency_prune(older_than=dt.timedelta(days=7), now=NOW + dt.timedelta(days=8)) == 1
    assert not IdempotencyRecord.objects.exists()
