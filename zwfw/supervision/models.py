"""Electronic supervision (电子监察): versioned rules and the cards they raise (docs/adr/0029-supervise-cards.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    """What a rule watches: a kind of time-limit clock, told apart by its purpose."""

    CASE_PROMISED = "case_promised", _("办件承诺时限")
    CASE_STATUTORY = "case_statutory", _("办件法定时限")
    STEP = "step", _("单个环节时限")
    ACCEPTANCE = "acceptance", _("5 个工作日受理时限")
    PRE_REVIEW = "pre_review", _("网上预审时限")
    DELIVERY = "delivery", _("送达时限")
    RECTIFICATION = "rectification", _("整改时限")


class ThresholdKind(models.TextChoices):
    NEAR = "near", _("临近到期（已用比例或剩余工作日）")
    EXCEEDED = "exceeded", _("已超期")


class Level(models.TextChoices):
    WARNING = "warning", _("预警")
    YELLOW = "yellow", _("黄牌")
    RED = "red", _("红牌")


# Red first on every list: the order of severity.
LEVEL_RANK = {Level.RED: 0, Level.YELLOW: 1, Level.WARNING: 2}


class SupervisionRule(models.Model):
    """One version of a rule. `region` None = the platform default; a region's supervisor edits
    by adding a new version for that region (rows are never changed). The highest version of a
    (region, code) is in force; a region without its own row uses the default."""

    code = models.CharField(_("规则编号"), max_length=40)
    version = models.PositiveIntegerField(_("版本"))
    region = models.ForeignKey("organizations.Region", verbose_name=_("适用区划"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    target = models.CharField(_("监察对象"), max_length=20, choices=Target.choices)
    threshold = models.CharField(_("阈值类型"), max_length=10, choices=ThresholdKind.choices)
    share_used_percent = models.PositiveSmallIntegerField(_("已用时限比例（%）"), null=True, blank=True)
    working_days_left = models.PositiveSmallIntegerField(_("剩余工作日"), null=True, blank=True)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    feedback_working_days = models.PositiveSmallIntegerField(_("反馈期限（工作日）"), default=2)
    source = models.CharField(_("依据"), max_length=300)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("监察规则")
        verbose_name_plural = _("监察规则")
        constraints = [
            models.UniqueConstraint(fields=["region", "code", "version"], name="rule_version_unique"),
            models.UniqueConstraint(fields=["code", "version"], condition=models.Q(region__isnull=True),
                                    name="rule_default_version_unique"),
        ]

    def __str__(self) -> str:
        # Shown to people (the audit trail names the rule): Chinese, the code stays in `code`.
        return f"{self.get_target_display()}{self.get_level_display()}规则（第{self.version}版）"


class CardStatus(models.TextChoices):
    PENDING = "pending", _("待发")
    ISSUED = "issued", _("已发")
    ESCALATED = "escalated", _("督办")
    CANCELLED = "cancelled", _("撤销")


class Card(models.Model):
    """A 预警单 / 黄牌 / 红牌 on one clock: at most one per clock and level (the database says so)."""

    clock = models.ForeignKey("calendar.TimeLimitClock", verbose_name=_("时限"), on_delete=models.PROTECT,
                              related_name="+")
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    rule = models.ForeignKey(SupervisionRule, verbose_name=_("监察规则"), on_delete=models.PROTECT,
                             related_name="cards")
    rule_code = models.CharField(_("规则编号"), max_length=40)
    rule_version = models.PositiveIntegerField(_("规则版本"))
    status = models.CharField(_("状态"), max_length=10, choices=CardStatus.choices, default=CardStatus.PENDING)
    owner_type = models.CharField(_("所属对象类型"), max_length=64)
    owner_id = models.CharField(_("所属对象编号"), max_length=64)
    region = models.ForeignKey("organizations.Region", verbose_name=_("所属区划"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey("organizations.Department", verbose_name=_("责任部门"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("责任人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(_("摘要"), max_length=200)
    due_at = models.DateTimeField(_("时限到期时间"), null=True, blank=True)
    raised_at = models.DateTimeField(_("生成时间"))
    issued_at = models.DateTimeField(_("发出时间"), null=True, blank=True)
    feedback_due_at = models.DateTimeField(_("反馈期限"), null=True, blank=True)
    closed_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    close_reason = models.CharField(_("撤销原因或督办意见"), max_length=300, blank=True)
    reminders = models.PositiveIntegerField(_("催办次数"), default=0)

    class Meta:
        verbose_name = _("监察牌")
        verbose_name_plural = _("监察牌")
        constraints = [
            models.UniqueConstraint(fields=["clock", "level"], name="card_once_per_clock_level"),
        ]
        indexes = [models.Index(fields=["status", "region"], name="card_status_region_idx")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.summary}"
