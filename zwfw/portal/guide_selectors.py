"""Reads for the public guide pages (网上办事大厅): browse, search, one guide, its old versions.

Only published versions ever leave here: the current one of an active or cancelled item, or an
earlier published one by number. Drafts and versions under review are never returned, whoever
asks (the workbench is where editors see them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zwfw.catalog.models import (
    ItemLevel,
    ItemType,
    ItemVersion,
    MaterialFile,
    ServiceItem,
    Theme,
    ThemeKind,
    VersionStatus,
)
from zwfw.catalog.selectors import item_list, version_in_force, version_scheduled
from zwfw.core import clock
from zwfw.core.errors import NotFound
from zwfw.core.text import strip_control_chars
from zwfw.organizations.home import PUBLIC_FACTS_SECONDS
from zwfw.organizations.models import Department, Region

from .selectors import MAX_QUERY_LENGTH

PAGE_SIZE = 20
# 服务对象 codes (C 0102—2018) behind the portal's two doors: 个人办事 and 法人办事.
AUDIENCE_CODES = {"person": ("1",), "enterprise": ("2", "3", "4", "5", "9")}


@dataclass
class GuideFilters:
    query: str = ""
    department: Department | None = None
    theme: Theme | None = None
    life_event: Theme | None = None
    audience: str = ""
    level: str = ""
    item_type: str = ""
    page: int = 1
    # The region shown (the home region unless the visitor switched: then `region_param` is the
    # code or "all" and goes into every link).
    region: Region | None = None
    region_param: str = ""
    regions: list[Region] = field(default_factory=list)  # the region switcher's choices

    def active(self) -> bool:
        return bool(self.department or self.theme or self.life_event or self.audience or self.level or self.item_type
                    or self.region_param)


@dataclass(frozen=True)
class GuideRow:
    item_id: int
    name: str
    highlight: SafeString
    department_name: str
    item_type: str
    item_type_label: str


@dataclass
class GuideResults:
    rows: list[GuideRow]
    total: int
    page: int
    pages: int
    searched: bool
    capped: bool = False  # more matches than the search counts: show "1000 项以上"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int | None = None


@dataclass
class Facets:
    departments: list[FacetOption] = field(default_factory=list)
    themes: list[FacetOption] = field(default_factory=list)
    life_events: list[FacetOption] = field(default_factory=list)
    audiences: list[FacetOption] = field(default_factory=list)
    levels: list[FacetOption] = field(default_factory=list)
    item_types: list[FacetOption] = field(default_factory=list)


def clean_query(raw: str) -> str:
    """A search box's text with control characters (NUL …) removed and spaces collapsed."""
    return " ".join(strip_control_chars(str(raw or "")).split())[:MAX_QUERY_LENGTH]


def department_public(department_id) -> Department | None:
    try:
        return Department.objects.filter(pk=int(department_id), is_active=True).first()
    except (TypeError, ValueError):
        return None


def theme_public(code: str, kind: str) -> Theme | None:
    return Theme.objects.filter(code=str(code or "")[:20], kind=kind).first() if code else None


def _filtered(filters: GuideFilters) -> QuerySet[ServiceItem]:
    qs = item_list(viewer=None, region=filters.region)
    if filters.department is not None:
        qs = qs.filter(department=filters.department)
    for theme in (filters.theme, filters.life_event):
        if theme is not None:
            qs = qs.filter(current_version__themes=theme)
    if filters.audience in AUDIENCE_CODES:
        match = Q()
        for code in AUDIENCE_CODES[filters.audience]:
            # The JSON list is stored as text like ["1", "2"] on both databases.
            match |= Q(current_version__audience__icontains=f'"{code}"')
        qs = qs.filter(match)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.item_type:
        qs = qs.filter(current_version__item_type=filters.item_type)
    return qs


def _highlight(text: str, query: str) -> SafeString:
    """Escape `text` and wrap each occurrence of the query's words in <mark>."""
    words = [w for w in query.split() if w]
    if not words:
        return escape(text)
    out, i, lowered = [], 0, text.lower()
    while i < len(text):
        hit = next((w for w in words if lowered.startswith(w.lower(), i)), None)
        if hit:
            out.append(f"<mark>{escape(text[i:i + len(hit)])}</mark>")
            i += len(hit)
        else:
            out.append(escape(text[i]))
            i += 1
    return mark_safe("".join(out))  # noqa: S308 (escaped above)


