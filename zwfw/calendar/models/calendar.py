"""The working-day calendar as data: national arrangement, regional additions, office hours, warning policy."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


def new_version() -> str:
    return uuid.uuid4().hex


def source_label(source: str) -> str:
    """国务院办公厅 arrangements shipped in the chinesecalendar package are named as such."""
    if source.startswith("chinesecalendar"):
        version = source.removeprefix("chinesecalendar").strip()
        return str(_("国务院办公厅放假安排（内置数据 %(version)s）")) % {"version": version}
    return source


class WorkCalendar(models.Model):
    """One jurisdiction's calendar. `region` null = the national one (State Council arrangement).

    A region's effective calendar is the national one overlaid with the days of every calendar
    on its path down from the province (selectors.calendar_for). `version` is a fresh random token
    on every change, so in-process caches know when to rebuild (a token, not a counter: a change
    rolled back can never alias a later one in the cache).
    """

    region = models.OneToOneField(
        "organizations.Region", verbose_name=_("所属区划"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="work_calendar",
    )
    name = models.CharField(_("名称"), max_length=100)
    version = models.CharField(_("版本"), max_length=32, default=new_version)
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("工作日历")
        verbose_name_plural = _("工作日历")
        constraints = [
            # Exactly one national calendar: NULL region folds to "" so it is unique too.
            models.UniqueConstraint(Coalesce("region", Value("")), name="calendar_one_per_jurisdiction"),
        ]

    def __str__(self) -> str:
        return self.name


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日")
    MAKEUP_WORKDAY = "makeup_workday", _("调休上班")
    LOCAL_HOLIDAY = "local_holiday", _("地方休息日")


OFF_KINDS = (DayKind.HOLIDAY, DayKind.LOCAL_HOLIDAY)


class CalendarDay(models.Model):
    """A day that departs from the Monday–Friday pattern (or confirms a holiday on a weekend)."""

    calendar = models.ForeignKey(WorkCalendar, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=50, blank=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)

    class Meta:
        ordering = ["calendar_id", "date"]
        verbose_name = _("日历日")
        verbose_name_plural = _("日历日")
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="calendar_day_unique")]

    def __str__(self) -> str:
        return f"{self.date} {self.name} {self.get_kind_display()}"

    @property
    def source_label(self) -> str:
        return source_label(self.source)

    @property
    def is_workday(self) -> bool:
        return self.kind == DayKind.MAKEUP_WORKDAY


class CalendarYear(models.Model):
    """A year whose arrangement has been loaded: the calendar covers it (national calendar only)."""

    calendar = models.ForeignKey(WorkCalendar, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("年份"))
    source = models.CharField(_("来源"), max_length=200)
    papers = models.JSONField(_("通知文件"), default=list, blank=True)
    imported_at = models.DateTimeField(_("导入时间"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["calendar_id", "year"]
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        constraints = [models.UniqueConstraint(fields=["calendar", "year"], name="calendar_year_unique")]

    def __str__(self) -> str:
        return f"{self.year}"

    @property
    def source_label(self) -> str:
        """The source as a person names it (the column keeps the package name and version)."""
        return source_label(self.source)


class OfficeHours(models.Model):
    """Opening sessions of a service center on working days, e.g. [["09:00","12:00"],["13:30","17:30"]]."""

    service_center = models.OneToOneField(
        "organizations.ServiceCenter", verbose_name=_("政务服务中心"), on_delete=models.CASCADE,
        related_name="office_hours",
    )
    sessions = models.JSONField(_("办公时段"))

    class Meta:
        verbose_name = _("办公时间")
        verbose_name_plural = _("办公时间")

    def __str__(self) -> str:
        return "、".join(f"{a}–{b}" for a, b in self.sessions)


class WarningPolicy(models.Model):
    """Warning thresholds of a region (null = national default; see limits.NATIONAL_THRESHOLDS).

    Yellow when at most `yellow_days` working days or `yellow_percent` % of the limit remain;
    red when overdue.
    """

    region = models.OneToOneField(
        "organizations.Region", verbose_name=_("所属区划"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="warning_policy",
    )
    yellow_days = models.PositiveSmallIntegerField(_("黄牌剩余工作日"))
    yellow_percent = models.PositiveSmallIntegerField(_("黄牌剩余比例（%）"))

    class Meta:
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")
        constraints = [
            models.UniqueConstraint(Coalesce("region", Value("")), name="warning_policy_one_per_jurisdiction"),
            models.CheckConstraint(condition=Q(yellow_percent__lte=100), name="warning_percent_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.region or _('全国默认')}: {self.yellow_days} / {self.yellow_percent}%"
