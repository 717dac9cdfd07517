"""Issue 12 point 3: a guide's version history names its source as a person would, never a file
path, also for versions published before the notes were reworded (immutable rows)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from zwfw.catalog.demo.enrichment import RULES_PATH
from zwfw.catalog.services import item_version_create
from zwfw.catalog.source_names import source_named
from zwfw.catalog.themes import CHANGE_SUMMARY as THEMES_CHANGE_SUMMARY

from .guides import LATER, _publish, build_guides
from .network import build_network

OLD_NOTE = ("演示数据：名称、类型、部门、编码来自四川政务服务网（广安区）；时限、材料、流程等要素按事项类型补全"
            "（zwfw/catalog/sources/enrichment.json）")


def test_source_named_replaces_paths():
    assert source_named(OLD_NOTE).endswith("按事项类型补全（四川省政务服务事项要素补全规则（演示数据））")
    assert source_named("规则见 zwfw/catalog/sources/unknown.json，演示假设") == "规则见 系统内置数据，演示假设"
    assert source_named("承诺时限缩短") == "承诺时限缩短"


def test_loaders_write_no_paths_into_change_notes():
    rules = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    assert "zwfw/" not in rules["change_summary"] and "zwfw/" not in THEMES_CHANGE_SUMMARY


@pytest.mark.django_db
def test_version_history_on_the_guide_and_workbench_shows_the_source_name():
    guides = build_guides(build_network())
    # A second version of 社保查询 with the note the loaders wrote before (kept as published).
    version = item_version_create(actor=guides.editor, item=guides.social, change_summary=OLD_NOTE, now=LATER)
    _publish(version, guides.editor, guides.reviewer, LATER)
    body = Client().get(f"/guide/{guides.social.pk}/").content.decode()
    assert "版本记录" in body
    assert "zwfw/catalog" not in body and "enrichment.json" not in body
    assert "四川省政务服务事项要素补全规则（演示数据）" in body
    staff = Client()
    staff.force_login(guides.editor)
    workbench = staff.get(f"/workbench/catalog/items/{guides.social.pk}/").content.decode()
    assert "enrichment.json" not in workbench and "四川省政务服务事项要素补全规则（演示数据）" in workbench