def _row(item: ServiceItem, query: str = "") -> GuideRow:
    version = item.current_version
    return GuideRow(item.pk, version.name, _highlight(version.name, query),
                    item.department.name if item.department else "", version.item_type,
                    str(ItemType(version.item_type).label))


def _browse(filters: GuideFilters) -> GuideResults:
    qs = _filtered(filters).order_by("department_id", "current_version__name", "id")
    paginator = Paginator(qs, PAGE_SIZE)
    page = paginator.get_page(filters.page)
    return GuideResults([_row(i) for i in page.object_list], paginator.count, page.number, paginator.num_pages,
                        searched=False)


# The guide list page's body is kept per filters and index generation
# (catalog.search.indexing.search_generation): any write to the index makes the old bodies
# unreachable at once, in every worker. Searches repeat heavily (a few dozen words make most of a
# hall's queries), and ranking and rendering cost many times the page around them. Departments'
# names and phones are not in the index: an edit to them shows within this time.
SEARCH_CACHE_SECONDS = 600


def _filters_key(prefix: str, filters: GuideFilters) -> str:
    from zwfw.catalog.search.indexing import search_generation

    pk = lambda obj: obj.pk if obj is not None else None  # noqa: E731
    parts = (search_generation(), get_language(), filters.query, pk(filters.department), pk(filters.theme),
             pk(filters.life_event), filters.audience, filters.level, filters.item_type, pk(filters.region),
             filters.region_param, tuple(r.code for r in filters.regions), max(filters.page, 1))
    return prefix + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def browse_body_key(filters: GuideFilters) -> str:
    """The cache key of the guide list page's body: every filter, the region switcher's choices and
    the index generation (every publish, cancel and load writes the index, so it moves)."""
    return _filters_key("portal:browse:", filters)


