import re

import pytest
from django.urls import reverse

from zwfw.documents.testing import pdf_text
from zwfw.portal.pdf import PRINT_LAYOUT_REVISION

from .guides import build_guides
from .network import build_network
from .pages import assert_page

pytestmark = pytest.mark.django_db

SEVEN_HEADINGS = ("设立依据", "申报条件", "申报材料", "办理流程", "办理期限", "办结方式与结果", "收费标准")


@pytest.fixture
def network():
    return build_network()


@pytest.fixture
def guides(network):
    return build_guides(network)


def names_in(html: str) -> list[str]:
    return re.findall(r'class="result-name" href="/guide/\d+/">(.*?)</a>', html)


def test_browse_lists_published_items_only_with_count(client, guides):
    html = assert_page(client.get(reverse("portal:guide_browse")), "共 3 项")
    assert sorted(names_in(html)) == sorted(["户籍迁移登记", "社会保险个人权益记录查询", "民办非企业单位登记"])
    assert "未公开的登记事项" not in html and "户籍迁移登记草稿名称" not in html


@pytest.mark.parametrize(("params", "expected"), [
    ({"audience": "person"}, ["户籍迁移登记", "社会保险个人权益记录查询"]),
    ({"audience": "enterprise"}, ["民办非企业单位登记"]),
    ({"type": "20"}, ["社会保险个人权益记录查询"]),
    ({"theme": "T-HJ"}, ["户籍迁移登记"]),
    ({"event": "E-QY"}, ["户籍迁移登记"]),
    ({"level": "2"}, []),
])
def test_browse_facets_filter(client, guides, params, expected):
    html = assert_page(client.get(reverse("portal:guide_browse"), params))
    assert sorted(names_in(html)) == sorted(expected)
    assert f"共 {len(expected)} 项" in html


def test_browse_by_department_and_facet_counts(client, guides, network):
    html = assert_page(client.get(reverse("portal:guide_browse"), {"department": network.civil.pk}), "共 3 项")
    assert f'<option value="{network.civil.pk}" selected>广安区民政局（3）</option>' in html
    assert '<option value="T-HJ">户籍办理（1）</option>' in html
    html = assert_page(client.get(reverse("portal:guide_browse"), {"department": network.land.pk}), "共 0 项")
    assert names_in(html) == []


def test_unknown_filter_values_are_ignored(client, guides):
    html = assert_page(client.get(reverse("portal:guide_browse"),
                                  {"department": "x", "theme": "<b>", "type": "99", "level": "9", "page": "-3"}))
    assert len(names_in(html)) == 3 and "&lt;b&gt;" not in html


@pytest.mark.parametrize("query", ["户籍", "登记", "社保"])
def test_two_character_queries_find_items(client, guides, query):
    html = assert_page(client.get(reverse("portal:guide_browse"), {"q": query}))
    assert names_in(html), query


def test_search_ranks_best_match_first_and_highlights(client, guides):
    html = assert_page(client.get(reverse("portal:guide_browse"), {"q": "登记"}), "与“登记”相关的事项")
    # Same tier (name contains the query): the shorter name first.
    assert names_in(html) == ["户籍迁移<mark>登记</mark>", "民办非企业单位<mark>登记</mark>"]
    html = assert_page(client.get(reverse("portal:guide_browse"), {"q": "户籍迁移登记"}))
    assert names_in(html)[0] == "<mark>户籍迁移登记</mark>"


def test_search_respects_facets(client, guides):
    html = assert_page(client.get(reverse("portal:guide_browse"), {"q": "登记", "audience": "enterprise"}), "共 1 项")
    assert names_in(html) == ["民办非企业单位<mark>登记</mark>"]


def test_search_never_finds_drafts(client, guides):
    html = assert_page(client.get(reverse("portal:guide_browse"), {"q": "未公开"}), "共 0 项", "没有找到相关事项")
    assert "未公开的登记事项" not in html
    html = assert_page(client.get(reverse("portal:guide_browse"), {"q": "草稿名称"}), "共 0 项")


