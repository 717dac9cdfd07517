"""个人空间 — my cases: the list (drafts to resume or delete, submitted cases), one case's page
(timeline, notices, what is still missing with upload and 补正提交, withdrawal). Thin: parse,
call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.cases.models import CaseStatus
from zwfw.cases.services.acceptance import case_supply, case_withdraw
from zwfw.cases.services.delivery import case_result_download
from zwfw.cases.services.drafting import WALK_IN
from zwfw.core.errors import DomainError
from zwfw.core.views import show_on_forms

from . import case_selectors as cs
from .apply_views import _revision, applicant_required
from .case_forms import WithdrawForm


@applicant_required
def my_cases(request):
    return render(request, "portal/my/cases.html", {"mine": cs.my_cases(viewer=request.user)})


@applicant_required
def my_case(request, case_id: int):
    page = cs.case_page(viewer=request.user, case_id=case_id)
    if page.case.status == CaseStatus.DRAFT and page.case.channel not in WALK_IN:
        return redirect("portal:application", case_id=page.case.pk)
    return render(request, "portal/my/case.html", {
        "page": page, "case": page.case, "withdraw_form": WithdrawForm(initial={"revision": page.case.revision}),
    })


@applicant_required
@require_POST
def my_case_supply(request, case_id: int):
    case = cs.application_get(viewer=request.user, case_id=case_id)
    try:
        case_supply(actor=request.user, case=case, revision=_revision(request))
    except DomainError as exc:
        show_on_forms(request, exc)
    else:
        messages.success(request, _("补正材料已提交，等待窗口受理。"))
    return redirect("portal:my_case", case_id=case.pk)


@applicant_required
@require_POST
def my_case_withdraw(request, case_id: int):
    case = cs.application_get(viewer=request.user, case_id=case_id)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("页面已过期，请刷新后再操作"))
        return redirect("portal:my_case", case_id=case.pk)
    try:
        case_withdraw(actor=request.user, case=case, reason=form.cleaned_data["reason"],
                      revision=form.cleaned_data["revision"])
    except DomainError as exc:
        show_on_forms(request, exc)
    else:
        messages.success(request, _("申请已撤回。"))
    return redirect("portal:my_case", case_id=case.pk)


@applicant_required
@require_POST
def my_case_result(request, case_id: int):
    """Download the decision document; for an electronic delivery the first download delivers the
    decision and concludes the case (zwfw.cases.services.delivery.case_result_download)."""
    case = cs.application_get(viewer=request.user, case_id=case_id)
    try:
        document = case_result_download(actor=request.user, case=case)
    except DomainError as exc:
        show_on_forms(request, exc)
        return redirect("portal:my_case", case_id=case.pk)
    return redirect("files:download", document.stored_file_id)
