"""Issue 3 acceptance through the pages (Django test client): a catalog editor drafts an item, a
reviewer returns it with a comment, the editor fixes and resubmits, the chain approves, it is
published and shows on the public side; the old version stays readable; every step is audited."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from zwfw.accounts.models import Role
from zwfw.catalog.models import ItemVersion, ReviewChain, ReviewChainStep, ServiceItem
from zwfw.core.audit import audit_verify
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department
from zwfw.portal.tests.pages import assert_page

from .conftest import make_user
from .html_forms import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(county):
    """审管局 → 司法局, as data; the region's catalog reviewer publishes."""
    chain = ReviewChain.objects.create(region=county, name="广安区事项审核链")
    people = []
    for i, (code, name) in enumerate([("sgj", "区审管局"), ("sfj", "区司法局")]):
        dept = Department.objects.create(region=county, code=code, name=name)
        ReviewChainStep.objects.create(chain=chain, position=i, label=name, department=dept)
        people.append(make_user(f"rev_{code}", Role.CATALOG_REVIEWER, department=dept))
    return people


def _as(client, user):
    client.force_login(user)
    return client


def _edit(client, version, changes: dict, button: str = "save"):
    url = reverse("workbench:catalog_version_edit", args=[version.pk])
    data = form_fields(client.get(url).content.decode())
    data.update(changes)
    data[button] = ""
    return client.post(url, data)


def _approve(client, version):
    response = client.post(reverse("workbench:catalog_approve", args=[version.pk]), {"comment": "同意"})
    assert response.status_code == 302, response.content.decode()[:2000]


def _publish(client, version):
    response = client.post(reverse("workbench:catalog_publish", args=[version.pk]), {"effective_on": ""})
    assert response.status_code == 302


def _draft_to_published(client, editor, reviewer, chain, name):
    _as(client, editor)
    response = client.post(reverse("workbench:catalog_item_create"), {
        "name": name, "item_type": "01", "base_code": "000104002000", "base_item": "", "local_code": "",
    })
    assert response.status_code == 302
    version = ItemVersion.objects.get(name=name)
    assert response["Location"] == reverse("workbench:catalog_version_edit", args=[version.pk])

    response = _edit(client, version, {
        "legal_basis": "《中华人民共和国行政许可法》", "statutory_limit": "20", "promised_limit": "15",
        "max_visits": "1", "online_depth": "3", "audience": ["1"],
        "materials-0-name": "申请书", "materials-0-original_count": "1",
        "steps-0-name": "受理", "steps-0-role": "窗口人员", "steps-0-working_days": "1",
    }, button="submit")
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == "submitted"

    sgj, sfj = chain
    queue = _as(client, sgj).get(reverse("workbench:catalog_queue")).content.decode()
    assert name in queue
    assert name not in _as(client, sfj).get(reverse("workbench:catalog_queue")).content.decode()

    review_url = reverse("workbench:catalog_review", args=[version.pk])
    assert_page(_as(client, sgj).get(review_url), "退回修改", 'name="fc__promised_limit"')
    response = client.post(reverse("workbench:catalog_return", args=[version.pk]), {
        "comment": "请压缩承诺时限", "fc__promised_limit": "承诺时限应不超过10个工作日",
    })
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == "returned"

    html = assert_page(_as(client, editor).get(reverse("workbench:catalog_version_edit", args=[version.pk])),
                       "请压缩承诺时限", 'data-comment-for="promised_limit"', "承诺时限应不超过10个工作日")
    assert html.index('data-comment-for="promised_limit"') > html.index('name="promised_limit"')
    response = _edit(client, version, {"promised_limit": "10"}, button="submit")
    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.status, version.promised_limit) == ("submitted", 10)

    _approve(_as(client, sgj), version)
    _approve(_as(client, sfj), version)
    version.refresh_from_db()
    assert version.status == "approved"
    assert name in _as(client, reviewer).get(reverse("workbench:catalog_queue")).content.decode()
    _publish(client, version)
    version.refresh_from_db()
    assert version.status == "published"
    return version


def test_editor_drafts_reviewer_returns_editor_fixes_chain_approves_and_it_is_published(
    client, editor, reviewer, chain
):
    v1 = _draft_to_published(client, editor, reviewer, chain, "固定资产投资项目节能审查")
    item = ServiceItem.objects.get(pk=v1.item_id)
    assert item.current_version_id == v1.pk

    public = APIClient()
    body = public.get(f"/api/v1/catalog/versions/{v1.pk}").json()
    assert (body["name"], body["promised_limit"], body["status"]) == ("固定资产投资项目节能审查", 10, "published")
    assert [m["name"] for m in body["materials"]] == ["申请书"]
    listed = public.get("/api/v1/catalog/items").json()
    assert [r["id"] for r in listed["results"]] == [item.pk]
    client.logout()
    assert_page(client.get(reverse("portal:guide", args=[item.pk])), "固定资产投资项目节能审查")

    # A second version changes the promised limit; v1 stays readable, unchanged.
    _as(client, editor)
    response = client.post(reverse("workbench:catalog_version_new", args=[item.pk]), {"change_summary": "压缩时限"})
    v2 = ItemVersion.objects.get(item=item, number=2)
    assert response["Location"] == reverse("workbench:catalog_version_edit", args=[v2.pk])
    _edit(client, v2, {"promised_limit": "5"}, button="submit")
    sgj, sfj = chain
    _approve(_as(client, sgj), v2)
    _approve(_as(client, sfj), v2)
    _publish(_as(client, reviewer), v2)
    item.refresh_from_db()
    assert item.current_version_id == v2.pk
    assert public.get(f"/api/v1/catalog/versions/{v1.pk}").json()["promised_limit"] == 10
    client.logout()
    assert_page(client.get(reverse("portal:guide_version", args=[item.pk, 1])), "固定资产投资项目节能审查")
    old_page = assert_page(_as(client, editor).get(reverse("workbench:catalog_version", args=[v1.pk])),
                           "历史版本（只读）")
    assert "编辑草稿" not in old_page
    diff = assert_page(client.get(reverse("workbench:catalog_version", args=[v2.pk])), "与现行版本 v1 的差异",
                       'data-field="promised_limit"')
    assert '<td class="diff-old">10</td><td class="diff-new">5</td>' in diff

    actions = list(AuditEvent.objects.filter(object_type="catalog.itemversion", object_id=str(v1.pk))
                   .order_by("seq").values_list("action", "actor_name"))
    assert actions == [
        ("catalog.item.draft_create", "editor"), ("catalog.version.update", "editor"),
        ("catalog.version.submit", "editor"), ("catalog.version.return", "rev_sgj"),
        ("catalog.version.update", "editor"), ("catalog.version.submit", "editor"),
        ("catalog.version.approve", "rev_sgj"), ("catalog.version.approve", "rev_sfj"),
        ("catalog.version.publish", "reviewer"),
    ]
    trail = client.get(reverse("workbench:catalog_version", args=[v1.pk])).content.decode()
    for label in ("起草事项", "退回修改", "审核通过", "发布"):
        assert label in trail
    assert audit_verify() == []
