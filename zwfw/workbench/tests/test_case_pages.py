"""The window's pages: queue, walk-in, checklist, 一次性告知, supply and acceptance — and refusals."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.cases.models import Case, CaseStatus
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures
from zwfw.core import clock
from zwfw.files.tests import samples

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from zwfw.cases.tests.conftest import NOW

    monkeypatch.setattr(clock, "now", lambda: NOW)


def _post(client, name, case, data=None, **kw):
    from django.urls import reverse

    return client.post(reverse(f"workbench:{name}", args=[case.pk]), {"revision": case.revision, **(data or {})}, **kw)


def test_walk_in_supplement_supply_and_accept_through_the_pages(client, clerk, citizen, item, hall):
    client.force_login(clerk)
    page = client.get("/workbench/cases/new/")
    assert page.status_code == 200 and "身份证号码或统一社会信用代码" in page.content.decode()
    res = client.post("/workbench/cases/new/", {"item": item.pk, "kind": "person", "number": ID_NUMBER,
                                                "channel": "window"})
    case = Case.objects.get()
    assert res.status_code == 302 and res["Location"] == f"/workbench/cases/{case.pk}/"
    assert case.channel == "window" and case.applicant == citizen.applicant
    page = client.get(f"/workbench/cases/{case.pk}/").content.decode()
    assert "张三" in page and ID_NUMBER not in page and "110105********002X" in page
    _post(client, "case_submit", case)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and case.number
    form = case.materials.get(name="申请书")
    # Accepting with the form missing is refused with a message; nothing changes.
    res = _post(client, "case_accept", case, follow=True)
    assert "以下必要材料尚未收齐" in res.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    res = _post(client, "case_supplement", case, {f"missing_{form.pk}": "on", f"missing_note_{form.pk}": "须签字",
                                                   "supply_by": "2026-03-20"}, follow=True)
    assert "已一次性告知" in res.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.SUPPLEMENT
    # The applicant brings it to the window: the clerk keeps the scan and ticks the original.
    client.post(f"/workbench/cases/{case.pk}/materials/", {
        "revision": case.revision, f"orig_{form.pk}": "on",
        f"file_{form.pk}": SimpleUploadedFile("申请书.pdf", samples.PDF, content_type="application/pdf")})
    assert form.files.count() == 1
    case.refresh_from_db()
    res = _post(client, "case_supply", case, follow=True)
    assert "补正材料已收齐" in res.content.decode()
    case.refresh_from_db()
    res = _post(client, "case_accept", case, follow=True)
    assert "已受理" in res.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


def test_a_stale_page_and_a_stranger_are_refused(client, clerk, outside_clerk, citizen, item, hall):
    client.force_login(clerk)
    client.post("/workbench/cases/new/", {"item": item.pk, "kind": "person", "number": ID_NUMBER, "channel": "post"})
    case = Case.objects.get()
    assert case.channel == "post" and case.gb_channel == "4"
    stale = case.revision
    _post(client, "case_submit", case)
    res = client.post(f"/workbench/cases/{case.pk}/reject/", {"revision": stale, "reasons": "不符合条件"}, follow=True)
    assert "请刷新页面" in res.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED
    client.force_login(outside_clerk)
    assert client.get(f"/workbench/cases/{case.pk}/").status_code == 404
    assert client.post(f"/workbench/cases/{case.pk}/accept/", {"revision": stale + 1}).status_code == 404
    client.force_login(citizen)
    assert client.get(f"/workbench/cases/{case.pk}/").status_code == 302  # citizens go to the portal


def test_walk_in_with_a_bad_id_number_is_refused_in_chinese(client, clerk, item, hall):
    client.force_login(clerk)
    res = client.post("/workbench/cases/new/", {"item": item.pk, "kind": "person", "number": "110105194912310021",
                                                "channel": "window"})
    assert res.status_code == 200 and "校验码" in res.content.decode()
    assert Case.objects.count() == 0
