"""The time-limit panel of the case page: clocks with the working days left, the spans that did
not count, extensions and special procedures, and the forms to act on them.

An inclusion tag so the case page only includes it (`{% case_procedures_panel case %}`): the
panel reads its own facts through the cases selectors, for the case the page already scoped to
the viewer.
"""

from django import template

from zwfw.cases.models import CaseStatus, ExtensionStatus, ProcedureStatus
from zwfw.cases.selectors_procedures import (
    case_extensions,
    case_special_procedures,
    case_time_limits,
    procedure_hearing_timetable,
)
from zwfw.cases.services.procedures import is_department_head, require_department_staff
from zwfw.core.errors import PermissionDenied
from zwfw.workbench.cases.procedures import (
    ExtensionDecisionForm,
    ExtensionRequestForm,
    SpecialEndForm,
    SpecialStartForm,
)

register = template.Library()


def _is_staff(user, case) -> bool:
    try:
        require_department_staff(user, case)
    except PermissionDenied:
        return False
    return True


@register.inclusion_tag("workbench/cases/_procedures.html", takes_context=True)
def case_procedures_panel(context, case):
    user = context["request"].user
    initial = {"revision": case.revision}
    procedures = [(p, procedure_hearing_timetable(p)) for p in case_special_procedures(case)]
    extensions = list(case_extensions(case))
    processing = case.status == CaseStatus.ACCEPTED
    return {
        "request": context["request"], "csrf_token": context.get("csrf_token"), "case": case,
        "clocks": case_time_limits(case), "procedures": procedures, "extensions": extensions,
        "running": next((p for p, _plan in procedures if p.status == ProcedureStatus.RUNNING), None),
        "pending": next((x for x in extensions if x.status == ExtensionStatus.REQUESTED), None),
        "may_act": processing and _is_staff(user, case), "is_head": processing and is_department_head(user, case),
        "start_form": SpecialStartForm(initial=initial, auto_id="sp_%s"),
        "end_form": SpecialEndForm(initial=initial, auto_id="spe_%s"),
        "extension_form": ExtensionRequestForm(initial=initial, auto_id="ext_%s"),
        "decision_form": ExtensionDecisionForm(initial=initial, auto_id="dec_%s"),
    }
