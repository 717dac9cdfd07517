import pytest

from zwfw.catalog.search import catalog_search
from zwfw.catalog.search.selectors import highlight
from zwfw.catalog.search.text import parse_query

from .conftest import ITEMS, names

pytestmark = pytest.mark.django_db


def test_two_character_query_ranks_exact_then_prefix_then_contains_then_guide_text(catalog):
    page = catalog_search(query="户籍")
    assert names(page) == ["户籍", "户籍证明", "户籍迁入登记", "对户籍管理工作的检查", "残疾人证核发"]
    assert [hit.score for hit in page.results] == [100, 80, 80, 60, 10]
    assert page.total == 5


def test_dengji_finds_marriage_and_real_estate_registration_shorter_names_first(catalog):
    page = catalog_search(query="登记")
    assert names(page) == ["不动产登记", "户籍迁入登记", "内地居民离婚登记", "婚姻登记（结婚登记）",
                           "城乡居民基本养老保险参保登记"]
    assert page.total == 5


def test_popularity_breaks_ties_within_a_tier(catalog):
    from zwfw.catalog.models import CatalogSearchEntry

    CatalogSearchEntry.objects.filter(item=catalog["婚姻登记（结婚登记）"]).update(popularity=50)
    assert names(catalog_search(query="登记"))[:2] == ["婚姻登记（结婚登记）", "不动产登记"]


@pytest.mark.parametrize(("query", "expected", "score"), [
    ("社保", ["机关事业单位社会保险缴费申报"], 59),  # contains 社会保险
    ("医保", ["医疗保险关系转移"], 79),  # starts with 医疗保险
    ("公积金", ["住房公积金提取"], 79),  # starts with 住房公积金
])
def test_synonyms_find_the_formal_names_one_point_below_the_spelling_typed(catalog, query, expected, score):
    page = catalog_search(query=query)
    assert names(page) == expected
    assert page.results[0].score == score


def test_words_in_any_order_and_spaces(catalog):
    assert names(catalog_search(query="食品 许可")) == ["食品经营许可", "食品生产许可证核发"]
    assert names(catalog_search(query="结婚登记怎么办")) == ["婚姻登记（结婚登记）"]
    assert names(catalog_search(query="消防设计")) == ["建设工程消防设计审查"]
    assert names(catalog_search(query="不动产")) == ["不动产登记"]


def test_one_character_query(catalog):
    page = catalog_search(query="婚")
    assert names(page) == ["婚姻登记（结婚登记）", "内地居民离婚登记"]
    assert [hit.score for hit in page.results] == [80, 60]


def test_full_width_and_case_are_folded(catalog):
    assert names(catalog_search(query="（结婚登记）")) == ["婚姻登记（结婚登记）"]


def test_no_match_and_punctuation_only(catalog):
    assert catalog_search(query="出入境").total == 0
    page = catalog_search(query="！？")  # nothing searchable left: browse
    assert page.total == len(ITEMS)


def test_highlight_marks_matches_and_escapes_html():
    alts = parse_query("户籍").alternatives
    assert highlight("户籍迁入登记", alts) == "<mark>户籍</mark>迁入登记"
    assert highlight("<b>户籍</b>", alts) == "&lt;b&gt;<mark>户籍</mark>&lt;/b&gt;"
    assert highlight("社会保险登记", parse_query("社保").alternatives) == "<mark>社会保险</mark>登记"


def test_hit_carries_version_department_and_type(catalog):
    hit = catalog_search(query="不动产登记").results[0]
    item = catalog["不动产登记"]
    assert (hit.item_id, hit.version_id, hit.department_name, hit.item_type) == (
        item.pk, item.current_version_id, "区行政审批局", "07")
