"""Catalog access as a matrix of actor × object (in / out of scope) × action, through the API and the
workbench pages (STYLE habit 9; ADR 0006 and 0021). Each action runs in a savepoint that is rolled
back afterwards (`attempt`), so every cell starts from the same data; a refused action must leave
it unchanged.

"in" objects belong to 区行政审批局 of 广安区 (the editor's department, the reviewer's and the
supervisor's region); "out" objects to 岳池县行政审批局 in the neighbouring county.
"""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from zwfw.accounts.models import Role
from zwfw.accounts.tests.actors import actor, attempt, every_actor
from zwfw.catalog.models import ItemVersion, ReviewDecision, ServiceItem
from zwfw.catalog.services import item_draft_create, item_submit_for_review
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department, Region, RegionLevel, ServicePoint

from .conftest import GUIDE, MATERIALS, STEPS

ACTIONS = (
    "api.list", "api.detail.in", "api.detail.out", "api.create", "api.edit.in", "api.edit.out",
    "api.approve.in", "api.approve.out",
    "wb.list", "wb.detail.in", "wb.detail.out", "wb.edit.in", "wb.edit.out", "wb.approve.in", "wb.approve.out",
)
# Refusals: 401 = the API asks the anonymous to sign in; 403 = not allowed at all, or an object the
# viewer may see but not act on; 404 = an object outside the viewer's scope (a hidden and a missing
# object answer alike); 302 = the workbench sends the anonymous to sign in and applicants to the
# portal, and sends a viewer who may see but not edit a version back to its page with a message.
OUTSIDERS = {"api.list": 200, "api.detail.in": 404, "api.detail.out": 404, "api.create": 403,
             "api.edit.in": 404, "api.edit.out": 404, "api.approve.in": 404, "api.approve.out": 404}
STAFF_WITHOUT_CATALOG = {**OUTSIDERS, "wb.list": 403, "wb.detail.in": 404, "wb.detail.out": 404,
                         "wb.edit.in": 404, "wb.edit.out": 404, "wb.approve.in": 404, "wb.approve.out": 404}
# Viewers whose catalog scope covers an item (supervisor: region; head: department; system
# administrator: everything) read its versions in the making but act on none of them.
READS_IN = {"api.detail.in": 200, "api.edit.in": 403, "api.approve.in": 403,
            "wb.detail.in": 200, "wb.edit.in": 302, "wb.approve.in": 403}
EXPECTED = {
    "anonymous": {**OUTSIDERS, **dict.fromkeys(("api.create", "api.edit.in", "api.edit.out", "api.approve.in",
                                                 "api.approve.out"), 401), **dict.fromkeys(ACTIONS[8:], 302)},
    "citizen": {**OUTSIDERS, **dict.fromkeys(ACTIONS[8:], 302)},
    "editor_a": {**STAFF_WITHOUT_CATALOG, "api.detail.in": 200, "api.create": 201, "api.edit.in": 200,
                 "api.approve.in": 403, "wb.list": 200, "wb.detail.in": 200, "wb.edit.in": 200,
                 "wb.approve.in": 403},
    "editor_c": {**STAFF_WITHOUT_CATALOG, "api.create": 201, "wb.list": 200},
    "reviewer_a": {**STAFF_WITHOUT_CATALOG, "api.detail.in": 200, "api.edit.in": 403, "api.approve.in": 200,
                   "wb.list": 200, "wb.detail.in": 200, "wb.edit.in": 302, "wb.approve.in": 302},
    "reviewer_b": {**STAFF_WITHOUT_CATALOG, "api.detail.out": 200, "api.edit.out": 403, "api.approve.out": 200,
                   "wb.list": 200, "wb.detail.out": 200, "wb.edit.out": 302, "wb.approve.out": 302},
    "supervisor_a": {**STAFF_WITHOUT_CATALOG, "wb.list": 200, **READS_IN},
    "head_a": {**STAFF_WITHOUT_CATALOG, "wb.list": 200, **READS_IN},
    "clerk_a": STAFF_WITHOUT_CATALOG,
    "agent_a": STAFF_WITHOUT_CATALOG,
    "sysadmin": {**STAFF_WITHOUT_CATALOG, "wb.list": 200, **READS_IN,
                 **{action.replace(".in", ".out"): status for action, status in READS_IN.items()}},
    "secadmin": STAFF_WITHOUT_CATALOG,
    "auditor": STAFF_WITHOUT_CATALOG,
}
# The only cells that change data: everything else was refused and left it as it was.
CHANGES = {
    "editor_a": {"api.create", "api.edit.in"},
    "editor_c": {"api.create"},
    "reviewer_a": {"api.approve.in", "wb.approve.in"},
    "reviewer_b": {"api.approve.out", "wb.approve.out"},
}


