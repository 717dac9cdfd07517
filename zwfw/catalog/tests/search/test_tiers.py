"""The tiered page fetch (many matches) gives exactly the page the one-query scoring gives."""

import pytest

from zwfw.catalog.search import catalog_search, ranking

pytestmark = pytest.mark.django_db

CASES = [
    {"query": "户籍"}, {"query": "登记"}, {"query": "社保"}, {"query": "医保"}, {"query": "公积金"},
    {"query": "婚"}, {"query": "食品 许可"}, {"query": "结婚登记怎么办"}, {"query": "户籍", "page_size": 2},
    {"query": "户籍", "page": 2, "page_size": 2}, {"query": "登记", "page": 3, "page_size": 2},
    {"query": "登记", "audience": "person"}, {"query": "户籍", "item_type": "20"},
]


def _page(kwargs):
    page = catalog_search(**kwargs)
    return [(h.name, h.score) for h in page.results], page


@pytest.mark.parametrize("walk", [1, 3, 2000])
@pytest.mark.parametrize("kwargs", CASES)
def test_tiered_pages_equal_scored_pages(catalog, monkeypatch, kwargs, walk):
    expected, whole = _page(kwargs)
    assert not whole.total_capped
    monkeypatch.setattr(ranking, "CAP", 0)  # every query takes the tiered path
    monkeypatch.setattr(ranking, "WALK", walk)  # 1 and 3: a tier is mostly fetched from its candidates
    got, page = _page(kwargs)
    assert got == expected
    if whole.total:
        assert (page.total, page.total_capped) == (0, True)


def test_capped_total_is_reported_as_such(catalog, monkeypatch):
    monkeypatch.setattr(ranking, "CAP", 3)
    page = catalog_search(query="户籍", page_size=2)
    assert (page.total, page.total_capped) == (3, True)
    assert [h.name for h in page.results] == ["户籍", "户籍证明"]
    browse = catalog_search(query="", page_size=2)
    assert (browse.total, browse.total_capped) == (3, True)
    assert catalog_search(query="户籍", department=None, item_type="06").total_capped is False
