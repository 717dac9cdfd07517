"""Issue 9 acceptance: who may reach one case, over every endpoint that names a case.

The endpoints are found by walking the URL configuration (as test_access_matrix does): every
route under /api/v1/cases/<id>…, /api/v1/archive/cases/<id>…, /workbench/cases/<id>…,
/workbench/work/<id>… (the steps), the archive pages and the citizen's /my/cases/<id>… — so a
new endpoint of steps, decision, delivery, special procedures or the archive is covered without
anyone adding it here. One case of 区行政审批局 (广安区), accepted and at its decide step, and
seven actors:

- may see it: the applicant (owner), the window clerk of the hall, an approver and the head of
  the deciding department, the supervisor (电子监察) of the region;
- may not: another applicant, an approver of another department, the supervisor of another
  county. For them every method of every route answers 404 (405 for a method the route does
  not have) — the same answer as for a case that does not exist (ADR 0021) — the case number
  never shows, and nothing is written.

Those who see the case but may not take an action get 403 with a Chinese message; reads and the
rest of the refusals are pinned below per actor."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import get_resolver

from zwfw.accounts.models import Role
from zwfw.cases.models import Case, CaseEvent
from zwfw.cases.tests.conftest import *  # noqa: F403 — the case fixtures (county, hall, clerk, item …)
from zwfw.cases.tests.decided import accepted_case
from zwfw.catalog.tests.conftest import make_user
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Region, RegionLevel

from .test_access_matrix import _methods, _walk

pytestmark = pytest.mark.django_db

CASE_ROUTE = re.compile(r"^(api/v1/cases/|api/v1/archive/cases/|workbench/cases/|workbench/work/<int:case_id>|"
                        r"workbench/archive/|my/cases/|my/applications/)")
SEE = ("owner", "clerk", "approver", "head", "supervisor")
OUTSIDERS = ("other_applicant", "other_department", "other_supervisor")


@pytest.fixture
def actors(citizen, other_citizen, clerk, head, approver, other_approver, county):
    other_county = Region.objects.create(code="511621000000", name="岳池县", level=RegionLevel.COUNTY,
                                         parent=county.parent)
    return {
        "owner": citizen, "other_applicant": other_citizen, "clerk": clerk, "approver": approver, "head": head,
        "other_department": other_approver,
        "supervisor": make_user("supervisor_ga", Role.SUPERVISOR, region=county),
        "other_supervisor": make_user("supervisor_yc", Role.SUPERVISOR, region=other_county),
    }


@pytest.fixture
def case(citizen, item, clerk, hall):
    return accepted_case(citizen, item, clerk)


def case_routes() -> list[tuple[str, str, object]]:
    routes = [(route.replace("^", ""), name, pattern) for route, name, pattern in _walk(get_resolver().url_patterns)
              if pattern.pattern.regex.groupindex and not name.endswith(":not-found")]
    return [r for r in routes if CASE_ROUTE.match(r[0])]


def fill(route: str, case: Case) -> str:
    """Every path parameter names the case (a nested id — a material, a procedure — gets the
    case's id too: for those who may not see the case the answer must not depend on it)."""
    route = route.replace("$", "").replace("\\Z", "").replace("\\.", ".")
    route = re.sub(r"<(?:\w+:)?(\w+)>", str(case.pk), route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", str(case.pk), route)
    return "/" + route.replace("/?", "/").replace("?", "")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_matrix_covers_the_case_endpoints_of_issue_9():
    paths = {route for route, _, _ in case_routes()}
    for part in ("steps", "time-limits", "decide", "deliver", "conclude", "special-procedures", "extensions",
                 "result-download", "package"):
        assert any(part in p for p in paths), (part, sorted(paths))
    for prefix in ("workbench/cases/", "workbench/work/", "my/cases/", "api/v1/archive/cases/"):
        assert any(p.startswith(prefix) for p in paths), prefix


def test_those_who_may_not_see_the_case_get_404_everywhere_and_nothing_is_written(actors, case):
    before = (AuditEvent.objects.count(), CaseEvent.objects.count())
    leaks = []
    for who in OUTSIDERS:
        client = client_for(actors[who])
        for route, name, pattern in case_routes():
            path = fill(route, case)
            for method in _methods(pattern):
                response = client.generic(method, path, data=b"{}", content_type="application/json")
                status = response.status_code
                # Sent away before anything is looked up: a citizen from the workbench to the
                # portal, staff from the citizen's space to the workbench.
                if status == 302 and response["Location"] in ("/", "/workbench/"):
                    continue
                body = b"" if response.streaming else response.content
                if status not in (404, 405) or case.number.encode() in body:
                    leaks.append(f"{who} {method} {path} ({name}) → {status} {response.get('Location', '')}")
    assert not leaks, "\n".join(leaks)
    assert (AuditEvent.objects.count(), CaseEvent.objects.count()) == before
    case_now = Case.objects.get(pk=case.pk)
    assert (case_now.revision, case_now.status) == (case.revision, case.status)


# Reads of the case and its parts by those who see it (API).
READS = ["", "/steps", "/time-limits", "/special-procedures", "/extensions"]


@pytest.mark.parametrize("who", SEE)
def test_those_who_see_the_case_read_it_and_its_parts(actors, case, who):
    client = client_for(actors[who])
    for part in READS:
        response = client.get(f"/api/v1/cases/{case.pk}{part}")
        assert response.status_code == 200, (who, part, response.status_code, response.content[:300])
    assert client.get(f"/api/v1/cases/{case.pk}").json()["number"] == case.number
    # …and its page: the applicant's in 个人空间, the staff's in the workbench.
    page = client.get(f"/my/cases/{case.pk}/" if who == "owner" else f"/workbench/cases/{case.pk}/")
    assert page.status_code == 200 and case.number in page.content.decode()


# (actor, action, body): seen but not theirs to do — 403 with a code and a Chinese message.
REFUSED = [
    ("owner", "decide", {"outcome": "approve", "reasons": "符合"}),
    ("clerk", "decide", {"outcome": "approve", "reasons": "符合"}),
    ("supervisor", "decide", {"outcome": "approve", "reasons": "符合"}),
    ("owner", "conclude", {"result_type": "returned", "note": "退件"}),
    ("supervisor", "conclude", {"result_type": "returned", "note": "退件"}),
    ("owner", "extensions", {"days": 5, "reason": "情况复杂"}),
    ("clerk", "extensions", {"days": 5, "reason": "情况复杂"}),
    ("supervisor", "extensions", {"days": 5, "reason": "情况复杂"}),
    ("owner", "steps/claim", {}),
    ("supervisor", "steps/claim", {}),
]


@pytest.mark.parametrize(("who", "action", "body"), REFUSED, ids=[f"{w}-{a}" for w, a, _ in REFUSED])
def test_those_who_see_the_case_but_may_not_act_get_403(actors, case, who, action, body):
    before = (AuditEvent.objects.count(), CaseEvent.objects.count())
    response = client_for(actors[who]).post(f"/api/v1/cases/{case.pk}/{action}", body,
                                            content_type="application/json")
    assert response.status_code == 403, (who, action, response.status_code, response.content[:300])
    assert response.json()["code"] and re.search(r"[\u4e00-\u9fff]", response.json()["message"])
    assert (AuditEvent.objects.count(), CaseEvent.objects.count()) == before


def test_the_oracle_the_head_decides_and_the_archive_package_is_the_archivists(actors, case, approval_dept):
    """The matrix can fail: the same requests succeed for those whose action it is."""
    head = client_for(actors["head"])
    decided = head.post(f"/api/v1/cases/{case.pk}/decide", {"outcome": "approve", "reasons": "符合法定条件"},
                        content_type="application/json")
    assert decided.status_code == 200, decided.content[:300]
    # Not sealed yet: even the department's archivist does not get the package of an open case.
    archivist = client_for(make_user("archivist_xz", Role.ARCHIVIST, department=approval_dept))
    assert archivist.get(f"/api/v1/archive/cases/{case.pk}/package").status_code == 404
