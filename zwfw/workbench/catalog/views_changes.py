"""Recorded changes: cancel (取消), delegate to towns (赋权), take over (承接), zero reports (零报告)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.catalog import scope as catalog_scope_module
from zwfw.catalog.services import item_cancel, item_delegate, item_take_over, zero_report_file
from zwfw.core import clock
from zwfw.core.errors import DomainError, PermissionDenied
from zwfw.core.views import show_on_forms

from ..views import staff_required
from . import selectors
from .forms import ChangeForm, DelegateForm, ZeroReportForm

TITLES = {"cancel": "取消事项", "delegate": "赋权乡镇（街道）", "take_over": "承接事项"}


@staff_required
def item_change(request, item_id: int, kind: str):
    item = catalog_scope_module.item_get(viewer=request.user, item_id=item_id)
    detail = selectors.item_detail(viewer=request.user, item=item)
    data = request.POST if request.method == "POST" else None
    if kind == "delegate":
        form = DelegateForm(data, departments=selectors.delegation_targets(item),
                            initial={"effective_on": clock.today()})
    else:
        form = ChangeForm(data, initial={"effective_on": clock.today()})
    allowed = {"cancel": detail.can_publish, "delegate": detail.can_publish and bool(detail.town_departments),
               "take_over": detail.can_take_over}
    if kind not in allowed:
        raise PermissionDenied()
    if not allowed[kind]:
        raise PermissionDenied(_("您不能对该事项执行此操作"))
    if data is not None and form.is_valid():
        d = form.cleaned_data
        common = {"actor": request.user, "item": item, "effective_on": d["effective_on"], "reason": d["reason"],
                  "document": d["document"]}
        try:
            if kind == "cancel":
                item_cancel(**common)
            elif kind == "delegate":
                change = item_delegate(**common, to_department=d["to_department"])
            else:
                change = item_take_over(**common, department=request.user.department)
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已登记：%s。") % _(TITLES[kind]))
            if kind == "take_over":
                return redirect("workbench:catalog_item", item_id=change.resulting_item_id)
            return redirect("workbench:catalog_item", item_id=item.pk)
    return render(request, "workbench/catalog/item_change.html",
                  {"item": item, "form": form, "kind": kind, "title": _(TITLES[kind])})


@staff_required
def take_over_list(request):
    q = request.GET.get("q", "")
    return render(request, "workbench/catalog/take_over.html", {
        "items": selectors.take_over_candidates(viewer=request.user, q=q), "q": q,
    })


@staff_required
def zero_reports(request):
    reports = selectors.zero_reports(viewer=request.user)
    department = request.user.department
    can_file = request.user.has_role(Role.CATALOG_EDITOR) and department is not None
    form = ZeroReportForm(request.POST or None, initial={"year": clock.today().year})
    if request.method == "POST":
        if not can_file:
            raise PermissionDenied(_("只有本部门的事项编辑人员可以填报零报告"))
        if form.is_valid():
            d = form.cleaned_data
            try:
                zero_report_file(actor=request.user, department=department, item_type=d["item_type"],
                                 year=d["year"], statement=d["statement"])
            except DomainError as exc:
                show_on_forms(request, exc, form)
            else:
                messages.success(request, _("零报告已填报。"))
                return redirect("workbench:catalog_zero_reports")
    return render(request, "workbench/catalog/zero_reports.html",
                  {"reports": reports, "form": form, "can_file": can_file, "department": department})
