"""The running clock of a time limit, attachable to any owner (a case, a step, a rectification)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..limits import EXTENSION_MAX_DAYS, LimitUnit

# How a clock names its owner and purpose to people; the codes stay in owner_type / purpose.
OWNER_LABELS = {"cases.case": _("办件"), "cases.step": _("办件环节")}
PURPOSE_LABELS = (("acceptance", _("视为受理期限")), ("pre_review", _("预审时限")), ("promised", _("承诺办结时限")),
                  ("statutory", _("法定办结时限")), ("delivery", _("送达时限")), ("rectification", _("整改时限")),
                  ("step", _("环节时限")))


class ClockStatus(models.TextChoices):
    RUNNING = "running", _("计时中")
    PAUSED = "paused", _("暂停计时")
    STOPPED = "stopped", _("已停止")


class TimeLimitClock(models.Model):
    """A limit that runs from `started_at`: N units plus extensions, minus pauses.

    `owner_type` / `owner_id` name what the clock belongs to (e.g. "cases.case", "42") so other
    contexts attach clocks without this app knowing their models; `purpose` tells apart several
    clocks of one owner (e.g. "promised", "statutory", "supplement_notice").
    `due_at` / `warn_at` are stored, indexed results of limits.clock_schedule, so supervision finds
    yellow and red clocks by index. They are recomputed by the services whenever an input changes.
    """

    owner_type = models.CharField(_("所属对象类型"), max_length=64)
    owner_id = models.CharField(_("所属对象编号"), max_length=64)
    purpose = models.CharField(_("用途"), max_length=32)
    region = models.ForeignKey(
        "organizations.Region", verbose_name=_("所属区划"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    service_center = models.ForeignKey(
        "organizations.ServiceCenter", verbose_name=_("政务服务中心"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    department = models.ForeignKey(
        "organizations.Department", verbose_name=_("负责部门"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("其负责人批准延期（行政许可法第四十二条）"),
    )
    started_at = models.DateTimeField(_("起算时间"))
    limit = models.PositiveIntegerField(_("时限"))
    unit = models.CharField(_("单位"), max_length=16, choices=LimitUnit.choices)
    extension_days = models.PositiveIntegerField(_("已批准延期"), default=0)
    extension_max = models.PositiveSmallIntegerField(
        _("最长延长期限"), default=EXTENSION_MAX_DAYS,
        help_text=_("取自事项版本；行政许可法第四十二条：一般 10 个工作日，统一、联合、集中办理 15 个工作日"),
    )
    status = models.CharField(_("状态"), max_length=10, choices=ClockStatus.choices, default=ClockStatus.RUNNING)
    due_date = models.DateField(_("到期日"), null=True, blank=True)
    due_at = models.DateTimeField(_("到期时间"), null=True, blank=True)
    warn_at = models.DateTimeField(_("预警时间"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("停止时间"), null=True, blank=True)
    calendar_version = models.CharField(_("计算所用日历版本"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("时限计时")
        verbose_name_plural = _("时限计时")
        constraints = [
            models.UniqueConstraint(fields=["owner_type", "owner_id", "purpose"], name="clock_unique_per_owner"),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="clock_status_due_idx"),
            models.Index(fields=["status", "warn_at"], name="clock_status_warn_idx"),
            # Supervision reads the clocks stopped since its last look (a case concluded late).
            models.Index(fields=["status", "stopped_at"], name="clock_status_stopped_idx"),
        ]

    def __str__(self) -> str:
        # Shown to people (the audit page names the object): the owner and the limit in Chinese.
        owner = OWNER_LABELS.get(self.owner_type, self.owner_type)
        purpose = next((label for prefix, label in PURPOSE_LABELS if self.purpose.startswith(prefix)), self.purpose)
        return f"{owner}{self.owner_id} {purpose}"


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("补正材料")
    SPECIAL_PROCEDURE = "special_procedure", _("特别程序")


class ClockPause(models.Model):
    """An interval that does not count (行政许可法第四十五条; 补正 wait)."""

    clock = models.ForeignKey(TimeLimitClock, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(_("类型"), max_length=20, choices=PauseKind.choices)
    reason = models.CharField(_("原因"), max_length=200)
    legal_basis = models.CharField(_("法律依据"), max_length=200)
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["clock_id", "started_at"]
        verbose_name = _("暂停计时")
        verbose_name_plural = _("暂停计时")
        constraints = [
            # At most one open pause per clock, enforced by the database.
            models.UniqueConstraint(
                fields=["clock"], condition=models.Q(ended_at__isnull=True), name="clock_one_open_pause"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reason}"


class ClockExtension(models.Model):
    """An approved extension of the limit (行政许可法第四十二条)."""

    clock = models.ForeignKey(TimeLimitClock, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveIntegerField(_("延长天数"))
    reason = models.CharField(_("原因"), max_length=200)
    legal_basis = models.CharField(_("法律依据"), max_length=200, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("批准人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("批准时间"))

    class Meta:
        ordering = ["clock_id", "approved_at"]
        verbose_name = _("延期")
        verbose_name_plural = _("延期")

    def __str__(self) -> str:
        return f"+{self.days} {self.reason}"
