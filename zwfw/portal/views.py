"""Public portal pages (no sign-in). Thin: parse, call one selector, render."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from . import selectors

AUDIENCES = {"person": _("个人办事"), "enterprise": _("法人办事")}


def home(request):
    return render(request, "portal/home.html", {"summary": selectors.network_summary()})


def search(request):
    query = request.GET.get("q", "").strip()[: selectors.MAX_QUERY_LENGTH]
    audience = request.GET.get("audience", "")
    context = {
        "query": query,
        "audience": audience if audience in AUDIENCES else "",
        "audience_label": AUDIENCES.get(audience, ""),
        "departments": selectors.department_list(query=query) if query else None,
    }
    return render(request, "portal/search.html", context)


def departments(request):
    return render(request, "portal/departments.html", {"departments": selectors.department_list()})


def network(request):
    return render(request, "portal/network.html", {"network": selectors.service_network()})
