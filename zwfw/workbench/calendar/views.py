"""Working calendar pages (/workbench/calendar/): view a year, see which years are loaded,
import next year's arrangement from a file, record a special day. Writes go through
zwfw.calendar.services (system administrator only; audited; stored time limits are recomputed
by a queued job run, shown on /workbench/jobs/)."""

from __future__ import annotations

import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.accounts.scope import Scope
from zwfw.calendar import selectors as calendar_selectors
from zwfw.calendar.models import CalendarDay
from zwfw.calendar.services import calendar_day_delete, calendar_day_set, calendar_year_import
from zwfw.core.errors import DomainError, NotFound
from zwfw.core.views import show_on_forms

from ..views import staff_required
from . import selectors
from .forms import DayForm, YearImportForm

_DAY_KEY = re.compile(r"^days\[(\d+)\]$")
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")


def _year(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 1949 <= year <= 2200 else None


def _where(key: str) -> str:
    """Where in a year file a problem is, as a person would say it ("days[3]" → 第 4 条安排)."""
    match = _DAY_KEY.match(key)
    if match:
        return _("第 %(n)s 条安排") % {"n": int(match[1]) + 1}
    return {"file": _("文件"), "year": _("年份"), "days": _("安排列表"), "papers": _("通知文件")}.get(key, key)


def _back(year: int) -> str:
    return f"{reverse('workbench:calendar')}?year={year}"


def _page(request, *, year=None, import_form=None, day_form=None, problems=(), status=200):
    view = selectors.year_view(viewer=request.user, year=year)
    return render(request, "workbench/calendar/year.html", {
        "view": view, "years": selectors.loaded_years(viewer=request.user),
        "warnings": calendar_selectors.calendar_coverage_warnings(viewer=request.user),
        "can_edit": Scope.for_viewer(request.user).everything,
        "import_form": import_form or YearImportForm(), "day_form": day_form or DayForm(),
        "weekdays": WEEKDAYS, "problems": problems,
    }, status=status)


@staff_required
def year_page(request):
    return _page(request, year=_year(request.GET.get("year")))


@staff_required
@require_POST
def year_import(request):
    form = YearImportForm(request.POST, request.FILES)
    problems: list[tuple[str, str]] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            row = calendar_year_import(actor=request.user, raw=upload.read(), replace=form.cleaned_data["replace"],
                                       source=_("工作台导入：%(name)s") % {"name": upload.name[:100]})
        except DomainError as exc:
            show_on_forms(request, exc)
            problems = [(_where(key), m) for key, errors in exc.field_errors.items() for m in errors]
        else:
            messages.success(request, _("已导入 %(year)s 年工作日历。") % {"year": row.year})
            return redirect(_back(row.year))
    return _page(request, import_form=form, problems=problems, status=400)


@staff_required
@require_POST
def day_set(request):
    form = DayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            day = calendar_day_set(actor=request.user, date=data["date"], kind=data["kind"], name=data["name"],
                                   region=data["region"])
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已记录 %(date)s（%(name)s），相关办件的时限将在后台重算。")
                             % {"date": day.date, "name": day.name})
            return redirect(_back(day.date.year))
    year = form.cleaned_data.get("date").year if form.cleaned_data.get("date") else None
    return _page(request, year=year, day_form=form, status=400)


@staff_required
@require_POST
def day_delete(request, pk: int):
    selectors.calendar_readable(request.user)
    day = CalendarDay.objects.filter(pk=pk).first()
    if day is None:
        raise NotFound()
    calendar_day_delete(actor=request.user, day=day)
    messages.success(request, _("已删除 %(date)s 的特殊安排。") % {"date": day.date})
    return redirect(_back(day.date.year))
