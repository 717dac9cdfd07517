"""A published guide is rendered once per version and state (issue 12, point 15): later requests
read the cache; publishing, cancelling, scheduling and the day a scheduled version takes effect
each show at once. Cached PDFs are answered without building the guide; the OpenAPI document is
built once per process."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from zwfw.catalog.in_force import in_force_among, scheduled_among, version_in_force, version_scheduled
from zwfw.catalog.models import ItemVersion, VersionStatus
from zwfw.catalog.services import (
    item_cancel,
    item_publish,
    item_review_approve,
    item_submit_for_review,
    item_version_create,
    item_version_update,
)
from zwfw.core import clock

from .guides import build_guides
from .network import build_network, make_user
from .pages import assert_page

pytestmark = pytest.mark.django_db

JULY = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def guides(settings):
    network = build_network()
    settings.ZWFW_HOME_REGION = network.county.code  # as a deployment has: read once, then cached
    return build_guides(network)


@pytest.fixture
def renders(monkeypatch):
    """Counts the renderings of the guide article (the expensive part)."""
    from zwfw.portal import guide_views

    calls = []
    original = guide_views.gs.guide_get

    def counting(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(guide_views.gs, "guide_get", counting)
    return calls


def _approve_and_publish(guides, version, *, effective_on=None, now=JULY):
    item_submit_for_review(actor=guides.editor, version=version, now=now)
    item_review_approve(actor=guides.reviewer, version=version, now=now)
    return item_publish(actor=guides.reviewer, version=version, effective_on=effective_on, now=now)


def test_a_guide_is_rendered_once_then_read_from_the_cache(client, guides, renders, django_assert_max_num_queries):
    url = reverse("portal:guide", args=[guides.household.pk])
    first = assert_page(client.get(url), "户籍迁移登记", "第 2 版")
    assert len(renders) == 1
    with django_assert_max_num_queries(1):  # the item, its department and published versions: one query
        again = assert_page(client.get(url), "户籍迁移登记", "第 2 版")
    assert len(renders) == 1
    article = re.compile(r'<article class="guide">.*</article>', re.S)
    assert article.search(again).group() == article.search(first).group()


def test_the_cached_guide_holds_nothing_of_the_visitor(client, guides, renders):
    url = reverse("portal:guide", args=[guides.household.pk])
    client.get(url)
    citizen = make_user("cache_visitor", "catalog_editor", full_name="访客丙")
    client.force_login(citizen)
    signed_in = client.get(url).content.decode()
    client.logout()
    anonymous = client.get(url).content.decode()
    assert len(renders) == 1
    assert "访客丙" in signed_in and "访客丙" not in anonymous


def test_publishing_a_version_shows_it_at_once(client, guides, renders, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: JULY)
    url = reverse("portal:guide", args=[guides.household.pk])
    assert_page(client.get(url), "第 2 版")
    _approve_and_publish(guides, guides.household_draft)
    assert_page(client.get(url), "第 3 版", "户籍迁移登记草稿名称")
    assert len(renders) == 2


def test_cancelling_the_item_shows_at_once(client, guides, renders, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: JULY)
    url = reverse("portal:guide", args=[guides.social.pk])
    page = assert_page(client.get(url), "社会保险个人权益记录查询")
    assert "事项已取消" not in page
    item_cancel(actor=guides.reviewer, item=guides.social, effective_on=JULY.date(), reason="并入其他事项", now=JULY)
    assert_page(client.get(url), "事项已取消")


def test_a_scheduled_version_is_announced_and_takes_over_on_its_day(client, guides, renders, monkeypatch):
    """The day it takes effect the page shows it, before the daily job moves current_version."""
    today = {"now": JULY}
    monkeypatch.setattr(clock, "now", lambda: today["now"])
    url = reverse("portal:guide", args=[guides.household.pk])
    assert "新版办事指南" not in assert_page(client.get(url), "第 2 版")
    _approve_and_publish(guides, guides.household_draft, effective_on=dt.date(2026, 8, 1))
    assert_page(client.get(url), "第 2 版", "新版办事指南将于2026年8月1日起施行")
    today["now"] = dt.datetime(2026, 8, 1, 1, 0, tzinfo=dt.UTC)  # 09:00 China time, the job has not run
    page = assert_page(client.get(url), "第 3 版", "户籍迁移登记草稿名称")
    assert "新版办事指南将于" not in page
    assert len(renders) == 3


def test_a_changed_schedule_shows_at_once(client, guides, renders, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: JULY)
    url = reverse("portal:guide", args=[guides.household.pk])
    _approve_and_publish(guides, guides.household_draft, effective_on=dt.date(2026, 8, 1))
    assert "第 4 版" not in assert_page(client.get(url), "2026年8月1日")
    # A second scheduled version joins the version list at once.
    v4 = item_version_create(actor=guides.editor, item=guides.household, change_summary="再次调整", now=JULY)
    item_version_update(actor=guides.editor, version=v4, fields={"promised_limit": 2}, now=JULY)
    _approve_and_publish(guides, v4, effective_on=dt.date(2026, 9, 1))
    assert_page(client.get(url), "新版办事指南将于2026年8月1日起施行", "第 4 版", "再次调整")


def test_the_pure_in_force_rule_agrees_with_the_query(guides, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: JULY)
    _approve_and_publish(guides, guides.household_draft, effective_on=dt.date(2026, 8, 1))
    item = guides.household
    published = list(ItemVersion.objects.filter(item=item, status=VersionStatus.PUBLISHED))
    for day in (dt.date(2026, 1, 1), JULY.date(), dt.date(2026, 7, 31), dt.date(2026, 8, 1), dt.date(2027, 1, 1)):
        assert in_force_among(published, on=day) == version_in_force(item, on=day)
        assert scheduled_among(published, on=day) == version_scheduled(item, on=day)


def test_a_cached_pdf_is_served_without_building_the_guide(client, guides, renders, django_assert_max_num_queries):
    url = reverse("portal:guide_pdf", args=[guides.household.pk])
    first = client.get(url)
    assert first.status_code == 200 and len(renders) == 1
    with django_assert_max_num_queries(3):  # item, versions, the stored PDF
        again = client.get(url)
    assert again.status_code == 200 and len(renders) == 1
    assert b"".join(again.streaming_content) == b"".join(first.streaming_content)
    assert again["Cache-Control"].startswith("public")


def test_the_openapi_document_is_built_once(client, monkeypatch):
    from drf_spectacular.generators import SchemaGenerator

    from zwfw.api.openapi_view import openapi_documents_forget

    openapi_documents_forget()
    calls = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    url = reverse("api:openapi")
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and b'"openapi"' in first.content
    assert len(calls) == 1
    openapi_documents_forget()


@pytest.fixture
def rankings(monkeypatch):
    """Counts the searches the guide list runs (ranking is the expensive part)."""
    from zwfw.portal import guide_selectors

    calls = []
    original = guide_selectors._search

    def counting(filters):
        calls.append(filters.query)
        return original(filters)

    monkeypatch.setattr(guide_selectors, "_search", counting)
    return calls


def test_a_search_page_is_built_once_per_index_generation(client, guides, rankings,
                                                           django_assert_max_num_queries):
    url = reverse("portal:guide_browse") + "?q=户籍"
    first = assert_page(client.get(url), f"/guide/{guides.household.pk}/")
    assert rankings == ["户籍"]
    with django_assert_max_num_queries(4):  # the home region, the index generation, the department filter
        again = client.get(url).content.decode()
    assert rankings == ["户籍"]
    body = re.compile(r'<div class="guide-layout">.*</div>', re.S)
    assert body.search(again).group() == body.search(first).group()
    # Another page of the same search, or another query, is its own entry.
    client.get(url + "&page=2")
    client.get(reverse("portal:guide_browse") + "?q=社会保险")
    assert rankings == ["户籍", "户籍", "社会保险"]


def test_publishing_shows_in_a_cached_search_at_once(client, guides, rankings, monkeypatch):
    """A publish writes the search index, which moves its generation: the cached answer of the
    same query is not read again, in this process or any other worker's."""
    from zwfw.catalog.search.indexing import search_generation

    monkeypatch.setattr(clock, "now", lambda: JULY)
    url = reverse("portal:guide_browse") + "?q=草稿名称"
    link = f'href="/guide/{guides.household.pk}/"'
    assert link not in client.get(url).content.decode()
    before = search_generation()
    _approve_and_publish(guides, guides.household_draft)
    assert search_generation() > before
    assert link in client.get(url).content.decode()
    assert rankings == ["草稿名称", "草稿名称"]


