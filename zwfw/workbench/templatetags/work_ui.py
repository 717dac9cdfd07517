"""The steps panel of the case page (办理环节): every step with its state, handler, opinion and the
working days left on its clock, and the action forms of the open step for whoever holds its post.
An inclusion tag, so the window's case page only names it."""

from __future__ import annotations

from django import template

from zwfw.accounts.models import Role
from zwfw.cases.models import StepStatus
from zwfw.cases.selectors_work import case_steps, step_colleagues, step_remaining_days
from zwfw.cases.services.steps import JOINT_ROLES, may_handle
from zwfw.catalog.models import StepKind
from zwfw.core import clock

from ..cases.forms import RevisionForm
from ..work.forms import AssignForm, JointAnswerForm, JointForm, OpinionForm, PassForm, ReturnForm

register = template.Library()


@register.inclusion_tag("workbench/work/_steps_panel.html", takes_context=True)
def steps_panel(context, case):
    user = context["request"].user
    steps = case_steps(case)
    today = clock.today(clock.now())
    current = next((s for s in steps if s.is_open), None)
    initial = {"revision": case.revision}
    out = {"case": case, "csrf_token": context.get("csrf_token"), "current": current,
           "rows": [(s, left, -left if left is not None and left < 0 else 0)
                    for s, left in ((s, step_remaining_days(s, today=today)) for s in steps)],
           "StepStatus": StepStatus,
           "StepKind": StepKind}
    if current is None:
        return out
    mine = may_handle(user, current, case)
    head = (current.status == StepStatus.CURRENT and user.has_role(Role.DEPARTMENT_HEAD)
            and user.department_id == current.department_id)
    out.update({
        "mine": mine, "head": head, "own": mine and current.assignee_id in (None, user.pk),
        "claim_form": RevisionForm(initial=initial),
        "opinion_form": OpinionForm(initial={**initial, "opinion": current.opinion}),
        "pass_form": PassForm(initial=initial, colleagues=[
            c for c in step_colleagues(current, roles=JOINT_ROLES) if c[0] != user.pk]),
        "return_form": ReturnForm(initial=initial), "joint_form": JointForm(initial=initial),
        "joint_answer_form": JointAnswerForm(initial=initial),
        "assign_form": AssignForm(initial=initial, colleagues=step_colleagues(current, roles=[current.role])),
    })
    return out
