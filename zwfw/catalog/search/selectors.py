"""catalog_search: the public search and browse of the published catalog (网上办事大厅).

Ranking (best first): the name equals the query > the name starts with it > the name contains
it > every word of the query is in the name > every word is in the name or keywords (department,
themes, result) > found in the guide digest only. A synonym spelling (社保 → 社会保险) ranks
just below the same tier of the spelling typed. Ties: popularity, then the shorter name.
How a page is fetched without scoring every match: ranking.py.
"""

from __future__ import annotations

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zwfw.core.errors import ValidationFailed

from ..models import ItemLevel, ItemType, Theme
from ..models.codes import Audience
from .backends import Facets
from .ranking import BODY_SCORE, CAP, TIERS, browsed, ranked
from .text import Alternative, facet_tokens, normalize, parse_query

MAX_PAGE_SIZE = 100
# Filter values beside the national audience codes: the portal's 个人办事 / 法人办事.
AUDIENCE_GROUPS = {"person": ("1",), "enterprise": ("2", "3", "4", "5", "9")}
__all__ = ["BODY_SCORE", "CAP", "TIERS", "SearchHit", "SearchPage", "catalog_search", "highlight"]


@dataclass(frozen=True)
class SearchHit:
    item_id: int
    version_id: int
    name: str
    department_name: str
    item_type: str
    score: int
    highlight: SafeString  # the name, HTML-escaped, matches wrapped in <mark>


@dataclass(frozen=True)
class SearchPage:
    results: list[SearchHit]
    total: int
    page: int = 1
    page_size: int = 20
    # True when more than `total` (= ranking.CAP) items match: shown as "1000+".
    total_capped: bool = False


def _pk(value):
    return getattr(value, "pk", value)


def _filters(*, region, department, theme, audience, level, item_type) -> tuple[Q, Facets]:
    """The filters as a condition on the entries and as facet-token groups (the same rows)."""
    errors: dict[str, list[str]] = {}
    q, facets = Q(), []
    if region is not None:
        q &= Q(region__code__startswith=region.prefix)
        facets.append((facet_tokens(region_code=region.prefix)[-1],))
    if department is not None:
        q &= Q(department_id=_pk(department))
        facets.append(tuple(facet_tokens(department=_pk(department))))
    if theme is not None:
        theme_id = _pk(theme)
        if not isinstance(theme_id, int) or not Theme.objects.filter(pk=theme_id).exists():
            errors["theme"] = [_("主题不存在")]
        q &= Q(themes__contains=f"|{theme_id}|")
        facets.append(tuple(facet_tokens(themes=[theme_id])))
    if audience:
        codes = AUDIENCE_GROUPS.get(audience, (audience,))
        if not set(codes) <= set(Audience.values):
            errors["audience"] = [_("服务对象无效")]
        any_code = Q()
        for code in codes:
            any_code |= Q(audience__contains=f"|{code}|")
        q &= any_code
        facets.append(tuple(facet_tokens(audience=codes)))
    if level and level not in ItemLevel.values:
        errors["level"] = [_("行使层级无效")]
    elif level:
        q &= Q(level=level)
        facets.append(tuple(facet_tokens(level=level)))
    if item_type and item_type not in ItemType.values:
        errors["item_type"] = [_("事项类型无效")]
    elif item_type:
        q &= Q(item_type=item_type)
        facets.append(tuple(facet_tokens(item_type=item_type)))
    if errors:
        raise ValidationFailed(_("检索条件有误"), field_errors=errors)
    return q, facets


def highlight(name: str, alternatives: tuple[Alternative, ...]) -> SafeString:
    """The name with the query's phrase or words marked (case- and width-insensitively)."""
    key = normalize(name)
    marks = [False] * len(name) if len(key) == len(name) else []
    if marks:
        for needle in sorted({t for a in alternatives for t in (a.phrase, *a.tokens)}, key=len, reverse=True):
            for m in re.finditer(re.escape(needle), key):
                marks[m.start():m.end()] = [True] * (m.end() - m.start())
    out, open_ = [], False
    for char, marked in zip(name, marks or [False] * len(name), strict=True):
        if marked != open_:
            out.append("<mark>" if marked else "</mark>")
            open_ = marked
        out.append(html.escape(char))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 (every character escaped above)


def catalog_search(*, viewer=None, query: str = "", region=None, department=None, theme=None, audience=None,
                   level=None, item_type=None, page: int = 1, page_size: int = 20) -> SearchPage:
    """Search (or, with an empty query, browse) the published catalog.

    The catalog is public (七公开), so every viewer sees the same: active items by their published
    current version. Filters: region (its subtree), department, theme (including life events,
    Theme.kind=life_event), audience (a 服务对象 code, or "person"/"enterprise"), level
    (行使层级), item_type (事项类型 code)."""
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        message = _("页码须不小于1，每页条数须在1到%d之间") % MAX_PAGE_SIZE
        raise ValidationFailed(message, field_errors={"page" if page < 1 else "page_size": [message]})
    filters, facets = _filters(region=region, department=department, theme=theme, audience=audience,
                               level=level, item_type=item_type)
    parsed = parse_query(query or "")
    start, end = (page - 1) * page_size, page * page_size
    with _planner_settings():
        if parsed.is_empty:
            rows, total, capped = browsed(filters, facets, start, end)
        else:
            rows, total, capped = ranked(parsed.alternatives, filters, facets, start, end)
    hits = [SearchHit(item_id=r[0], version_id=r[1], name=r[2], department_name=r[3], item_type=r[4],
                      score=r[5], highlight=highlight(r[2], parsed.alternatives)) for r in rows]
    return SearchPage(results=hits, total=total, page=page, page_size=page_size, total_capped=capped)


@contextmanager
def _planner_settings():
    """PostgreSQL prices the pg_trgm bitmap scan a little above a sequential scan of the text
    table (5 ms against 50 ms in fact, 100,000 items, all cached): SSD-like page costs for this
    read-only transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL random_page_cost = 1.1")
        yield