def _search(filters: GuideFilters) -> GuideResults:
    from zwfw.catalog.search import catalog_search

    theme = filters.life_event or filters.theme
    result = catalog_search(
        viewer=None, query=filters.query, department=filters.department, theme=theme,
        audience=filters.audience or None, level=filters.level or None, item_type=filters.item_type or None,
        region=filters.region, page=max(filters.page, 1), page_size=PAGE_SIZE,
    )
    rows = [
        GuideRow(hit.item_id, hit.name, _hit_highlight(hit, filters.query), hit.department_name or "",
                 hit.item_type, str(ItemType(hit.item_type).label) if hit.item_type in ItemType.values else "")
        for hit in result.results
    ]
    pages = max(1, -(-result.total // PAGE_SIZE))
    return GuideResults(rows, result.total, min(max(filters.page, 1), pages), pages, searched=True,
                        capped=getattr(result, "total_capped", False))


def _hit_highlight(hit, query: str) -> SafeString:
    # catalog_search returns the name HTML-escaped with matches in <mark> (a SafeString).
    text = getattr(hit, "highlight", None)
    return text if isinstance(text, SafeString) else _highlight(hit.name, query)


def guide_browse(*, viewer, filters: GuideFilters) -> GuideResults:
    """Published items matching the facets; with a query, ranked by the catalog search."""
    return _search(filters) if filters.query else _browse(filters)


def guide_facets(*, viewer, filters: GuideFilters) -> Facets:
    """The facet options with counts of matching published items (counts only when browsing
    without a query: a ranked search reports its total instead). Without counts the options
    depend on the region only: kept PUBLIC_FACTS_SECONDS, as the home region is."""
    if filters.query:
        key = f"portal:guide_facets:{filters.region.code if filters.region is not None else 'all'}"
        facets = cache.get(key)
        if facets is None:
            facets = _facets(filters, base=None)
            cache.set(key, facets, PUBLIC_FACTS_SECONDS)
        return facets
    return _facets(filters, base=_filtered(filters))


def _facets(filters: GuideFilters, *, base) -> Facets:

    def counts(key: str) -> dict:
        if base is None:
            return {}
        return {row[key]: row["n"] for row in base.order_by().values(key).annotate(n=Count("id", distinct=True))}

    facets = Facets()
    departments = Department.objects.filter(
        is_active=True, catalog_items__current_version__isnull=False, catalog_items__status="active"
    ).annotate(n=Count("catalog_items", distinct=True)).order_by("region_id", "code")
    if filters.region is not None:
        departments = departments.filter(region__code__startswith=filters.region.prefix)
    by_department = counts("department_id")
    facets.departments = [FacetOption(str(d.pk), d.name, by_department.get(d.pk) if base is not None else None)
                          for d in departments]
    by_theme = counts("current_version__themes__code")
    for theme in Theme.objects.all():
        option = FacetOption(theme.code, theme.name, by_theme.get(theme.code, 0) if base is not None else None)
        (facets.life_events if theme.kind == ThemeKind.LIFE_EVENT else facets.themes).append(option)
    facets.audiences = [FacetOption("person", "个人"), FacetOption("enterprise", "法人")]
    by_level = counts("level")
    facets.levels = [FacetOption(v, str(label), by_level.get(v, 0) if base is not None else None)
                     for v, label in ItemLevel.choices if by_level.get(v) or base is None]
    by_type = counts("current_version__item_type")
    facets.item_types = [FacetOption(v, str(label), by_type.get(v, 0) if base is not None else None)
                         for v, label in ItemType.choices if by_type.get(v) or base is None]
    return facets


# ---- one guide -------------------------------------------------------------------------------

@dataclass
class VersionPeriod:
    version: ItemVersion
    starts: dt.date | None
    ends: dt.date | None


def _start(version: ItemVersion) -> dt.date | None:
    if version.effective_on:
        return version.effective_on
    return clock.today(version.published_at) if version.published_at else None


def published_periods(item: ServiceItem) -> list[VersionPeriod]:
    """Every published version of an item with the dates it was in force (to the next one's start)."""
    versions = list(item.versions.filter(status=VersionStatus.PUBLISHED).order_by("number"))
    periods = []
    for i, version in enumerate(versions):
        following = versions[i + 1] if i + 1 < len(versions) else None
        periods.append(VersionPeriod(version, _start(version), _start(following) if following else None))
    return periods


@dataclass
class Guide:
    item: ServiceItem
    version: ItemVersion
    is_current: bool  # the version in force today
    period: VersionPeriod
    periods: list[VersionPeriod]
    materials: list
    steps: list
    special_procedures: list
    fee_items: list
    windows: list
    themes: list
    files: dict = field(default_factory=dict)  # material id -> {kind: MaterialFile}
    next_version: ItemVersion | None = None  # published, takes effect later (announced on the page)
    is_scheduled: bool = False  # this version is that later one


def guide_get(*, viewer, item_id: int, number: int | None = None, on: dt.date | None = None) -> Guide:
    """The published guide of an item: the version in force on `on` (today), or published version
    `number`. NotFound when there is no such published version."""
    on = on or clock.today()
    item = ServiceItem.objects.select_related("department", "region", "current_version").filter(pk=item_id).first()
    if item is None or item.current_version_id is None:
        raise NotFound(_("办事指南不存在"))
    in_force = version_in_force(item, on=on)
    in_force_id = in_force.pk if in_force else item.current_version_id
    periods = published_periods(item)
    wanted = in_force_id if number is None else None
    period = next((p for p in periods if (p.version.pk == wanted if wanted else p.version.number == number)), None)
    if period is None:
        raise NotFound(_("办事指南不存在"))
    version = period.version
    materials = list(version.materials.order_by("position", "id"))
    files: dict = {}
    for row in MaterialFile.objects.filter(material__in=materials).order_by("id"):
        files.setdefault(row.material_id, {})[row.kind] = row
    for material in materials:
        material.form_files = files.get(material.pk, {})
    return Guide(
        item=item, version=version, is_current=version.pk == in_force_id, period=period,
        next_version=version_scheduled(item, on=on), is_scheduled=bool(version.effective_on and version.effective_on > on),
        periods=periods, materials=materials, steps=list(version.steps.order_by("position", "id")),
        special_procedures=list(version.special_procedures.order_by("position", "id")),
        fee_items=list(version.fee_items.order_by("position", "id")),
        windows=list(version.windows.filter(is_active=True).select_related("center", "department")
                     .order_by("center_id", "number")),
        themes=list(version.themes.all()), files=files,
    )
