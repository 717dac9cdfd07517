"""How a person names the data files the catalog was loaded from.

Change notes written by the demo loaders once carried file paths ("zwfw/catalog/sources/
enrichment.json"); published versions are immutable, so old notes keep them. Every page shows a
note through `source_named`, which puts the source's name in place of its path."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

SOURCE_NAMES = {
    "zwfw/catalog/sources/enrichment.json": "四川省政务服务事项要素补全规则（演示数据）",
    "zwfw/catalog/sources/themes/themes.json": "服务主题与人生事件归类规则（演示数据）",
    "zwfw/catalog/sources/guangan/items_flat.csv": "四川政务服务网广安区政务服务事项清单",
    "zwfw/catalog/sources/lingshan/items.json": "广西数字政务一体化平台灵山县政务服务事项清单",
}
# A path inside the project as the loaders wrote it: no page needs to show one.
PROJECT_PATH = re.compile(r"zwfw/[A-Za-z0-9_./-]*[A-Za-z0-9_]")


def source_name(path: str) -> str:
    return SOURCE_NAMES.get(path) or _("系统内置数据")


def source_named(text: str) -> str:
    """`text` with every project file path replaced by the name of the source it holds."""
    return PROJECT_PATH.sub(lambda m: source_name(m.group(0)), text or "")
