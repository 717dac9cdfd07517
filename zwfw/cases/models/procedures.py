"""特别程序 and 延期 of an accepted case.

A special procedure (hearing, tender, auction, inspection, testing, quarantine, appraisal, expert
review, public notice, site survey) does not count in the limit (行政许可法第四十五条): it pauses
every running clock of the case while it lasts. An extension (行政许可法第四十二条) adds approved
days to the limit. GB/T 39046—2020 table 7 reports both as 特别程序 with code list A.7
(1 延长审批, 2 其他): `gb_code` keeps that code beside our finer kind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.calendar.limits import LimitUnit
from zwfw.catalog.models import SpecialProcedureKind


class GbSpecialProcedure(models.TextChoices):
    """GB/T 39046—2020 code list A.7 (特别程序种类)."""

    EXTENSION = "1", _("延长审批")
    OTHER = "2", _("其他")


class ProcedureStatus(models.TextChoices):
    RUNNING = "running", _("进行中")
    ENDED = "ended", _("已结束")


class ExtensionStatus(models.TextChoices):
    REQUESTED = "requested", _("待批准")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("不予批准")


class CaseSpecialProcedure(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="special_procedures")
    kind = models.CharField(_("特别程序种类"), max_length=16, choices=SpecialProcedureKind.choices)
    gb_code = models.CharField(_("特别程序国标代码"), max_length=1, choices=GbSpecialProcedure.choices,
                               default=GbSpecialProcedure.OTHER)
    status = models.CharField(_("状态"), max_length=10, choices=ProcedureStatus.choices,
                              default=ProcedureStatus.RUNNING)
    reason = models.CharField(_("原因或依据"), max_length=500)
    expected_duration = models.PositiveIntegerField(_("预计所需时间"))
    duration_unit = models.CharField(_("时间单位"), max_length=16, choices=LimitUnit.choices,
                                     default=LimitUnit.WORKING_DAYS)
    expected_end_on = models.DateField(_("预计结束日期"))
    started_at = models.DateTimeField(_("开始时间"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("启动人"), on_delete=models.PROTECT,
                                   related_name="+")
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("结束人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    result = models.TextField(_("特别程序结果"), blank=True)
    # Clock ids paused by this procedure: exactly these are resumed at its end (a clock stopped
    # meanwhile, or one already paused for another reason, is left as it is).
    paused_clocks = models.JSONField(_("暂停的时限"), default=list)
    notice = models.ForeignKey("documents.OfficialDocument", verbose_name=_("特别程序告知书"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    # 听证 only (行政许可法第四十七条、第四十八条): when the right was told, when the hearing was asked
    # for, and when it is held; the deadlines follow from law.HEARING_*.
    hearing_right_told_on = models.DateField(_("告知听证权利日期"), null=True, blank=True)
    hearing_requested_on = models.DateField(_("申请听证日期"), null=True, blank=True)
    hearing_on = models.DateField(_("举行听证日期"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "started_at", "id"]
        verbose_name = _("特别程序")
        verbose_name_plural = _("特别程序")
        constraints = [
            # One special procedure at a time: two would pause the same days twice.
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="running"),
                                    name="case_one_running_special_procedure"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class CaseExtension(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="extensions")
    gb_code = models.CharField(_("特别程序国标代码"), max_length=1, choices=GbSpecialProcedure.choices,
                               default=GbSpecialProcedure.EXTENSION)
    status = models.CharField(_("状态"), max_length=10, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.REQUESTED)
    days = models.PositiveIntegerField(_("延长工作日数"))
    reason = models.CharField(_("延期理由"), max_length=500)
    requested_at = models.DateTimeField(_("申请时间"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人员"), on_delete=models.PROTECT,
                                     related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decision_note = models.CharField(_("审批意见"), max_length=500, blank=True)
    statutory_due_before = models.DateField(_("延期前法定办结日期"), null=True, blank=True)
    statutory_due_after = models.DateField(_("延期后法定办结日期"), null=True, blank=True)
    promised_due_after = models.DateField(_("延期后承诺办结日期"), null=True, blank=True)
    notice = models.ForeignKey("documents.OfficialDocument", verbose_name=_("延长审批期限告知书"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case_id", "requested_at", "id"]
        verbose_name = _("延期")
        verbose_name_plural = _("延期")
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="requested"),
                                    name="case_one_pending_extension"),
        ]

    def __str__(self) -> str:
        return f"+{self.days}"
