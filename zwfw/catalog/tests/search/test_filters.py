import pytest

from zwfw.catalog.models import CatalogSearchEntry, Theme, ThemeKind
from zwfw.catalog.search import catalog_search
from zwfw.core.errors import ValidationFailed

from .conftest import ITEMS, names

pytestmark = pytest.mark.django_db


def test_browse_without_query_lists_every_published_item(catalog):
    page = catalog_search(query="", page_size=100)
    assert page.total == len(ITEMS) == len(page.results)
    assert {hit.score for hit in page.results} == {0}


def test_filter_by_department_and_item_type(catalog, police_dept, approval_dept):
    assert names(catalog_search(query="户籍", department=police_dept)) == [
        "户籍", "户籍证明", "户籍迁入登记", "对户籍管理工作的检查"]
    assert names(catalog_search(query="登记", department=approval_dept.pk)) == [
        "不动产登记", "城乡居民基本养老保险参保登记"]
    assert names(catalog_search(query="", item_type="01")) == ["食品经营许可", "食品生产许可证核发",
                                                              "建设工程消防设计审查"]


def test_filter_by_audience_code_and_group(catalog):
    assert names(catalog_search(query="登记", audience="2")) == ["不动产登记"]
    assert names(catalog_search(query="社保", audience="enterprise")) == ["机关事业单位社会保险缴费申报"]
    assert names(catalog_search(query="社保", audience="person")) == []


def test_filter_by_level_and_region(catalog, county, town):
    assert catalog_search(query="", level="4").total == len(ITEMS)
    assert catalog_search(query="", level="5").total == 0
    assert catalog_search(query="户籍", region=county).total == 5
    assert catalog_search(query="户籍", region=town).total == 0


def test_filter_by_theme_and_life_event(catalog, editor, reviewer, approval_dept, now):
    from zwfw.catalog.services import (
        item_draft_create,
        item_publish,
        item_review_approve,
        item_submit_for_review,
    )

    marriage = Theme.objects.create(code="LE01", name="结婚", kind=ThemeKind.LIFE_EVENT)
    other = Theme.objects.create(code="T01", name="纳税缴费")
    draft = item_draft_create(actor=editor, department=approval_dept, base_code="000104002001",
                              name="婚前医学检查", item_type="20", now=now)
    draft.themes.set([marriage])
    item_submit_for_review(actor=editor, version=draft, now=now)
    item_review_approve(actor=reviewer, version=draft, now=now)
    item_publish(actor=reviewer, version=draft, now=now)
    assert names(catalog_search(query="", theme=marriage)) == ["婚前医学检查"]
    assert names(catalog_search(query="检查", theme=marriage.pk)) == ["婚前医学检查"]
    assert catalog_search(query="", theme=other).total == 0
    # the theme's name is a keyword: 结婚 finds the item through it
    assert "婚前医学检查" in names(catalog_search(query="结婚"))


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"item_type": "99"}, "item_type"),
    ({"level": "9"}, "level"),
    ({"audience": "alien"}, "audience"),
    ({"theme": 999999}, "theme"),
    ({"page": 0}, "page"),
    ({"page_size": 0}, "page_size"),
    ({"page_size": 101}, "page_size"),
])
def test_bad_filters_are_refused_with_the_field_named(catalog, kwargs, field):
    with pytest.raises(ValidationFailed) as exc:
        catalog_search(query="户籍", **kwargs)
    assert list(exc.value.field_errors) == [field]


def test_pagination_pages_are_disjoint_and_total_is_stable(catalog):
    everything = names(catalog_search(query="登记", page_size=100))
    pages = [catalog_search(query="登记", page=p, page_size=2) for p in (1, 2, 3)]
    assert [page.total for page in pages] == [5, 5, 5]
    assert [n for page in pages for n in names(page)] == everything
    beyond = catalog_search(query="登记", page=4, page_size=2)
    assert (beyond.results, beyond.total) == ([], 5)
    browse = catalog_search(query="", page=2, page_size=10)
    assert (len(browse.results), browse.total) == (len(ITEMS) - 10, len(ITEMS))


def test_browse_orders_by_popularity(catalog):
    CatalogSearchEntry.objects.filter(item=catalog["住房公积金提取"]).update(popularity=9)
    assert names(catalog_search(query="", page_size=1)) == ["住房公积金提取"]
