"""The case page's time-limit panel actions: start and end a special procedure
(行政许可法第四十五条), request an extension and decide on it (第四十二条).

Each view parses its form, calls one service and returns to the case page with a Chinese
message; a refusal (not the head, beyond the maximum, a stale page…) is shown on the page and
changes nothing.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zwfw.calendar.limits import LimitUnit
from zwfw.cases.selectors import case_get
from zwfw.cases.selectors_procedures import extension_get, procedure_get
from zwfw.cases.services.procedures import (
    case_extension_decide,
    case_extension_request,
    special_procedure_end,
    special_procedure_start,
)
from zwfw.catalog.models import SpecialProcedureKind
from zwfw.core.errors import DomainError, NotFound

from ..views import staff_required


class _Revision(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


class SpecialStartForm(_Revision):
    kind = forms.ChoiceField(label=gettext_lazy("特别程序种类"), choices=SpecialProcedureKind.choices)
    reason = forms.CharField(label=gettext_lazy("原因或依据"), max_length=500)
    expected_duration = forms.IntegerField(label=gettext_lazy("预计所需时间（不填取事项规定的时间）"), min_value=1,
                                           max_value=3650, required=False)
    duration_unit = forms.ChoiceField(label=gettext_lazy("时间单位"), initial=LimitUnit.WORKING_DAYS,
                                      choices=[(LimitUnit.WORKING_DAYS, LimitUnit.WORKING_DAYS.label),
                                               (LimitUnit.NATURAL_DAYS, LimitUnit.NATURAL_DAYS.label)])
    hearing_right_told_on = forms.DateField(label=gettext_lazy("听证：告知听证权利日期"), required=False,
                                            widget=forms.DateInput(attrs={"type": "date"}))
    hearing_requested_on = forms.DateField(label=gettext_lazy("听证：申请听证日期"), required=False,
                                           widget=forms.DateInput(attrs={"type": "date"}))
    hearing_on = forms.DateField(label=gettext_lazy("听证：举行听证日期"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))


class SpecialEndForm(_Revision):
    result = forms.CharField(label=gettext_lazy("特别程序结果"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionRequestForm(_Revision):
    days = forms.IntegerField(label=gettext_lazy("延长工作日数"), min_value=1, max_value=365)
    reason = forms.CharField(label=gettext_lazy("延期理由（将告知申请人）"), max_length=500)


class ExtensionDecisionForm(_Revision):
    decision = forms.ChoiceField(choices=[("approve", gettext_lazy("批准")), ("refuse", gettext_lazy("不予批准"))])
    note = forms.CharField(label=gettext_lazy("审批意见（不予批准须说明理由）"), max_length=500, required=False)


def _run(request, case_id: int, form_class, run, success: str):
    case = case_get(viewer=request.user, case_id=case_id)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("提交的内容有误：%(errors)s") % {
            "errors": "；".join(f"{form.fields[k].label or k}：{'、'.join(v)}" if k in form.fields else "、".join(v)
                               for k, v in form.errors.items())})
        return redirect("workbench:case", case.pk)
    try:
        run(case, form.cleaned_data)
    except NotFound:
        raise
    except DomainError as exc:
        # Not the head, beyond the maximum, stale page…: told on the case page, nothing changed.
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("workbench:case", case.pk)


@staff_required
@require_POST
def special_start(request, case_id: int):
    def run(case, d):
        special_procedure_start(
            actor=request.user, case=case, kind=d["kind"], reason=d["reason"],
            expected_duration=d["expected_duration"], duration_unit=d["duration_unit"] if d["expected_duration"] else None,
            hearing_right_told_on=d["hearing_right_told_on"], hearing_requested_on=d["hearing_requested_on"],
            hearing_on=d["hearing_on"], revision=d["revision"])

    return _run(request, case_id, SpecialStartForm, run,
                _("特别程序已启动，办件时限暂停计算；特别程序告知书正在生成。"))


@staff_required
@require_POST
def special_end(request, case_id: int, procedure_id: int):
    def run(case, d):
        special_procedure_end(actor=request.user, case=case, procedure=procedure_get(case, procedure_id),
                              result=d["result"], revision=d["revision"])

    return _run(request, case_id, SpecialEndForm, run, _("特别程序已结束，办件时限恢复计算。"))


@staff_required
@require_POST
def extension_request(request, case_id: int):
    def run(case, d):
        case_extension_request(actor=request.user, case=case, days=d["days"], reason=d["reason"],
                               revision=d["revision"])

    return _run(request, case_id, ExtensionRequestForm, run, _("延期申请已提交，等待部门负责人批准。"))


@staff_required
@require_POST
def extension_decide(request, case_id: int, extension_id: int):
    def run(case, d):
        case_extension_decide(actor=request.user, case=case, extension=extension_get(case, extension_id),
                              approve=d["decision"] == "approve", note=d["note"], revision=d["revision"])

    return _run(request, case_id, ExtensionDecisionForm, run, _("延期审批已完成。"))
