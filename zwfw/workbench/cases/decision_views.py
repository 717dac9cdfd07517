"""The case page's decision, delivery and conclusion (issue 9 points 5–6): thin views over
zwfw.cases.services.decision / delivery, reusing the page's parse-run-report helper."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.cases.models import CaseDelivery, CaseStatus, DeliveryMethod, ResultCertificate
from zwfw.cases.services._common import clerk_may_act
from zwfw.cases.services.decision import case_decide, decider_capacity
from zwfw.cases.services.delivery import (
    case_conclude,
    case_deliver_at_window,
    case_deliver_by_post,
    case_deliver_electronically,
    case_delivery_confirm,
)

from ..views import staff_required
from .decision_forms import ConcludeForm, DecideForm, PostDeliveryForm, WindowDeliveryForm
from .forms import RevisionForm
from .views import _act


def decision_page_context(case, viewer) -> dict:
    """What the case page's decision part shows and which of its forms this viewer gets."""
    initial = {"revision": case.revision}
    can_decide = decider_capacity(viewer, case) is not None
    delivery = CaseDelivery.objects.filter(case=case).first()
    return {
        "can_decide": can_decide and case.status == CaseStatus.ACCEPTED,
        "can_deliver": (can_decide or clerk_may_act(viewer, case)) and case.status == CaseStatus.DECIDED,
        "certificate": ResultCertificate.objects.filter(case=case).first(),
        "delivery": delivery,
        "awaiting_confirmation": delivery is not None and delivery.method == DeliveryMethod.POST and not delivery.done,
        "decide_form": DecideForm(initial=initial), "window_delivery_form": WindowDeliveryForm(initial=initial),
        "post_delivery_form": PostDeliveryForm(initial=initial), "conclude_form": ConcludeForm(initial=initial),
    }


@staff_required
@require_POST
def decide(request, case_id: int):
    def run(case, d):
        case_decide(actor=request.user, case=case, outcome=d["outcome"], reasons=d["reasons"],
                    revision=d["revision"], certificate=form_certificate(request))

    return _act(request, case_id, DecideForm, run, _("已作出决定；决定书正在生成，送达时限开始计算。"))


def form_certificate(request) -> dict | None:
    form = DecideForm(request.POST)
    return form.certificate() if form.is_valid() else None


@staff_required
@require_POST
def deliver_window(request, case_id: int):
    return _act(request, case_id, WindowDeliveryForm,
                lambda case, d: case_deliver_at_window(actor=request.user, case=case,
                                                       recipient_name=d["recipient_name"], note=d["note"],
                                                       revision=d["revision"]),
                _("已登记窗口领取，办件已办结。"))


@staff_required
@require_POST
def deliver_post(request, case_id: int):
    return _act(request, case_id, PostDeliveryForm,
                lambda case, d: case_deliver_by_post(actor=request.user, case=case, carrier=d["carrier"],
                                                     waybill=d["waybill"], note=d["note"], revision=d["revision"]),
                _("已登记邮寄信息；签收后请确认送达。"))


@staff_required
@require_POST
def deliver_electronic(request, case_id: int):
    return _act(request, case_id, RevisionForm,
                lambda case, d: case_deliver_electronically(actor=request.user, case=case, revision=d["revision"]),
                _("已电子送达：申请人在个人空间下载后即视为送达。"))


@staff_required
@require_POST
def delivery_confirm(request, case_id: int):
    return _act(request, case_id, RevisionForm,
                lambda case, d: case_delivery_confirm(actor=request.user, case=case, revision=d["revision"]),
                _("已确认签收，办件已办结。"))


@staff_required
@require_POST
def conclude(request, case_id: int):
    return _act(request, case_id, ConcludeForm,
                lambda case, d: case_conclude(actor=request.user, case=case, result_type=d["result_type"],
                                              note=d["note"], revision=d["revision"]),
                _("办件已办结。"))
