"""Public guide pages: browse and search, one guide (current or an earlier published version),
its PDF, and the download of blank forms and samples. Thin: parse, call a selector, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from zwfw.catalog.forms_files import material_file_get
from zwfw.catalog.models import ItemLevel, ItemType, ThemeKind
from zwfw.documents.rendering import qr_svg
from zwfw.files.responses import file_response

from . import guide_selectors as gs
from . import selectors
from .case_selectors import apply_offer
from .flowchart import flowchart_svg, step_days_label
from .guide_cache import guide_article, guide_state
from .guide_context import guide_context
from .pdf import guide_pdf, guide_pdf_stored, guide_public_url
from .region_switch import region_switch

PUBLIC_PDF_MAX_AGE = 24 * 3600
AUDIENCE_LABELS = {"person": "个人办事", "enterprise": "法人办事"}


def _page_number(raw) -> int:
    try:
        return max(1, min(int(raw), 10_000))
    except (TypeError, ValueError):
        return 1


def _filters(request) -> gs.GuideFilters:
    get = request.GET
    department = gs.department_public(get.get("department"))
    raw = str(get.get("region", ""))[:12]
    if department is not None and not raw:
        # A department link (from the departments page of another region) opens in its region.
        raw = department.region_id[:6]
    switch = region_switch(request, raw=raw)
    return gs.GuideFilters(
        query=gs.clean_query(get.get("q", "")),
        department=department,
        region=switch.region,
        region_param=switch.param,
        regions=switch.regions,
        theme=gs.theme_public(get.get("theme", ""), ThemeKind.THEME),
        life_event=gs.theme_public(get.get("event", ""), ThemeKind.LIFE_EVENT),
        audience=get.get("audience", "") if get.get("audience") in AUDIENCE_LABELS else "",
        level=get.get("level", "") if get.get("level") in ItemLevel.values else "",
        item_type=get.get("type", "") if get.get("type") in ItemType.values else "",
        page=_page_number(get.get("page")),
    )


def _params(filters: gs.GuideFilters) -> dict:
    params = {
        "q": filters.query, "department": filters.department.pk if filters.department else "",
        "theme": filters.theme.code if filters.theme else "", "event": filters.life_event.code if filters.life_event else "",
        "audience": filters.audience, "level": filters.level, "type": filters.item_type,
        "region": filters.region_param,
    }
    return {k: v for k, v in params.items() if v}


def _browse_body(filters: gs.GuideFilters) -> str:
    params = _params(filters)
    page_link = lambda n: "?" + urlencode({**params, "page": n})  # noqa: E731
    results = gs.guide_browse(viewer=None, filters=filters)
    context = {
        "filters": filters, "results": results, "facets": gs.guide_facets(viewer=None, filters=filters),
        "audience_label": AUDIENCE_LABELS.get(filters.audience, ""),
        "departments": selectors.department_list(query=filters.query, region=filters.region) if filters.query else None,
        "previous_link": page_link(results.page - 1) if results.page > 1 else "",
        "next_link": page_link(results.page + 1) if results.page < results.pages else "",
        "first_number": (results.page - 1) * gs.PAGE_SIZE + 1,
        "clear_link": "?" + urlencode({"q": filters.query}) if filters.query else "?",
        "regions": filters.regions,
    }
    return render_to_string("portal/_guide_browse_body.html", context)


@require_GET
def guide_browse(request):
    """The guide list and search. The body depends on nothing of the visitor (the catalog is
    public): it is rendered once per filters and index generation and kept (gs.browse_body_key);
    only the page around it (header, sign-in state) is rendered per request."""
    filters = _filters(request)
    key = gs.browse_body_key(filters)
    body = cache.get(key)
    if body is None:
        body = _browse_body(filters)
        cache.set(key, body, gs.SEARCH_CACHE_SECONDS)
    return render(request, "portal/guide_browse.html",
                  {"filters": filters, "audience_label": AUDIENCE_LABELS.get(filters.audience, ""),
                   "body": mark_safe(body)})  # noqa: S308 - our own template's output


@require_GET
def guide_detail(request, item_id: int, number: int | None = None):
    state = guide_state(item_id=item_id, number=number)

    def render_article():
        guide = gs.guide_get(viewer=request.user, item_id=item_id, number=number)
        url = guide_public_url(guide)
        context = guide_context(guide) | {
            "flowchart": flowchart_svg(guide.steps, title=f"{guide.version.name} 办理流程图"),
            "qr": qr_svg(url), "guide_url": url, "step_days_label": step_days_label,
            # Depends on the version in force and the item's status only: part of the cached body.
            "apply_offer": apply_offer(guide),
        }
        return render_to_string("portal/_guide_article.html", context), guide

    article = guide_article(state, render=render_article)
    return render(request, "portal/guide_detail.html", {"state": state, "article": mark_safe(article)})  # noqa: S308 - our own template's output


@require_GET
def guide_pdf_view(request, item_id: int, number: int | None = None):
    # A published version's PDF never changes: shown in the browser, cacheable by anyone.
    cache_control = f"public, max-age={PUBLIC_PDF_MAX_AGE}"
    state = guide_state(item_id=item_id, number=number)
    stored = guide_pdf_stored(state.version_id)
    if stored is None:  # the first request for this version renders it
        guide = gs.guide_get(viewer=request.user, item_id=item_id, number=number)
        context = guide_context(guide) | {
            "flowchart": flowchart_svg(guide.steps, title=f"{guide.version.name} 办理流程图",
                                       element_id="flowchart-print"),
        }
        stored = guide_pdf(guide, context=context)
    return file_response(stored, as_attachment=False, cache_control=cache_control)


@require_GET
def form_file_download(request, file_id: int):
    row = material_file_get(viewer=request.user, file_id=file_id)
    return file_response(row.stored_file)
