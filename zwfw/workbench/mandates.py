"""代办授权 for proxy agents (issue 8 point 6): record a resident's mandate with the signed
mandate as a file, list one's own, revoke. Thin: one service or selector per action."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from zwfw.accounts.acting import mandate_get
from zwfw.accounts.forms import ProxyMandateForm
from zwfw.accounts.models import Role
from zwfw.accounts.selectors import applicant_find_by_id_number
from zwfw.accounts.services import proxy_mandate_create, proxy_mandate_revoke
from zwfw.core.errors import DomainError, PermissionDenied, ValidationFailed
from zwfw.core.views import show_on_forms
from zwfw.portal.personal_selectors import item_published_by_code

from .views import staff_required


def _require_proxy_agent(user) -> None:
    if not user.has_role(Role.PROXY_AGENT):
        raise PermissionDenied()


@staff_required
@require_http_methods(["GET", "POST"])
def mandates(request):
    _require_proxy_agent(request.user)
    form = ProxyMandateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            applicant = applicant_find_by_id_number(viewer=request.user, id_number=data["applicant_id_number"])
            if applicant is None:
                raise ValidationFailed.on("applicant_id_number", _("未找到该身份证号码的申请人，请先登记申请人。"),
                                          code="applicant_not_found")
            item = item_published_by_code(data["item_code"])
            if data["item_code"].strip() and item is None:
                raise ValidationFailed.on("item_code", _("未找到该实施编码的已发布事项。"), code="item_not_found")
            material = data["material"]
            proxy_mandate_create(actor=request.user, applicant=applicant, item=item, valid_until=data["valid_until"],
                                 material=material, material_name=getattr(material, "name", ""))
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已登记%(name)s的代办授权。") % {"name": applicant.name})
            return redirect("workbench:mandates")
    rows = request.user.proxy_mandates.select_related("applicant", "item", "item__current_version")
    return render(request, "workbench/mandates.html", {"form": form, "mandates": list(rows[:200])})


@staff_required
@require_POST
def mandate_revoke(request, pk: int):
    _require_proxy_agent(request.user)
    mandate = proxy_mandate_revoke(actor=request.user, mandate=mandate_get(request.user, pk))
    messages.success(request, _("已撤销%(name)s的代办授权。") % {"name": mandate.applicant.name})
    return redirect("workbench:mandates")
