"""Public portal pages (no sign-in). Thin: parse, call one selector, render."""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import selectors
from .context_processors import site_name
from .guide_selectors import clean_query
from .region_switch import region_switch

AUDIENCES = {"person": _("个人办事"), "enterprise": _("法人办事")}


def home(request):
    """The home page. Its body depends only on the region shown and the network's counts (kept
    PUBLIC_FACTS_SECONDS): rendered once per such state and kept, like the guide pages."""
    switch = region_switch(request)
    summary = selectors.network_summary(region=switch.region)
    parts = (get_language(), switch.param, switch.region.code if switch.region else None,
             tuple(r.code for r in switch.regions), summary)
    key = "portal:home:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    body = cache.get(key)
    if body is None:
        context = {"summary": summary, "switch": switch, "platform_name": site_name()}
        body = render_to_string("portal/_home_body.html", context)
        cache.set(key, body, selectors.PUBLIC_FACTS_SECONDS)
    return render(request, "portal/home.html", {"body": mark_safe(body)})  # noqa: S308 - our own template's output


def search(request):
    """The old search address: the guide pages now search items and departments together."""
    query = clean_query(request.GET.get("q", ""))
    audience = request.GET.get("audience", "")
    params = {k: v for k, v in (("q", query), ("audience", audience if audience in AUDIENCES else "")) if v}
    return redirect(reverse("portal:guide_browse") + ("?" + urlencode(params) if params else ""))


def departments(request):
    switch = region_switch(request)
    departments = selectors.department_list(with_item_counts=True, region=switch.region)
    return render(request, "portal/departments.html", {"departments": departments, "switch": switch})


def network(request):
    switch = region_switch(request)
    return render(request, "portal/network.html",
                  {"network": selectors.service_network(region=switch.region), "switch": switch})
