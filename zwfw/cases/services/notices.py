"""The written notices of acceptance (受理 / 不予受理 / 补正) and of the decision (决定书, built by
services/decision.py), and the messages to the applicant.

A decision commits first; its notice is rendered after commit by the outbox (a PDF takes a
moment, and two clerks racing for one case must not both render). The handler is idempotent:
the timeline entry of the decision keeps the issued document, so a redelivery issues nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import NoReverseMatch, reverse

from zwfw.core import clock
from zwfw.documents.kinds import ACCEPT_NOTICE, REJECT_NOTICE, SUPPLEMENT_NOTICE
from zwfw.documents.services import document_issue
from zwfw.jobs.registry import outbox_handler
from zwfw.jobs.services.outbox import outbox_put
from zwfw.notifications.services import notify

from ..models import Case, CaseEvent

NOTICE_KIND = "cases.notice"
NOTICE_BY_ACTION = {"accept": ACCEPT_NOTICE, "deem_accept": ACCEPT_NOTICE, "reject": REJECT_NOTICE,
                    "request_supplement": SUPPLEMENT_NOTICE}


def notice_queue(event: CaseEvent, *, now: dt.datetime) -> None:
    """Record, in the decision's transaction, that its notice is to be issued."""
    outbox_put(kind=NOTICE_KIND, payload={"event_id": event.pk}, dedupe_key=f"case-notice:{event.pk}", now=now)


def _china_date(moment: dt.datetime) -> dt.date:
    return clock.today(moment)


def _contact(case: Case) -> str:
    department = case.department
    return " ".join(x for x in (department.name, department.phone) if x)


def _context(case: Case, event: CaseEvent) -> dict:
    ctx = {"applicant_name": case.applicant.name, "item_name": case.item_name, "case_number": case.number,
           "received_on": _china_date(case.received_at), "contact": _contact(case), "query_code": case.query_code}
    if event.action in ("accept", "deem_accept"):
        ctx.update(accepted_on=_china_date(case.accepted_at), promised_by=case.promised_by or _china_date(case.accepted_at),
                   materials=[{"name": m.name, "count": max(1, m.files.count()), "form": "、".join(m.forms) or "—"}
                              for m in case.materials.prefetch_related("files") if m.supplied or m.pending_until])
    elif event.action == "reject":
        ctx.update(reasons=case.rejection_reason, redirect_to=case.refer_to,
                   reconsideration_body=f"{case.region.name}人民政府", court=f"{case.region.name}人民法院")
    elif event.action == "decide":
        from .decision import decision_context

        ctx.update(decision_context(case))
    elif event.action == "request_supplement":
        supplement = case.supplement
        ctx.update(missing=[{"name": m["name"], "requirement": m.get("note") or ""} for m in supplement.missing],
                   supplement_by=supplement.supply_by)
    return ctx


@outbox_handler(NOTICE_KIND)
def notice_issue(*, payload: dict, dedupe_key: str = "", now: dt.datetime | None = None) -> None:
    with transaction.atomic():
        event = (CaseEvent.objects.select_for_update().select_related("case__applicant", "case__department",
                                                                        "case__region").get(pk=payload["event_id"]))
        if event.document_id:
            return  # issued before a crash between issuing and marking the message: nothing to do
        case = event.case
        if event.action == "decide":
            from .decision import decision_document_kind

            kind = decision_document_kind(case)
        else:
            kind = NOTICE_BY_ACTION[event.action]
        department = case.department
        document = document_issue(
            actor=event.actor, kind=kind, region_code=case.region_id, issuer_name=department.name,
            issuer_short_name=department.short_name or department.name, context=_context(case, event), owner=case,
            on=clock.today(event.at), now=now or clock.now(),
        )
        CaseEvent.objects.filter(pk=event.pk).update(document=document)
        # updated_at: the notice's number is part of what the upward feed reports (受理文书编号).
        moment = now or clock.now()
        if kind == ACCEPT_NOTICE:
            Case.objects.filter(pk=case.pk).update(accept_notice=document, updated_at=moment)
        elif event.action == "decide":
            Case.objects.filter(pk=case.pk).update(decision_document=document, updated_at=moment)
        else:
            Case.objects.filter(pk=case.pk).update(updated_at=moment)
        if kind == SUPPLEMENT_NOTICE:
            type(case.supplement).objects.filter(pk=case.supplement.pk).update(document=document)
        # The last document a final case was owed: seal it for the archive (ADR 0033).
        from .archive import case_seal

        case_seal(case=case, now=moment)


def case_link(case: Case) -> str:
    """The applicant's page of the case (personal space)."""
    try:
        return reverse("portal:my_case", args=[case.pk])
    except NoReverseMatch:
        return "/my/"


def notify_applicant(case: Case, template: str, *, now: dt.datetime) -> None:
    """Tell the applicant's account (and the agent or proxy who acts for them) of a change."""
    context = {"item_name": case.item_name, "number": case.number or "", "status": str(case.get_status_display()),
               "link": case_link(case)}
    recipients = {u for u in (case.applicant.user, case.agent, case.proxy) if u is not None}
    for user in recipients:
        notify(recipient=user, template=template, context=context, now=now)
