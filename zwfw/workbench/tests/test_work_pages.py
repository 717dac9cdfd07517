"""The work queue page and the steps panel of the case page: claim, two-staff verification, joint
step, return — and refusals shown as messages with nothing changed; another department gets 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zwfw.cases.models import Case, CaseStep
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures
from zwfw.cases.tests.steps_fixtures import *  # noqa: F403 — the step fixtures
from zwfw.cases.tests.steps_fixtures import accepted
from zwfw.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    from zwfw.cases.tests.conftest import NOW

    monkeypatch.setattr(clock, "now", lambda: NOW)


def _post(client, name, case, data=None, **kw):
    case = Case.objects.get(pk=case.pk)
    return client.post(reverse(f"workbench:{name}", args=[case.pk]), {"revision": case.revision, **(data or {})}, **kw)


def test_queue_claim_verify_joint_through_the_pages(client, citizen, steps_item, clerk, hall, approver, approver2,
                                                    joint_approver, head):
    case = accepted(citizen, steps_item, clerk)
    client.force_login(approver)
    page = client.get("/workbench/work/").content.decode()
    assert case.number in page and "现场核查" in page and "认领" in page
    res = client.post(reverse("workbench:step_claim", args=[case.pk]), {"revision": case.revision}, follow=True)
    assert "已认领" in res.content.decode()
    assert CaseStep.objects.get(case=case, position=1).assignee == approver
    page = client.get(f"/workbench/cases/{case.pk}/").content.decode()
    assert "通过，转下一环节" in page and "共同核查人" in page and "剩余 1 个工作日" in page
    # Without the second verifier: the message, nothing passed.
    res = _post(client, "step_pass", case, {"opinion": "核查无误"}, follow=True)
    assert "现场核查须由两名以上工作人员进行" in res.content.decode()
    assert CaseStep.objects.get(case=case, position=1).status == "current"
    res = _post(client, "step_pass", case, {"opinion": "核查无误", "second_verifier": approver2.pk})
    assert res.status_code == 302 and res["Location"] == "/workbench/work/"
    assert CaseStep.objects.get(case=case, position=1).second_verifier == approver2
    # A stale page is refused.
    stale = client.post(reverse("workbench:step_joint", args=[case.pk]), {"revision": 1, "note": "请会签"},
                        follow=True)
    assert "该办件已有更新" in stale.content.decode()
    _post(client, "step_joint", case, {"note": "请出具意见"})
    assert CaseStep.objects.get(case=case, position=2).status == "joint"

    client.force_login(joint_approver)
    assert case.number in client.get("/workbench/work/?show=joint").content.decode()
    page = client.get(f"/workbench/cases/{case.pk}/").content.decode()
    assert "答复会签意见" in page
    _post(client, "step_joint_answer", case, {"agreed": "yes", "opinion": "同意"})
    assert CaseStep.objects.get(case=case, position=2).joint_agreed is True

    client.force_login(head)
    page = client.get(f"/workbench/cases/{case.pk}/").content.decode()
    assert "决定环节请通过作出决定" in page and "通过，转下一环节" not in page
    res = _post(client, "step_return", case, {"reason": "会签意见需补充"}, follow=True)
    assert "已退回上一环节" in res.content.decode()
    assert (CaseStep.objects.get(case=case, position=2, run=2).status) == "current"


def test_another_department_gets_404_and_the_head_assigns(client, citizen, steps_item, clerk, hall, approver,
                                                         approver2, head, foreign_approver):
    case = accepted(citizen, steps_item, clerk)
    client.force_login(foreign_approver)
    assert case.number not in client.get("/workbench/work/").content.decode()
    assert client.get(f"/workbench/cases/{case.pk}/").status_code == 404
    assert _post(client, "step_claim", case).status_code == 404
    assert CaseStep.objects.get(case=case, position=1).assignee is None

    client.force_login(approver2)
    res = _post(client, "step_assign", case, {"assignee": approver.pk}, follow=True)
    assert "只有本环节所在部门的负责人可以分派" in res.content.decode()
    client.force_login(head)
    page = client.get(f"/workbench/cases/{case.pk}/").content.decode()
    assert "分派给" in page
    _post(client, "step_assign", case, {"assignee": approver.pk})
    assert CaseStep.objects.get(case=case, position=1).assignee == approver
