"""The applicant's side of 好差评: rate from the account (/my/cases/<id>/rate/), from the SMS link
or the receipt's QR code (/rate/<token>/), on the hall's rating tablet (/rate/tablet/<binding>/,
kiosk mode, no sign-in), and the public figures (/ratings/…). Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from zwfw.cases.models import Case
from zwfw.cases.selectors import case_get
from zwfw.core.errors import DomainError, NotFound
from zwfw.core.views import show_on_forms
from zwfw.organizations.home import home_region
from zwfw.organizations.models import Department, ServiceCenter, Window
from zwfw.portal.apply_views import MOBILE_MARKS, applicant_required

from .forms import RatingForm, TabletRatingForm
from .models import RatingChannel
from .services import (
    case_rateable,
    rating_create_at_tablet,
    rating_create_by_applicant,
    rating_create_by_link,
)
from .stats import Figures, public_comments, public_figures, public_figures_by
from .tokens import case_from_token, window_from_token


def _rated(case: Case) -> list[str]:
    return [str(RatingChannel(c).label) for c in case.ratings.values_list("channel", flat=True)]


@applicant_required
def rate_case(request, case_id: int):
    case = case_get(viewer=request.user, case_id=case_id)
    agent = request.headers.get("User-Agent", "")
    channel = RatingChannel.MOBILE if any(mark in agent for mark in MOBILE_MARKS) else RatingChannel.PC
    form = RatingForm(request.POST or None, online=True)
    if request.method == "POST" and form.is_valid():
        try:
            rating_create_by_applicant(actor=request.user, case_id=case.pk, channel=channel, **form.cleaned_data)
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("感谢您的评价！"))
            return redirect("portal:my_case", case_id=case.pk)
    return render(request, "ratings/portal/rate.html", {
        "case": case, "form": form, "rateable": case_rateable(case), "rated": _rated(case),
        "channel_label": RatingChannel(channel).label, "back": ("portal:my_case", case.pk)})


@never_cache
def rate_by_link(request, token: str):
    case_id, purpose = case_from_token(token)
    case = Case.objects.filter(pk=case_id).select_related("department").first()
    if case is None:
        raise NotFound(_("评价链接无效或已过期"), code="rating_link_invalid")
    channel = RatingChannel.SMS if purpose == "sms" else RatingChannel.QR
    form = RatingForm(request.POST or None, online=False)
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            rating_create_by_link(token=token, **form.cleaned_data)
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            done = True
    # The link shows only what the receipt shows: the item and the department, no personal data.
    return render(request, "ratings/portal/rate.html", {
        "case": case, "form": form, "rateable": case_rateable(case) and not done, "done": done,
        "rated": _rated(case), "channel_label": RatingChannel(channel).label, "public": True})


@never_cache
def rate_at_tablet(request, binding: str):
    window = Window.objects.filter(pk=window_from_token(binding), is_active=True).select_related("center").first()
    if window is None:
        raise NotFound(_("评价平板的绑定无效，请联系窗口工作人员"), code="tablet_binding_invalid")
    form = TabletRatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            rating_create_at_tablet(window_token=binding, case_token=data.pop("case_code"), **data)
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("感谢您的评价！"))
            return redirect("portal:rate_tablet", binding=binding)
    return render(request, "ratings/portal/tablet.html", {"window": window, "form": form})


def public_index(request):
    region = home_region()
    departments = Department.objects.filter(is_active=True)
    centers = ServiceCenter.objects.filter(is_active=True)
    if region is not None:
        departments = departments.filter(region__code__startswith=region.prefix)
        centers = centers.filter(region__code__startswith=region.prefix)
    by_department, by_center = public_figures_by("department"), public_figures_by("center")
    empty = Figures(key=None, name="", ratings=0, satisfied=0, bad=0, defaults=0, closed=0, closed_on_time=0,
                    real_name_bad=0, called_back=0)
    rows = [(d, by_department.get(d.pk, empty)) for d in departments.order_by("region_id", "name")[:300]]
    center_rows = [(c, by_center.get(c.pk, empty)) for c in centers.order_by("region_id", "name")[:100]]
    return render(request, "ratings/portal/public_index.html", {"rows": rows, "center_rows": center_rows})


def public_department(request, pk: int):
    department = Department.objects.filter(pk=pk, is_active=True).first()
    if department is None:
        raise NotFound(_("未找到该部门"), code="department_not_found")
    return render(request, "ratings/portal/public_detail.html", {
        "subject": department.name, "figures": public_figures(department=department),
        "comments": public_comments(department=department)})


def public_center(request, pk: int):
    center = ServiceCenter.objects.filter(pk=pk, is_active=True).first()
    if center is None:
        raise NotFound(_("未找到该政务服务中心"), code="center_not_found")
    return render(request, "ratings/portal/public_detail.html", {
        "subject": center.name, "figures": public_figures(center=center), "comments": public_comments(center=center)})