def test_guide_page_shows_the_seven_openings(client, guides):
    html = assert_page(client.get(reverse("portal:guide", args=[guides.household.pk])), *SEVEN_HEADINGS)
    for text in ("户籍迁移登记", "《中华人民共和国户口登记条例》第十条", "符合本县户口迁移政策的居民",
                 "户口迁移申请表", "居民身份证", "结婚证", "投靠配偶的", "可容缺",
                 "20个工作日", "3个工作日", "提速 85%", "公示：7个自然日", "行政许可法》第四十五条",
                 "居民户口簿", "邮政快递送达", "不收费", "广安区政务服务中心", "B03", "广安区示例路1号",
                 "周一至周五 9:00–17:30", "广安区人民政府", "广安区人民法院", "1 次（需核验本人身份）",
                 "Ⅲ级", "网上办", "一次办", "户籍办理", "迁居", "第 2 版"):
        assert text in html, text
    assert html.count("免提交") == 3  # two flagged materials + the explanation
    assert "139****5678" in html  # a mobile in the guide's free text is masked
    assert "户籍迁移登记草稿名称" not in html
    assert "历史版本</strong>" not in html


def test_guide_page_draws_the_flow_chart_and_qr_code(client, guides):
    html = assert_page(client.get(reverse("portal:guide", args=[guides.household.pk])))
    svg = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for text in ("1. 受理", "窗口人员 · 1个工作日", "2. 审核", "户籍民警 · 3个工作日", "3. 办结", "申请人提出申请"):
        assert text in svg, text
    assert "共3个环节，合计5个工作日" in svg
    assert '<table class="steps">' in html  # the text alternative
    assert 'class="qr"' in html and "<path" in html


def test_guide_page_links_blank_and_sample_forms(client, guides):
    html = assert_page(client.get(reverse("portal:guide", args=[guides.household.pk])))
    links = re.findall(r'href="(/guide/files/\d+/)" download>(空白表格|示例样表)<', html)
    assert [label for _url, label in links] == ["空白表格", "示例样表"]
    response = client.get(links[0][0])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"file.pdf\"; "
        "filename*=UTF-8''%E6%88%B7%E5%8F%A3%E8%BF%81%E7%A7%BB%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_fee_items_and_immediate_step_are_shown(client, guides):
    html = assert_page(client.get(reverse("portal:guide", args=[guides.social.pk])),
                       "补卡工本费", "20元/张", "川发改价格〔2019〕1号", "首次申领免费", "窗口人员 · 即时办理")
    assert "不收费" not in html


def test_earlier_published_version_is_readable_and_marked(client, guides):
    url = reverse("portal:guide_version", args=[guides.household.pk, 1])
    html = assert_page(client.get(url), "历史版本", "第 1 版", "有效期 2026年3月2日 至 2026年6月1日",
                       "5个工作日", "查看现行版本")
    assert "提速 75%" in html and "提速 85%" not in html
    current = assert_page(client.get(reverse("portal:guide", args=[guides.household.pk])), "版本记录")
    assert f'href="{url}"' in current and "承诺时限缩短" in current


def test_current_version_number_url_is_the_current_guide(client, guides):
    html = assert_page(client.get(reverse("portal:guide_version", args=[guides.household.pk, 2])))
    assert "历史版本</strong>" not in html


@pytest.mark.parametrize("case", ["draft_version", "unpublished_item", "missing_item", "missing_version"])
def test_drafts_and_unknown_guides_are_404(client, guides, case):
    url = {
        "draft_version": reverse("portal:guide_version", args=[guides.household.pk, guides.household_draft.number]),
        "unpublished_item": reverse("portal:guide", args=[guides.hidden.pk]),
        "missing_item": reverse("portal:guide", args=[999999]),
        "missing_version": reverse("portal:guide_version", args=[guides.household.pk, 9]),
    }[case]
    response = client.get(url)
    assert response.status_code == 404
    assert "户籍迁移登记草稿名称" not in response.content.decode()
    assert client.get(url + "pdf").status_code == 404


def test_editor_does_not_see_drafts_on_the_public_pages(client, guides):
    client.force_login(guides.editor)
    assert client.get(reverse("portal:guide", args=[guides.hidden.pk])).status_code == 404
    assert client.get(reverse("portal:guide_version", args=[guides.household.pk, 3])).status_code == 404


def test_files_of_a_draft_are_not_served_to_the_public(client, guides):
    from zwfw.catalog.models import MaterialFile

    draft_file = MaterialFile.objects.filter(material__version=guides.household_draft).first()
    assert draft_file is not None  # copied from v2 when the draft was opened
    assert client.get(reverse("portal:form_file", args=[draft_file.pk])).status_code == 404
    client.force_login(guides.editor)
    assert client.get(reverse("portal:form_file", args=[draft_file.pk])).status_code == 200


