"""The workbench side of 好差评 (/workbench/ratings/): work orders (call-back, fix, review),
statistics with drill-down to the ratings, appeals, comment moderation, and the tablet binding
of a window. Thin: parse, call one service or selector, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.accounts.scope import Scope
from zwfw.core.errors import DomainError
from zwfw.core.views import show_on_forms
from zwfw.workbench.views import staff_required

from .forms import CallbackForm, ReasonForm, ReviewForm, SubmitForm
from .selectors import (
    appeal_get,
    appeals_for,
    comments_to_moderate,
    rating_get,
    ratings_for,
    work_order_get,
    work_orders_for,
)
from .services import (
    rating_appeal_decide,
    rating_appeal_file,
    rating_comment_moderate,
    work_order_callback,
    work_order_close,
    work_order_send_back,
    work_order_submit,
)
from .services.state import WORK_ORDER_STATES
from .stats import GROUPS, rating_statistics
from .tokens import window_token

SHOWN = 200
BY_LABELS = {"department": "部门", "center": "政务服务中心", "window": "窗口", "staff": "工作人员"}


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@staff_required
def orders(request):
    show_all = request.GET.get("all") == "1"
    rows = list(work_orders_for(request.user, open_only=not show_all)[:SHOWN])
    return render(request, "ratings/workbench/orders.html", {"orders": rows, "show_all": show_all})


@staff_required
def order_detail(request, pk: int):
    order = work_order_get(request.user, pk)
    scope = Scope.for_viewer(request.user)
    actions = WORK_ORDER_STATES.actions(order.status)
    forms = {"callback": CallbackForm(prefix="cb"), "submit": SubmitForm(prefix="fix"),
             "review": ReviewForm(prefix="rv")}
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "callback":
                form = forms["callback"] = CallbackForm(request.POST, prefix="cb")
                form.is_valid()
                work_order_callback(actor=request.user, work_order=order, method=form.cleaned_data.get("method", ""),
                                    reached=form.cleaned_data.get("reached", False),
                                    outcome=form.cleaned_data.get("outcome", ""))
                messages.success(request, _("回访已登记"))
            elif step == "submit":
                form = forms["submit"] = SubmitForm(request.POST, prefix="fix")
                form.is_valid()
                work_order_submit(actor=request.user, work_order=order,
                                  resolution=form.cleaned_data.get("resolution", ""),
                                  note=form.cleaned_data.get("note", ""))
                messages.success(request, _("整改情况已提交，等待督查审核"))
            elif step in ("close", "send_back"):
                form = forms["review"] = ReviewForm(request.POST, prefix="rv")
                form.is_valid()
                run = work_order_close if step == "close" else work_order_send_back
                run(actor=request.user, work_order=order, note=form.cleaned_data.get("note", ""))
                messages.success(request, _("工单已办结") if step == "close" else _("工单已退回重新整改"))
            else:
                messages.error(request, _("未知的操作"))
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            return redirect("workbench:ratings_order", pk=order.pk)
    return render(request, "ratings/workbench/order.html", {
        "order": order, "rating": order.rating, "callbacks": list(order.callbacks.select_related("by")),
        "actions": actions, "is_reviewer": scope.region_wide, "is_department": scope.department_bound,
        **forms})


@staff_required
def statistics(request):
    by = request.GET.get("by") if request.GET.get("by") in GROUPS else "department"
    start, end = _date(request.GET.get("start")), _date(request.GET.get("end"))
    rows, total = rating_statistics(request.user, by=by, start=start, end=end)
    field = {"department": "department", "center": "center", "window": "window", "staff": "staff"}[by]
    return render(request, "ratings/workbench/stats.html", {
        "rows": rows, "total": total, "by": by, "by_label": BY_LABELS[by], "by_choices": BY_LABELS.items(),
        "start": start, "end": end, "field": field})


@staff_required
def rating_list(request):
    params = {k: request.GET.get(k) for k in ("department", "center", "window", "staff", "level")}
    params = {k: int(v) for k, v in params.items() if v and v.isdigit()}
    rows = list(ratings_for(request.user, start=_date(request.GET.get("start")), end=_date(request.GET.get("end")),
                            bad_only=request.GET.get("bad") == "1", **params)[:SHOWN])
    scope = Scope.for_viewer(request.user)
    return render(request, "ratings/workbench/ratings.html", {
        "ratings": rows, "is_department": scope.department_bound, "appeal_form": ReasonForm()})


@staff_required
@require_POST
def rating_appeal(request, pk: int):
    rating = rating_get(request.user, pk)
    try:
        rating_appeal_file(actor=request.user, rating=rating, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        show_on_forms(request, exc)
    else:
        messages.success(request, _("申诉已提交，等待督查审核"))
    return redirect(f"{reverse('workbench:ratings_list')}?bad=1")


@staff_required
def review(request):
    return render(request, "ratings/workbench/review.html", {
        "appeals": list(appeals_for(request.user, pending_only=True)[:SHOWN]),
        "comments": list(comments_to_moderate(request.user)[:SHOWN]), "reason_form": ReasonForm()})


@staff_required
@require_POST
def appeal_decide(request, pk: int):
    appeal = appeal_get(request.user, pk)
    try:
        rating_appeal_decide(actor=request.user, appeal=appeal, remove=request.POST.get("outcome") == "remove",
                             reason=request.POST.get("reason", ""))
    except DomainError as exc:
        show_on_forms(request, exc)
    else:
        messages.success(request, _("申诉已审核"))
    return redirect("workbench:ratings_review")


@staff_required
@require_POST
def comment_moderate(request, pk: int):
    rating = rating_get(request.user, pk)
    try:
        rating_comment_moderate(actor=request.user, rating=rating, publish=request.POST.get("publish") == "1")
    except DomainError as exc:
        show_on_forms(request, exc)
    else:
        messages.success(request, _("评价内容审核已保存"))
    return redirect("workbench:ratings_review")


@staff_required
def tablets(request):
    """Each window the viewer works for, with the address its rating tablet opens (kiosk mode)."""
    windows = Scope.for_viewer(request.user).windows().select_related("center").order_by("center_id", "number")
    rows = [(w, request.build_absolute_uri(reverse("portal:rate_tablet", args=[window_token(w.pk)])))
            for w in windows[:SHOWN]]
    return render(request, "ratings/workbench/tablets.html", {"rows": rows})


@staff_required
def policy(request):
    """The supervision office sets its region's 好差评 policy (a new version, audited)."""
    from zwfw.core.errors import PermissionDenied

    from .forms import PolicyForm
    from .policy import policy_for
    from .services import rating_policy_set

    scope = Scope.for_viewer(request.user)
    if not scope.region_wide:
        raise PermissionDenied(_("只有督查（电子监察）人员可以设置好差评规则"), code="not_reviewer")
    current = policy_for(scope.region.pk)
    form = PolicyForm(request.POST or None, initial={
        "default_rating_enabled": current.default_rating_enabled, "default_after_days": current.default_after_days,
        "default_level": current.default_level, "callback_working_days": current.callback_working_days,
        "rectification_working_days": current.rectification_working_days, "source": current.source[:300]})
    if request.method == "POST" and form.is_valid():
        try:
            rating_policy_set(actor=request.user, region=scope.region, **form.cleaned_data)
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("好差评规则已保存（新版本）"))
            return redirect("workbench:ratings_policy")
    return render(request, "ratings/workbench/policy.html", {"form": form, "current": current,
                                                             "region": scope.region})
