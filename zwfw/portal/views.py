"""Public portal pages (no sign-in). Thin: parse, call one selector, render."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import selectors

AUDIENCES = {"person": _("个人办事"), "enterprise": _("法人办事")}


def home(request):
    return render(request, "portal/home.html", {"summary": selectors.network_summary()})


def search(request):
    """The old search address: the guide pages now search items and departments together."""
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY_LENGTH]
    audience = request.GET.get("audience", "")
    params = {k: v for k, v in (("q", query), ("audience", audience if audience in AUDIENCES else "")) if v}
    return redirect(reverse("portal:guide_browse") + ("?" + urlencode(params) if params else ""))


def departments(request):
    departments = selectors.department_list(with_item_counts=True)
    return render(request, "portal/departments.html", {"departments": departments})


def network(request):
    return render(request, "portal/network.html", {"network": selectors.service_network()})