def test_guide_pdf_has_the_item_and_the_headings_in_chinese(client, guides, tmp_path):
    response = client.get(reverse("portal:guide_pdf", args=[guides.household.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=\"file.pdf\"; filename*=UTF-8''")
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    for heading in ("户籍迁移登记", *SEVEN_HEADINGS, "申请人提出申请", "审核"):
        assert heading in text, heading
    assert "历史版本" not in text


def test_guide_pdf_is_cached_per_version_in_the_private_store(client, guides, tmp_path, monkeypatch):
    from zwfw.documents.models import RenderedPdf
    from zwfw.files.services import file_read

    url = reverse("portal:guide_version_pdf", args=[guides.household.pk, 1])
    first = client.get(url)
    data = b"".join(first.streaming_content)
    assert "历史版本" in pdf_text(data, tmp_path)
    cached = RenderedPdf.objects.select_related("stored_file").get()
    assert cached.key == f"guide:{guides.household_v1.pk}:r{PRINT_LAYOUT_REVISION}"
    assert (cached.stored_file.purpose, cached.stored_file.owner_id) == ("portal.guide_pdf", str(guides.household_v1.pk))
    assert file_read(cached.stored_file) == data
    assert first["Cache-Control"] == "public, max-age=86400" and first["X-Content-Type-Options"] == "nosniff"

    def no_render(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr("weasyprint.HTML", no_render)
    assert b"".join(client.get(url).streaming_content) == data


def test_other_host_headers_do_not_add_cached_pdfs(client, guides, settings, tmp_path):
    from zwfw.documents.models import RenderedPdf
    from zwfw.files.models import StoredFile

    settings.ALLOWED_HOSTS = ["*"]
    settings.ZWFW_SITE_URL = "https://zwfw.guang-an.example"
    url = reverse("portal:guide_pdf", args=[guides.household.pk])
    bodies = {b"".join(client.get(url, HTTP_HOST=f"127.0.0.1:{port}").streaming_content)
              for port in (8000, 8001, 9999)}
    assert len(bodies) == 1 and RenderedPdf.objects.count() == 1 and StoredFile.objects.filter(
        purpose="portal.guide_pdf").count() == 1
    text = pdf_text(bodies.pop(), tmp_path)
    assert f"https://zwfw.guang-an.example/guide/{guides.household.pk}/" in text.replace("\n", "")


def test_department_page_links_its_items(client, guides, network):
    html = assert_page(client.get(reverse("portal:departments")))
    assert f'href="/guide/?department={network.civil.pk}">3 项</a>' in html
    assert f"/guide/?department={network.land.pk}" not in html


def test_a_capped_count_is_shown_as_more_than(client, guides, monkeypatch):
    from zwfw.catalog.search import ranking

    monkeypatch.setattr(ranking, "CAP", 1)  # "登记" matches two published items
    html = assert_page(client.get(reverse("portal:guide_browse"), {"q": "登记"}), "1 项以上")
    assert "共 1 项" not in html and "共 2 项" not in html


def test_a_scheduled_version_is_announced_not_shown_as_current(client, guides, monkeypatch):
    """A version published with a later effective date is scheduled: the guide shows the version in
    force and says when the next takes effect (issue 7, point 8)."""
    import datetime as dt

    from zwfw.catalog.services import item_publish, item_review_approve, item_submit_for_review
    from zwfw.core import clock

    july = dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: july)
    v3 = guides.household_draft
    item_submit_for_review(actor=guides.editor, version=v3, now=july)
    item_review_approve(actor=guides.reviewer, version=v3, now=july)
    item_publish(actor=guides.reviewer, version=v3, effective_on=dt.date(2026, 8, 1), now=july)

    current = assert_page(client.get(reverse("portal:guide", args=[guides.household.pk])),
                          "第 2 版", "新版办事指南将于2026年8月1日起施行", "查看新版")
    assert "户籍迁移登记草稿名称" not in current
    scheduled = assert_page(client.get(reverse("portal:guide_version", args=[guides.household.pk, 3])),
                            "户籍迁移登记草稿名称", "本版办事指南将于2026年8月1日起施行")
    assert "历史版本</strong>" not in scheduled
