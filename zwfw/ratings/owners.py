"""Who answers for a work-order clock when the supervision sweep raises a card on it: the
department's heads (no single clerk owns a work order)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def work_order_owner(clock):
    from zwfw.supervision.owners import Owner

    from .models import WorkOrder

    order = WorkOrder.objects.select_related("rating__case").filter(pk=clock.owner_id).first()
    if order is None:
        return Owner(None, _("差评整改工单 #%s") % clock.owner_id)
    what = _("回访") if clock.purpose.endswith("callback") else _("整改")
    return Owner(None, _("差评整改工单 #%(pk)s %(what)s（办件 %(number)s）")
                 % {"pk": order.pk, "what": what, "number": order.rating.case.number or order.rating.case_id})
