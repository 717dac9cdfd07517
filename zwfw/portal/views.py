"""Public portal pages (no sign-in). Thin: parse, call one selector, render."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import selectors
from .guide_selectors import clean_query
from .region_switch import region_switch

AUDIENCES = {"person": _("个人办事"), "enterprise": _("法人办事")}


def home(request):
    switch = region_switch(request)
    return render(request, "portal/home.html",
                  {"summary": selectors.network_summary(region=switch.region), "switch": switch})


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
