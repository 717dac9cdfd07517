"""The supervisor's workbench pages: the region's open cards (red first) and one card with its
reminders and appeals (催办 / 督办 / 撤销 / 处理申诉); the rules in force and their versions; the
anomalies; and, for the responsible side, the cards it answers for (反馈 / 申诉). Thin: parse,
call one service or selector, render or redirect with a message."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.core.clock import SHANGHAI
from zwfw.core.errors import DomainError, ValidationFailed
from zwfw.organizations.models import Department
from zwfw.workbench.views import staff_required

from .anomalies import SPECS
from .models import AnomalyKind, AppealStatus, Level, Target, ThresholdKind
from .selectors import (
    anomalies_for,
    anomaly_threshold_rows_for,
    anomaly_thresholds_for,
    appeal_get,
    appeals_for,
    card_detail,
    card_get,
    card_to_answer,
    cards_for,
    cards_to_answer,
    rule_versions_for,
    supervisor_region,
)
from .services import (
    anomaly_threshold_set,
    appeal_decide,
    card_answer,
    card_appeal,
    card_cancel,
    card_escalate,
    card_remind,
    rule_set,
)
from .state import CARD_STATES

CARDS_SHOWN = 200


@staff_required
def cards(request):
    rows = list(cards_for(request.user)[:CARDS_SHOWN])
    for card in rows:
        card.actions = CARD_STATES.actions(card.status)
    appeals = list(appeals_for(request.user)[:CARDS_SHOWN])
    return render(request, "workbench/supervision/cards.html", {"cards": rows, "appeals": appeals})


@staff_required
def card(request, pk: int):
    row = card_detail(request.user, pk)
    row.actions = CARD_STATES.actions(row.status)
    open_appeal = next((a for a in row.appeal_rows if a.status == AppealStatus.SUBMITTED), None)
    return render(request, "workbench/supervision/card.html", {"card": row, "open_appeal": open_appeal,
                                                               "outcomes": AppealStatus.choices[1:]})


def _back(request, pk: int):
    # Actions posted from the card's own page return there; from the list, to the list.
    if request.POST.get("from") == "card":
        return redirect("workbench:supervision_card", pk=pk)
    return redirect("workbench:supervision_cards")


def _act(request, pk: int, run, done: str):
    card = card_get(request.user, pk)
    try:
        run(card)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return _back(request, pk)


@staff_required
@require_POST
def cancel(request, pk: int):
    return _act(request, pk, lambda card: card_cancel(actor=request.user, card=card,
                                                      reason=request.POST.get("reason", "")), _("已撤销该监察牌"))


@staff_required
@require_POST
def escalate(request, pk: int):
    return _act(request, pk, lambda card: card_escalate(actor=request.user, card=card,
                                                        note=request.POST.get("note", "")), _("已督办"))


@staff_required
@require_POST
def remind(request, pk: int):
    return _act(request, pk, lambda card: card_remind(actor=request.user, card=card), _("已催办"))


@staff_required
@require_POST
def appeal_decision(request, pk: int):
    appeal = appeal_get(request.user, pk)
    try:
        appeal_decide(actor=request.user, appeal=appeal, outcome=request.POST.get("outcome", ""),
                      note=request.POST.get("note", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("申诉已处理"))
    return redirect("workbench:supervision_card", pk=appeal.card_id)


# --- rules -----------------------------------------------------------------------------------


def _int_or_none(value: str | None, field: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValidationFailed.on(field, _("请填写整数"), code="rule_invalid")
    return int(value)


@staff_required
def rules(request):
    if request.method == "POST":
        try:
            post = request.POST
            rule_set(actor=request.user, region=supervisor_region(request.user), target=post.get("target", ""),
                     level=post.get("level", ""), threshold=post.get("threshold", ""),
                     share_used_percent=_int_or_none(post.get("share_used_percent"), "share_used_percent"),
                     working_days_left=_int_or_none(post.get("working_days_left"), "working_days_left"),
                     feedback_working_days=_int_or_none(post.get("feedback_working_days"), "feedback_working_days"),
                     active=post.get("active", "1") == "1")
        except ValidationFailed as exc:
            messages.error(request, "；".join([exc.message, *[m for ms in exc.field_errors.values() for m in ms]]))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已保存为新版本"))
        return redirect("workbench:supervision_rules")
    data = rule_versions_for(request.user)
    return render(request, "workbench/supervision/rules.html", {
        **data, "targets": Target.choices, "levels": Level.choices, "thresholds": ThresholdKind.choices})


# --- anomalies -------------------------------------------------------------------------------


def _day(value: str | None) -> dt.datetime | None:
    try:
        day = dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None
    return dt.datetime.combine(day, dt.time.min, tzinfo=SHANGHAI)


@staff_required
def anomalies(request):
    if request.method == "POST":
        region = supervisor_region(request.user)
        department = None
        if request.POST.get("department"):
            department = Department.objects.filter(pk=request.POST["department"]).first()
        try:
            anomaly_threshold_set(actor=request.user, region=region, kind=request.POST.get("kind", ""),
                                  department=department,
                                  value=_int_or_none(request.POST.get("value"), "value"))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("已保存为新版本"))
        return redirect("workbench:supervision_anomalies")
    since, until = _day(request.GET.get("since")), _day(request.GET.get("until"))
    if until is not None:
        until += dt.timedelta(days=1)
    labels = dict(AnomalyKind.choices)
    rows = anomalies_for(request.user, since=since, until=until)
    for row in rows:
        row.labels = [labels[kind] for kind in row.reasons]
    values = anomaly_thresholds_for(request.user)
    region = supervisor_region(request.user)
    return render(request, "workbench/supervision/anomalies.html", {
        "rows": rows, "since": request.GET.get("since", ""), "until": request.GET.get("until", ""),
        "thresholds": [{"kind": kind, "label": labels[kind], "value": values[(kind, None)], "unit": spec.unit,
                        "source": spec.source} for kind, spec in SPECS.items()],
        "threshold_rows": anomaly_threshold_rows_for(request.user),
        "kinds": AnomalyKind.choices,
        "departments": Department.objects.filter(region__code__startswith=region.prefix).order_by("name")[:500],
    })


# --- the responsible side --------------------------------------------------------------------


@staff_required
def my_cards(request):
    return render(request, "workbench/supervision/my_cards.html",
                  {"cards": list(cards_to_answer(request.user)[:CARDS_SHOWN])})


def _answer_side(request, pk: int, run, done: str):
    card = card_to_answer(request.user, pk)
    try:
        run(card)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(reverse("workbench:supervision_my_cards"))


@staff_required
@require_POST
def answer(request, pk: int):
    return _answer_side(request, pk, lambda card: card_answer(actor=request.user, card=card,
                                                              answer=request.POST.get("answer", "")), _("已反馈"))


@staff_required
@require_POST
def appeal(request, pk: int):
    return _answer_side(request, pk, lambda card: card_appeal(actor=request.user, card=card,
                                                              reason=request.POST.get("reason", "")),
                        _("申诉已提交，等待电子监察处理"))