@pytest.fixture
def world(county, approval_dept, other_dept, now):
    city = county.parent
    county_b = Region.objects.create(code="511621000000", name="岳池县", level=RegionLevel.COUNTY, parent=city)
    dept_b = Department.objects.create(region=county_b, code="xzsp", name="岳池县行政审批局")
    point = ServicePoint.objects.create(region=county, name="白塔社区代办点", address="x")
    actors = {
        **every_actor(region=county, department=approval_dept, point=point),
        "editor_c": actor("editor_c", Role.CATALOG_EDITOR, department=other_dept),
        "reviewer_b": actor("reviewer_b", Role.CATALOG_REVIEWER, region=county_b),
    }
    editor_b = actor("editor_b", Role.CATALOG_EDITOR, department=dept_b)

    def version(editor, department, code, submit):
        v = item_draft_create(actor=editor, department=department, base_code=code, name="固定资产投资项目节能审查",
                              item_type="01", fields=dict(GUIDE), materials=[dict(m) for m in MATERIALS],
                              steps=[dict(s) for s in STEPS], now=now)
        return item_submit_for_review(actor=editor, version=v, now=now) if submit else v

    objects = {
        "draft.in": version(actors["editor_a"], approval_dept, "000104002000", submit=False),
        "draft.out": version(editor_b, dept_b, "000104002000", submit=False),
        "submitted.in": version(actors["editor_a"], approval_dept, "000104003000", submit=True),
        "submitted.out": version(editor_b, dept_b, "000104003000", submit=True),
    }
    return actors, objects


def _snapshot():
    return (sorted(ItemVersion.objects.values_list("pk", "status", "promised_limit")),
            ServiceItem.objects.count(), ReviewDecision.objects.count(), AuditEvent.objects.count())


def _request(actor, action, objects):
    kind, verb, *where = action.split(".")
    side = where[0] if where else "in"
    draft, submitted = objects[f"draft.{side}"].pk, objects[f"submitted.{side}"].pk
    if kind == "api":
        client = APIClient()
        if actor.is_authenticated:
            client.force_authenticate(actor)
        return {
            "list": lambda: client.get("/api/v1/catalog/items"),
            "detail": lambda: client.get(f"/api/v1/catalog/versions/{draft}"),
            "create": lambda: client.post("/api/v1/catalog/drafts", {
                "name": "社会团体成立登记", "item_type": "07", "base_code": "000201001000"}, format="json"),
            "edit": lambda: client.patch(f"/api/v1/catalog/drafts/{draft}", {"fields": {"promised_limit": 4}},
                                         format="json"),
            "approve": lambda: client.post(f"/api/v1/catalog/versions/{submitted}/approve", {"comment": "同意"},
                                           format="json"),
        }[verb]()
    client = Client()
    if actor.is_authenticated:
        client.force_login(actor)
    return {
        "list": lambda: client.get("/workbench/catalog/"),
        "detail": lambda: client.get(f"/workbench/catalog/versions/{draft}/"),
        "edit": lambda: client.get(f"/workbench/catalog/versions/{draft}/edit/"),
        "approve": lambda: client.post(f"/workbench/catalog/versions/{submitted}/approve/", {"comment": "同意"}),
    }[verb]()


@pytest.mark.parametrize("actor", sorted(EXPECTED))
def test_catalog_matrix(world, actor):
    actors, objects = world
    outcomes = {action: attempt(lambda a=action: _request(actors[actor], a, objects), _snapshot)
                for action in ACTIONS}
    assert {a: status for a, (status, _changed) in outcomes.items()} == EXPECTED[actor]
    assert {a for a, (_status, changed) in outcomes.items() if changed} == CHANGES.get(actor, set())
