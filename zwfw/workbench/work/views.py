"""The work queue (待办) and the step actions of the case page (认领, 分派, 意见, 通过, 退回, 会签).
Thin: parse the form, call one service, report in Chinese, return to the case or the queue."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.accounts.models import AccountKind, User
from zwfw.cases.selectors import case_get
from zwfw.cases.selectors_work import FILTERS, URGENCY_LABELS, work_queue
from zwfw.cases.services import steps as services
from zwfw.core import clock
from zwfw.core.errors import DomainError, NotFound

from ..cases.forms import RevisionForm
from ..views import staff_required
from .forms import AssignForm, JointAnswerForm, JointForm, OpinionForm, PassForm, QueueFilterForm, ReturnForm


@staff_required
def queue(request):
    form = QueueFilterForm(request.GET or None, choices=[(k, str(v)) for k, v in FILTERS.items()])
    show = form.cleaned_data.get("show") or "all" if form.is_valid() else "all"
    rows = list(work_queue(request.user, now=clock.now(), show=show)[:200])
    return render(request, "workbench/work/queue.html", {
        "rows": rows, "filter_form": form, "show": show, "urgency_labels": URGENCY_LABELS})


def _staff(pk) -> User | None:
    return User.objects.filter(pk=pk, kind=AccountKind.STAFF).first() if pk else None


def _act(request, case_id: int, form_class, run, success: str, *, back: str = "case"):
    """Parse the action's form, run one service; errors (a stale page, not your step, bad input)
    are shown on the case page, which is where the step is. A case the viewer may not see is 404."""
    case = case_get(viewer=request.user, case_id=case_id)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("提交的内容有误：%(errors)s") % {
            "errors": "；".join(f"{form.fields[k].label or k}：{'、'.join(v)}" if k in form.fields and form.fields[k].label
                               else "、".join(v) for k, v in form.errors.items())})
        return redirect("workbench:case", case.pk)
    try:
        run(case, form.cleaned_data)
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("workbench:case", case.pk)
    messages.success(request, success)
    return redirect("workbench:work_queue") if back == "queue" else redirect("workbench:case", case.pk)


@staff_required
@require_POST
def claim(request, case_id: int):
    return _act(request, case_id, RevisionForm,
                lambda case, d: services.step_claim(actor=request.user, case=case, revision=d["revision"]),
                _("已认领，请在本页办理该环节。"))


@staff_required
@require_POST
def assign(request, case_id: int):
    return _act(request, case_id, AssignForm,
                lambda case, d: services.step_assign(actor=request.user, case=case, assignee=_staff(d["assignee"]),
                                                     revision=d["revision"]),
                _("已分派。"))


@staff_required
@require_POST
def opinion(request, case_id: int):
    return _act(request, case_id, OpinionForm,
                lambda case, d: services.step_opinion(actor=request.user, case=case, opinion=d["opinion"],
                                                      revision=d["revision"]),
                _("办理意见已保存。"))


@staff_required
@require_POST
def pass_step(request, case_id: int):
    return _act(request, case_id, PassForm,
                lambda case, d: services.step_pass(actor=request.user, case=case, opinion=d["opinion"],
                                                   second_verifier=_staff(d["second_verifier"]),
                                                   revision=d["revision"]),
                _("本环节已通过，办件已转下一环节。"), back="queue")


@staff_required
@require_POST
def return_step(request, case_id: int):
    return _act(request, case_id, ReturnForm,
                lambda case, d: services.step_return(actor=request.user, case=case, reason=d["reason"],
                                                     revision=d["revision"]),
                _("已退回上一环节。"), back="queue")


@staff_required
@require_POST
def joint(request, case_id: int):
    return _act(request, case_id, JointForm,
                lambda case, d: services.step_joint_request(actor=request.user, case=case, note=d["note"],
                                                            revision=d["revision"]),
                _("已送会签部门，收到会签意见后本环节办结。"))


@staff_required
@require_POST
def joint_answer(request, case_id: int):
    return _act(request, case_id, JointAnswerForm,
                lambda case, d: services.step_joint_answer(actor=request.user, case=case, agreed=d["agreed"],
                                                           opinion=d["opinion"], revision=d["revision"]),
                _("会签意见已答复。"), back="queue")
