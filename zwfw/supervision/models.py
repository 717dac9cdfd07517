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
        # Shown to people (the audit page names the object): in Chinese; the code is data.
        return f"{self.get_target_display()}{self.get_level_display()}规则 第 {self.version} 版"


class CardStatus(models.TextChoices):
    PENDING = "pending", _("待发")
    ISSUED = "issued", _("已发")
    ANSWERED = "answered", _("已反馈")
    ESCALATED = "escalated", _("督办")
    APPEALED = "appealed", _("申诉中")
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
    answer = models.CharField(_("反馈情况"), max_length=500, blank=True)
    answered_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("反馈人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("监察牌")
        verbose_name_plural = _("监察牌")
        constraints = [
            models.UniqueConstraint(fields=["clock", "level"], name="card_once_per_clock_level"),
        ]
        indexes = [models.Index(fields=["status", "region"], name="card_status_region_idx")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.summary}"


class AppealStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待处理")
    UPHELD = "upheld", _("维持监察牌")
    CANCELLED = "cancelled", _("撤销监察牌")
    RETURNED = "returned", _("退回申诉")


class CardAppeal(models.Model):
    """申诉: the responsible department disputes a card; the supervisor upholds the card, cancels
    it, or returns the appeal (e.g. for evidence; the department may appeal again). At most one
    appeal per card is open at a time (the database says so)."""

    card = models.ForeignKey(Card, verbose_name=_("监察牌"), on_delete=models.PROTECT, related_name="appeals")
    status = models.CharField(_("状态"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.SUBMITTED)
    reason = models.CharField(_("申诉理由"), max_length=500)
    card_status_before = models.CharField(_("申诉前监察牌状态"), max_length=10, choices=CardStatus.choices)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申诉人"), on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("申诉时间"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decision_note = models.CharField(_("处理意见"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("监察牌申诉")
        verbose_name_plural = _("监察牌申诉")
        ordering = ["card_id", "submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["card"], condition=models.Q(status="submitted"),
                                    name="card_one_open_appeal"),
        ]

    def __str__(self) -> str:
        return f"{self.card} {self.get_status_display()}"


class CardReminder(models.Model):
    """One 催办 sent on a card: who sent it, when, to whom (names kept as sent)."""

    card = models.ForeignKey(Card, verbose_name=_("监察牌"), on_delete=models.PROTECT, related_name="reminder_log")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("催办人"), on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField(_("催办时间"))
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("被催办人"), related_name="+")
    channels = models.CharField(_("通知渠道"), max_length=60)

    class Meta:
        verbose_name = _("催办记录")
        verbose_name_plural = _("催办记录")
        ordering = ["card_id", "sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.card} {self.sent_at:%Y-%m-%d %H:%M}"


class AnomalyKind(models.TextChoices):
    PAUSED_OFTEN = "paused_often", _("多次暂停计时")
    PAUSED_LONG = "paused_long", _("长时间暂停计时")
    EXTENDED = "extended", _("延期超过部门常规")
    ACCEPTED_LATE = "accepted_late", _("超期受理或视为受理")
    NO_DECISION_DOCUMENT = "no_decision_document", _("办结但无决定文书")
    STEPS_LAST_DAY = "steps_last_day", _("环节总在最后一天完成")


class AnomalyThreshold(models.Model):
    """A threshold of an anomaly pattern, as data: a region's supervisor adds a version for the
    region (or one department of it); the nearest, highest version is in force, else the default
    (`anomalies.DEFAULT_THRESHOLDS`)."""

    kind = models.CharField(_("异常类型"), max_length=24, choices=AnomalyKind.choices)
    version = models.PositiveIntegerField(_("版本"))
    region = models.ForeignKey("organizations.Region", verbose_name=_("适用区划"), on_delete=models.PROTECT,
                               related_name="+")
    department = models.ForeignKey("organizations.Department", verbose_name=_("适用部门"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    value = models.PositiveIntegerField(_("阈值"))
    created_at = models.DateTimeField(_("创建时间"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("修改人"), on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("异常阈值")
        verbose_name_plural = _("异常阈值")
        constraints = [
            models.UniqueConstraint(fields=["region", "department", "kind", "version"],
                                    name="anomaly_threshold_version_unique"),
            models.UniqueConstraint(fields=["region", "kind", "version"], condition=models.Q(department__isnull=True),
                                    name="anomaly_threshold_region_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class SweepMark(models.Model):
    """How far the sweep has looked at stopped clocks (late conclusions): one row per pass name."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    until = models.DateTimeField(_("已检查至"))

    class Meta:
        verbose_name = _("监察扫描进度")
        verbose_name_plural = _("监察扫描进度")

    def __str__(self) -> str:
        return self.name