def test_cancelling_leaves_a_cached_search_at_once(client, guides, rankings, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: JULY)
    url = reverse("portal:guide_browse") + "?q=社会保险个人权益"
    link = f'href="/guide/{guides.social.pk}/"'
    assert link in client.get(url).content.decode()
    item_cancel(actor=guides.reviewer, item=guides.social, effective_on=JULY.date(), reason="并入其他事项", now=JULY)
    assert link not in client.get(url).content.decode()


def test_the_cached_search_page_holds_nothing_of_the_visitor(client, guides, rankings):
    url = reverse("portal:guide_browse") + "?q=户籍"
    client.get(url)
    client.force_login(make_user("search_visitor", "catalog_editor", full_name="访客丁"))
    signed_in = client.get(url).content.decode()
    client.logout()
    anonymous = client.get(url).content.decode()
    assert rankings == ["户籍"]
    assert "访客丁" in signed_in and "访客丁" not in anonymous


def test_the_home_page_body_is_kept_and_holds_nothing_of_the_visitor(client, guides, monkeypatch):
    from zwfw.portal import views

    renders = []
    original = views.render_to_string
    monkeypatch.setattr(views, "render_to_string", lambda *a, **k: renders.append(a[0]) or original(*a, **k))
    client.get("/")
    client.force_login(make_user("home_visitor", "catalog_editor", full_name="访客戊"))
    signed_in = client.get("/").content.decode()
    client.logout()
    anonymous = client.get("/").content.decode()
    assert renders == ["portal/_home_body.html"]
    assert "访客戊" in signed_in and "访客戊" not in anonymous
    assert "服务网络" in anonymous and "办事入口" in anonymous
    # Another region shown is its own body.
    client.get("/?region=all")
    assert renders == ["portal/_home_body.html"] * 2
