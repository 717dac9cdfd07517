"""Statistics page and Excel export (same tables), the lint page, scoped by the viewer."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from zwfw.accounts.models import Role
from zwfw.catalog.services import (
    item_publish,
    item_review_approve,
    item_submit_for_review,
    item_version_create,
    item_version_update,
)
from zwfw.portal.tests.pages import assert_page

from .conftest import make_user

pytestmark = pytest.mark.django_db


def test_stats_page_has_tables_and_echarts_from_static(client, published, editor):
    client.force_login(editor)
    html = assert_page(client.get(reverse("workbench:catalog_stats")), "事项统计", "按事项类型", "行政许可",
                       '<th scope="row">区行政审批局</th>', 'id="stats-chart-data"')
    assert "/static/vendor/echarts/echarts.min.js" in html
    assert "cdn" not in html.lower()
    assert '{"labels": ["\\u884c\\u653f\\u8bb8\\u53ef"], "values": [1]}' in html


def test_stats_excel_has_the_page_tables(client, published, editor):
    client.force_login(editor)
    response = client.get(reverse("workbench:catalog_stats_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["主要指标", "按事项类型", "按行使方式", "四办事项", "按部门"]
    rows = list(book["按事项类型"].iter_rows(values_only=True))
    assert rows[0] == ("按事项类型（区行政审批局）", None, None, None)
    assert rows[1:] == [("类型代码", "事项类型", "事项数", "占比"), ("01", "行政许可", 1, "100.0%")]
    figures = {r[0]: r[1:] for r in book["主要指标"].iter_rows(min_row=3, values_only=True)}
    assert figures["事项总数"] == (1, None)
    assert figures["最多跑一次（到现场不超过1次）"] == (1, "100.0%")
    assert figures["平均提速比（法定−承诺）/法定"] == (1, "75.0%")


def test_stats_api_json_and_export(published):
    client = APIClient()
    body = client.get("/api/v1/catalog/stats").json()
    assert (body["total"], body["by_type"]) == (1, {"01": 1})
    assert client.get("/api/v1/catalog/stats", {"region": "999999999999"}).json()["code"] == "region_not_found"
    response = client.get("/api/v1/catalog/stats/export")
    assert response.status_code == 200
    assert load_workbook(BytesIO(response.content))["按部门"]["A3"].value == "区行政审批局"


def test_lint_page_lists_findings_per_item_in_scope(client, published, editor, reviewer, other_editor, county):
    v2 = item_version_create(actor=editor, item=published.item)
    item_version_update(actor=editor, version=v2, fields={"promised_limit": 30})
    item_submit_for_review(actor=editor, version=v2)
    item_review_approve(actor=reviewer, version=v2)
    item_publish(actor=reviewer, version=v2)
    client.force_login(editor)
    html = assert_page(client.get(reverse("workbench:catalog_lint")), "1 个事项共有 1 个问题", "区行政审批局",
                       '<span class="tag">L01</span> 承诺办结时限：承诺时限（30）长于法定时限（20）')
    assert f'href="{reverse("workbench:catalog_version", args=[v2.pk])}"' in html
    client.force_login(other_editor)
    html = assert_page(client.get(reverse("workbench:catalog_lint")), "0 个事项共有 0 个问题", "未发现问题")
    supervisor = make_user("sup", Role.SUPERVISOR, region=county)
    client.force_login(supervisor)
    assert_page(client.get(reverse("workbench:catalog_lint")), "广安区及下辖区划")
