"""Issue 12 point 4: control characters in a search query are stripped on the portal's pages and
refused with a Chinese message by the catalog search API; nothing of them reaches a page."""

from __future__ import annotations

import pytest
from django.test import Client

from zwfw.core.text import has_control_chars, strip_control_chars

from .guides import build_guides
from .network import build_network

pytestmark = pytest.mark.django_db


def test_strip_control_chars_keeps_words_apart():
    assert strip_control_chars("户\x00籍\t迁移\u202e\x1b") == "户籍 迁移"
    assert has_control_chars("户籍\x00") and has_control_chars("\u200b") and not has_control_chars("户籍 迁移\n")


def test_guide_search_strips_a_nul_byte():
    build_guides(build_network())
    response = Client().get("/guide/", {"q": "户\x00籍"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "\x00" not in body and "\\x00" not in body and "%00" not in body
    assert 'value="户籍"' in body
    assert "共 1 项" in body


def test_only_control_characters_is_no_query():
    build_guides(build_network())
    body = Client().get("/guide/?q=%00%01").content.decode()
    assert "\x00" not in body and "\x01" not in body
    assert 'name="q" value=""' in body
    assert "共 3 项" in body


def test_old_search_address_and_departments_strip_control_chars():
    build_network()
    response = Client().get("/search/", {"q": "民政\x00"})
    assert response.status_code == 302
    assert response["Location"] == "/guide/?q=%E6%B0%91%E6%94%BF"


def test_catalog_search_api_refuses_control_chars_in_chinese():
    build_guides(build_network())
    for raw in ("%00", "%E6%88%B7%1B"):
        response = Client().get(f"/api/v1/catalog/search?q={raw}")
        assert response.status_code == 400
        # Refused at the edge for every API query (zwfw/core/edge.py, issue 13 finding 6).
        assert response.json()["fields"] == {"q": ["提交的内容含有控制字符，请删除后重试"]}
    assert Client().get("/api/v1/catalog/search?q=%E6%88%B7%E7%B1%8D").json()["total"] == 1
