"""The review queue selector (zwfw.catalog.review_queue) and its API: who sees which version at
which step, and a number of queries that does not grow with the queue."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from zwfw.accounts.models import Role
from zwfw.catalog.models import ReviewChain, ReviewChainStep
from zwfw.catalog.review_queue import review_queue
from zwfw.catalog.services import (
    item_draft_create,
    item_review_approve,
    item_review_return,
    item_submit_for_review,
)

from .conftest import GUIDE, make_user

pytestmark = pytest.mark.django_db


def submit(editor, department, n: int, now, name: str = "事项"):
    versions = []
    for i in range(n):
        version = item_draft_create(actor=editor, department=department, base_code=f"0001{i:08d}",
                                    name=f"{name}{i}", item_type="01", fields=dict(GUIDE), now=now)
        versions.append(item_submit_for_review(actor=editor, version=version, now=now + dt.timedelta(minutes=i)))
    return versions


def two_step_chain(region, first_department=None):
    chain = ReviewChain.objects.create(region=region, name="两级审核")
    ReviewChainStep.objects.create(chain=chain, position=0, label="审管局审核", department=first_department)
    ReviewChainStep.objects.create(chain=chain, position=1, label="司法局审核")


def queue_ids(viewer):
    queue = review_queue(viewer=viewer)
    return [(e.version.pk, e.step_label) for e in queue.to_review], [v.pk for v in queue.to_publish]


def test_queue_follows_the_chain_one_person_one_step(county, approval_dept, editor, reviewer, now):
    second = make_user("reviewer2", Role.CATALOG_REVIEWER, region=county)
    two_step_chain(county)
    a, b, c = submit(editor, approval_dept, 3, now)
    item_review_approve(actor=reviewer, version=b, now=now)  # b moves to step 2: reviewer is barred from it
    item_review_approve(actor=reviewer, version=c, now=now)
    item_review_return(actor=second, version=c, comment="补充材料", now=now)  # a new round: reviewer may again
    item_submit_for_review(actor=editor, version=c, now=now + dt.timedelta(hours=1))
    assert queue_ids(reviewer) == ([(a.pk, "审管局审核"), (c.pk, "审管局审核")], [])
    assert queue_ids(second) == ([(a.pk, "审管局审核"), (b.pk, "司法局审核"), (c.pk, "审管局审核")], [])
    item_review_approve(actor=second, version=b, now=now)  # last step passed: approved, to publish
    assert queue_ids(reviewer) == ([(a.pk, "审管局审核"), (c.pk, "审管局审核")], [b.pk])
    assert queue_ids(editor) == ([], [])  # never one's own drafts, and editors do not publish


def test_a_department_step_reaches_a_reviewer_outside_the_region(county, town_dept, approval_dept, editor, now):
    town_reviewer = make_user("town_reviewer", Role.CATALOG_REVIEWER, department=town_dept)
    two_step_chain(county, first_department=town_dept)
    (a,) = submit(editor, approval_dept, 1, now)
    assert queue_ids(town_reviewer) == ([(a.pk, "审管局审核")], [])
    elsewhere = make_user("elsewhere", Role.CATALOG_REVIEWER, department=town_dept)
    ReviewChainStep.objects.filter(department=town_dept).update(department=approval_dept)
    assert queue_ids(elsewhere) == ([], [])


def test_queue_is_empty_for_anonymous_and_roleless(clerk, draft):
    from django.contrib.auth.models import AnonymousUser

    assert queue_ids(AnonymousUser()) == ([], [])
    assert queue_ids(clerk) == ([], [])


@pytest.mark.parametrize("size", [3, 30])
def test_queries_do_not_grow_with_the_queue(size, county, approval_dept, editor, reviewer, now,
                                            django_assert_max_num_queries):
    two_step_chain(county)
    versions = submit(editor, approval_dept, size, now)
    for version in versions[::3]:
        item_review_approve(actor=make_user(f"r{version.pk}", Role.CATALOG_REVIEWER, region=county),
                            version=version, now=now)
    reviewer.refresh_from_db()  # no role cache carried over
    with django_assert_max_num_queries(5), CaptureQueriesContext(connection) as ctx:
        queue = review_queue(viewer=reviewer)
    assert len(queue.to_review) == size
    assert len(ctx.captured_queries) == 5  # roles, region, versions (with their regions), chains, decisions


def test_api_serves_the_viewers_queue(county, approval_dept, editor, reviewer, now):
    (a,) = submit(editor, approval_dept, 1, now, name="户口迁移")
    client = APIClient()
    assert client.get("/api/v1/catalog/review-queue").status_code == 401
    client.force_authenticate(reviewer)
    body = client.get("/api/v1/catalog/review-queue").json()
    assert [(e["version"]["id"], e["version"]["name"], e["version"]["department"], e["step_label"])
            for e in body["to_review"]] == [(a.pk, "户口迁移0", "区行政审批局", "事项审核")]
    assert body["to_publish"] == []
    client.force_authenticate(editor)
    assert client.get("/api/v1/catalog/review-queue").json() == {"to_review": [], "to_publish": []}


def test_openapi_documents_the_review_queue(db):
    res = APIClient().get("/api/v1/openapi.json")
    assert res.status_code == 200
    operation = res.json()["paths"]["/api/v1/catalog/review-queue"]["get"]
    assert set(operation["responses"]) == {"200", "401", "403"}
