"""The state machine of a case's steps (zwfw.core.state, ADR 0020): the only writer of
`CaseStep.status`. Separate from the case's own machine: the case stays `accepted` while its
steps move.

    pending ──open──▶ current ──pass / complete──▶ done
       │                │  ╲──return──▶ returned          (the step before is taken again)
       └──accept──▶ done │   ╲──joint_request──▶ joint ──joint_answer──▶ done
    pending / current / joint ──cancel──▶ cancelled       (the case ended otherwise)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zwfw.core.state import StateMachine

from ..models import StepStatus

T = StepStatus

CASE_STEP_STATES = StateMachine(
    name="cases.step",
    transitions={
        "accept": {T.PENDING: {T.DONE}},
        "open": {T.PENDING: {T.CURRENT}},
        "pass": {T.CURRENT: {T.DONE}},
        "complete": {T.CURRENT: {T.DONE}},
        "return": {T.CURRENT: {T.RETURNED}},
        "joint_request": {T.CURRENT: {T.JOINT}},
        "joint_answer": {T.JOINT: {T.DONE}},
        "cancel": {T.PENDING: {T.CANCELLED}, T.CURRENT: {T.CANCELLED}, T.JOINT: {T.CANCELLED}},
    },
    labels={
        "accept": _("受理环节完成"), "open": _("进入环节"), "pass": _("环节通过"), "complete": _("环节办结"),
        "return": _("退回上一环节"), "joint_request": _("送会签"), "joint_answer": _("会签答复"),
        "cancel": _("环节终止"),
    },
    errors={
        "open": (_("该环节已开始办理"), "step_not_pending"),
        "pass": (_("该环节不是当前待办环节"), "step_not_current"),
        "complete": (_("该环节不是当前待办环节"), "step_not_current"),
        "return": (_("该环节不是当前待办环节"), "step_not_current"),
        "joint_request": (_("该环节不是当前待办环节，不能送会签"), "step_not_current"),
        "joint_answer": (_("该环节不在会签中"), "step_not_in_joint"),
        "cancel": (_("该环节已办结"), "step_finished"),
    },
    conflict_message=_("该环节已被他人处理，请刷新页面后查看最新状态"),
    conflict_code="step_changed",
)
