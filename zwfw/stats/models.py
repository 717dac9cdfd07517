"""Rollups behind the supervision dashboards (docs/adr/0036-supervision-dashboards-and-rollups.md).

One row per China date × region × department × service center holds counters of the cases
whose received / accepted / concluded moment falls on that day. Rows are kept up to date by the
case's status changes in their own transaction (`rollups.rollup_case_moved`) and can be rebuilt
from the cases at any time (`zwfw stats rebuild`); both compute the same per-case facts
(`facts.case_facts`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# The counters of one rollup row, in the order of the table; every one is a sum of per-case facts.
METRICS = (
    "received", "online", "proxy_point", "accepted", "deemed", "rejected", "open",
    "concluded", "timed", "on_time", "ahead", "late", "days_used", "days_promised",
    "days_statutory", "speed_base", "one_visit",
)


class CaseDayRollup(models.Model):
    day = models.DateField(_("日期"))
    region_code = models.CharField(_("区划代码"), max_length=12)
    department_id = models.BigIntegerField(_("部门"))
    # 0 = received without a service center (online, not at a hall).
    center_id = models.BigIntegerField(_("服务中心"), default=0)

    received = models.BigIntegerField(_("收件"), default=0)
    online = models.BigIntegerField(_("网上申请"), default=0)
    proxy_point = models.BigIntegerField(_("代办点收件"), default=0)
    accepted = models.BigIntegerField(_("受理"), default=0)
    deemed = models.BigIntegerField(_("视为受理"), default=0)
    rejected = models.BigIntegerField(_("不予受理"), default=0)
    # Received on this day and still open (收件、待补正、已受理): summed over all days = in progress now.
    open = models.BigIntegerField(_("在办"), default=0)
    concluded = models.BigIntegerField(_("办结"), default=0)
    # Concluded 承诺件 with a promised date: the base of the on-time rate.
    timed = models.BigIntegerField(_("计时办结"), default=0)
    on_time = models.BigIntegerField(_("按时办结"), default=0)
    ahead = models.BigIntegerField(_("提前办结"), default=0)
    late = models.BigIntegerField(_("超期办结"), default=0)
    days_used = models.BigIntegerField(_("实际用时（工作日）"), default=0)
    days_promised = models.BigIntegerField(_("承诺时限（工作日）"), default=0)
    days_statutory = models.BigIntegerField(_("法定时限（工作日）"), default=0)
    # Concluded cases whose promised and statutory limits are both in working days: the base
    # of days_used / days_promised / days_statutory (the real speed-up).
    speed_base = models.BigIntegerField(_("提速统计办结"), default=0)
    one_visit = models.BigIntegerField(_("最多跑一次办结"), default=0)

    class Meta:
        verbose_name = _("办件日汇总")
        verbose_name_plural = _("办件日汇总")
        constraints = [
            models.UniqueConstraint(fields=["day", "region_code", "department_id", "center_id"],
                                    name="stats_rollup_key"),
        ]
        indexes = [
            models.Index(fields=["region_code", "day"], name="stats_rollup_region_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.region_code} {self.department_id}/{self.center_id}"


class GeneratedBatch(models.Model):
    """A run of the history generator (`zwfw demo`, `zwfw bench seed`): its cases are the ids
    first_case_id..last_case_id, numbered "G…", and carry no audit events of their own — they are
    generated, not lived, history (docs/adr/0036)."""

    label = models.CharField(_("名称"), max_length=100)
    region_code = models.CharField(_("区划代码"), max_length=12)
    seed = models.BigIntegerField(_("随机种子"))
    first_case_id = models.BigIntegerField(_("首个办件ID"))
    last_case_id = models.BigIntegerField(_("末个办件ID"))
    cases = models.BigIntegerField(_("办件数"))
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    created_at = models.DateTimeField(_("生成时间"))

    class Meta:
        verbose_name = _("生成的历史办件")
        verbose_name_plural = _("生成的历史办件")

    def __str__(self) -> str:
        return f"{self.label} {self.first_case_id}–{self.last_case_id}"
