"""The case page's decision, delivery and conclusion (workbench) and the applicant's page with the
decision to download (portal), through the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zwfw.cases.models import CaseDelivery, CaseStatus
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures
from zwfw.core import clock
from zwfw.jobs.testing import outbox_drain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from zwfw.cases.tests.conftest import NOW

    monkeypatch.setattr(clock, "now", lambda: NOW)


def _post(client, name, case, data=None, **kw):
    return client.post(reverse(f"workbench:{name}", args=[case.pk]), {"revision": case.revision, **(data or {})}, **kw)


def test_head_decides_on_the_case_page_and_the_clerk_records_pick_up(client, accepted, head, clerk, citizen):
    client.force_login(clerk)
    page = client.get(f"/workbench/cases/{accepted.pk}/").content.decode()
    assert "法定办结时限" in page and "承诺办结时限" in page
    assert 'id="decide-form"' not in page  # the clerk does not decide
    client.force_login(head)
    page = client.get(f"/workbench/cases/{accepted.pk}/").content.decode()
    assert 'id="decide-form"' in page and "决定理由" in page
    # No reasons: refused with the service's message, nothing changes.
    res = _post(client, "case_decide", accepted, {"outcome": "approve", "reasons": " "}, follow=True)
    assert "请写明作出决定的理由" in res.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == CaseStatus.ACCEPTED
    res = _post(client, "case_decide", accepted, {"outcome": "approve", "reasons": "符合法定条件",
                                                  "cert_name": "节能审查意见", "cert_number": "节审〔2026〕7号"},
                follow=True)
    html = res.content.decode()
    assert "已作出决定" in html and "节能审查意见（节审〔2026〕7号）" in html and "送达时限" in html
    # Delivery waits for the document; once issued, the clerk records the pick-up.
    outbox_drain()
    accepted.refresh_from_db()
    client.force_login(clerk)
    page = client.get(f"/workbench/cases/{accepted.pk}/").content.decode()
    assert "准予行政许可决定书" in page and 'id="deliver-window-form"' in page
    res = _post(client, "case_deliver_window", accepted, {"recipient_name": "张三"}, follow=True)
    assert "已登记窗口领取，办件已办结" in res.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == CaseStatus.CONCLUDED and CaseDelivery.objects.get(case=accepted).recipient_name == "张三"
    assert "办结结果：准予" in res.content.decode()


def test_a_stale_page_is_refused(client, accepted, head):
    client.force_login(head)
    stale = accepted.revision - 1
    res = client.post(reverse("workbench:case_decide", args=[accepted.pk]),
                      {"revision": stale, "outcome": "deny", "reasons": "不符合"}, follow=True)
    assert "该办件已有更新" in res.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == CaseStatus.ACCEPTED


def test_the_applicant_downloads_the_electronically_delivered_decision(client, accepted, head, clerk, citizen):
    client.force_login(head)
    _post(client, "case_decide", accepted, {"outcome": "deny", "reasons": "超出本区审查权限"})
    outbox_drain()
    accepted.refresh_from_db()
    client.force_login(clerk)
    _post(client, "case_deliver_electronic", accepted)
    client.force_login(citizen)
    page = client.get(f"/my/cases/{accepted.pk}/").content.decode()
    assert "不予" in page and "超出本区审查权限" in page and "下载不予行政许可决定书" in page
    assert reverse("documents:verify", args=[accepted.decision_document.verify_token]) in page
    assert "撤回申请" not in page  # decided: no withdrawal any more
    res = client.post(reverse("portal:my_case_result", args=[accepted.pk]))
    assert res.status_code == 302 and res["Location"] == reverse("files:download",
                                                                 args=[accepted.decision_document.stored_file_id])
    assert client.get(res["Location"]).status_code == 200
    accepted.refresh_from_db()
    assert accepted.status == CaseStatus.CONCLUDED and accepted.result_type == "denied"


def test_the_applicant_may_withdraw_an_accepted_case_from_the_portal(client, accepted, citizen):
    client.force_login(citizen)
    page = client.get(f"/my/cases/{accepted.pk}/").content.decode()
    assert "撤回申请" in page and "作出决定前可以撤回" in page
    res = client.post(reverse("portal:my_case_withdraw", args=[accepted.pk]),
                      {"revision": accepted.revision, "reason": "不再需要"}, follow=True)
    assert "申请已撤回" in res.content.decode()
    accepted.refresh_from_db()
    assert accepted.status == CaseStatus.WITHDRAWN
