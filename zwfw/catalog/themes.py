"""Service themes ("19+X") and life / business events: the seed and the demo classification.

`theme_list_seed()` creates or updates the Theme rows listed in sources/themes/themes.json; the
demo loaders link items to them before publishing (`themes_for_name`). `theme_seed()` also
classifies already published items that have no theme yet by the keyword rules of the same file (the
rules are data, marked 演示假设 there). A published version is immutable, so a classified item
gets a new published version carrying its themes; the old version stays readable
(demo/republish.py). Running it again changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction

from zwfw.core import clock
from zwfw.core.audit import audit_record

from .demo.republish import has_open_version, item_republish, reindex
from .models import ItemStatus, ServiceItem, Theme, ThemeKind

THEMES_PATH = Path(__file__).resolve().parent / "sources" / "themes" / "themes.json"
CHANGE_SUMMARY = "按服务主题和人生事件/企业事件归类（依据：服务主题与人生事件归类规则（演示数据））"


@dataclass(frozen=True)
class ThemeRule:
    code: str
    name: str
    kind: str
    audience: str
    keywords: tuple[str, ...]


@cache
def theme_rules() -> tuple[ThemeRule, ...]:
    data = json.loads(THEMES_PATH.read_text(encoding="utf-8"))
    rules = []
    for key, kind in (("themes", ThemeKind.THEME), ("life_events", ThemeKind.LIFE_EVENT)):
        for row in data[key]:
            rules.append(ThemeRule(row["code"], row["name"], kind, row["audience"], tuple(row["keywords"])))
    return tuple(rules)


def themes_for_name(name: str) -> list[str]:
    """Codes of the themes and events whose keywords occur in an item's name (pure)."""
    return [rule.code for rule in theme_rules() if any(k in name for k in rule.keywords)]


def _themes_upsert() -> tuple[dict[str, Theme], int]:
    themes, created = {}, 0
    for position, rule in enumerate(theme_rules(), start=1):
        theme, made = Theme.objects.update_or_create(
            code=rule.code,
            defaults={"name": rule.name, "kind": rule.kind, "audience": rule.audience, "sort_order": position},
        )
        themes[rule.code] = theme
        created += int(made)
    return themes, created


def theme_list_seed(*, actor, now=None) -> int:
    """Create or update the Theme rows only (before a catalog load that links items to them by
    `themes_for_name`, as the demo does). Returns how many were created; audited when any were."""
    now = now or clock.now()
    with transaction.atomic():
        _themes, created = _themes_upsert()
        if created:
            audit_record(actor=actor, action="catalog.theme_seed", object_type="catalog.theme", object_id="19+X",
                         object_repr="服务主题与人生事件", changes={"themes_created": created}, now=now)
    return created


def theme_seed(*, actor, region=None, now=None) -> dict:
    """Seed the themes, then classify the published items (of `region`'s subtree) that have no
    theme yet. Items with a version under way are left to their editors. Idempotent; one summary
    audit event when anything changed."""
    now = now or clock.now()
    with transaction.atomic():
        themes, created = _themes_upsert()
        items = (ServiceItem.objects.filter(status=ItemStatus.ACTIVE, current_version__isnull=False,
                                            current_version__themes__isnull=True)
                 .select_related("current_version").order_by("id"))
        if region is not None:
            items = items.filter(region__code__startswith=region.prefix)
        classified, busy = [], 0
        for item in items:
            codes = themes_for_name(item.current_version.name)
            if not codes:
                continue
            if has_open_version(item):
                busy += 1
                continue
            chosen = [themes[c] for c in codes]
            item_republish(item=item, actor=actor, now=now, change_summary=CHANGE_SUMMARY,
                           change=lambda version, chosen=chosen: version.themes.set(chosen))
            classified.append(item.pk)
        reindex(classified, now=now)
        summary = {"themes_created": created, "items_classified": len(classified), "items_skipped_open": busy}
        if created or classified:
            audit_record(actor=actor, action="catalog.demo.theme_seed", object_type="catalog.theme",
                         object_id="19+X", object_repr="服务主题与人生事件（演示归类）", changes=summary, now=now)
    return summary
