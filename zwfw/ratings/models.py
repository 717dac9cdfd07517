"""好差评: ratings of cases (GB/T 39046—2020 table 9, code list A.8), the rectification work
orders they open, call-backs and appeals (docs/adr/0034-ratings-and-rectification.md).

Table 9 elements and where they live: 评价渠道 `Rating.channel` (`GB_CHANNEL`), 评价人 `rater` /
`rater_name`, 评价时间 `rated_at`, 评价次数 `sequence`, 满意度 + 代码 `level` (A.8, the level is
the code), 评价内容 `comment`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RatingChannel(models.TextChoices):
    """评价渠道 (GB/T 39046—2020 table 9)."""

    PC = "pc", _("PC端")
    MOBILE = "mobile", _("移动服务端")
    QR = "qr", _("二维码")
    HALL_TABLET = "hall_tablet", _("大厅平板")
    HALL_OTHER = "hall_other", _("大厅其他终端")
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")


ONLINE_RATING_CHANNELS = frozenset({RatingChannel.PC, RatingChannel.MOBILE})


class Level(models.IntegerChoices):
    """满意度 (GB/T 39046—2020 code list A.8): the value is the code."""

    VERY_SATISFIED = 1, _("非常满意")
    SATISFIED = 2, _("满意")
    FAIRLY_SATISFIED = 3, _("基本满意")
    DISSATISFIED = 4, _("不满意")
    VERY_DISSATISFIED = 5, _("非常不满意")


# 差评: 不满意 and 非常不满意 open a rectification work order.
BAD_LEVELS = (Level.DISSATISFIED, Level.VERY_DISSATISFIED)


class RatingStatus(models.TextChoices):
    VALID = "valid", _("有效")
    APPEALED = "appealed", _("申诉中")
    REMOVED = "removed", _("申诉成立，已剔除")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已公开")
    HIDDEN = "hidden", _("不予公开")


class RatingPolicy(models.Model):
    """A region's 好差评 settings; a region without its own row uses the nearest ancestor's, else
    the platform defaults in `policy.py`. Rows are versions: the highest version is in force."""

    region = models.ForeignKey("organizations.Region", verbose_name=_("适用区划"), on_delete=models.PROTECT,
                               related_name="+")
    version = models.PositiveIntegerField(_("版本"))
    default_rating_enabled = models.BooleanField(_("逾期未评价自动默认评价"), default=False)
    default_after_days = models.PositiveSmallIntegerField(_("默认评价前等待天数"), default=7)
    default_level = models.PositiveSmallIntegerField(_("默认评价等级"), choices=Level.choices,
                                                     default=Level.FAIRLY_SATISFIED)
    callback_working_days = models.PositiveSmallIntegerField(_("回访期限（工作日）"), default=1)
    rectification_working_days = models.PositiveSmallIntegerField(_("整改期限（工作日）"), default=5)
    source = models.CharField(_("依据"), max_length=300)
    created_at = models.DateTimeField(_("创建时间"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("好差评规则")
        verbose_name_plural = _("好差评规则")
        constraints = [models.UniqueConstraint(fields=["region", "version"], name="rating_policy_version_unique")]

    def __str__(self) -> str:
        return f"{self.region_id} v{self.version}"


class Rating(models.Model):
    """One rating of one case on one channel (the database refuses a second on the same channel)."""

    case = models.ForeignKey("cases.Case", verbose_name=_("办件"), on_delete=models.PROTECT, related_name="ratings")
    channel = models.CharField(_("评价渠道"), max_length=12, choices=RatingChannel.choices)
    sequence = models.PositiveSmallIntegerField(_("评价次数"))
    level = models.PositiveSmallIntegerField(_("满意度"), choices=Level.choices)
    tags = models.JSONField(_("评价指标"), default=list, blank=True)
    comment = models.TextField(_("评价内容"), blank=True)
    comment_status = models.CharField(_("评价内容公开"), max_length=10, choices=CommentStatus.choices,
                                      default=CommentStatus.PENDING)
    status = models.CharField(_("状态"), max_length=10, choices=RatingStatus.choices, default=RatingStatus.VALID)
    rated_at = models.DateTimeField(_("评价时间"), db_index=True)
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评价人账号"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    rater_name = models.CharField(_("评价人"), max_length=60, blank=True)
    real_name = models.BooleanField(_("实名评价"), default=True)
    is_default = models.BooleanField(_("默认评价"), default=False)
    stage = models.CharField(_("评价时办件状态"), max_length=12)
    # What the rating is about besides the case: the window and the staff member who served.
    window = models.ForeignKey("organizations.Window", verbose_name=_("评价窗口"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评价工作人员"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    # Copied from the case, so statistics group without joining it.
    region = models.ForeignKey("organizations.Region", verbose_name=_("行政区划"), on_delete=models.PROTECT,
                               related_name="+")
    department = models.ForeignKey("organizations.Department", verbose_name=_("责任部门"), on_delete=models.PROTECT,
                                   related_name="+")
    service_center = models.ForeignKey("organizations.ServiceCenter", verbose_name=_("政务服务中心"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("好差评")
        verbose_name_plural = _("好差评")
        constraints = [
            models.UniqueConstraint(fields=["case", "channel"], name="rating_once_per_case_channel"),
            models.UniqueConstraint(fields=["case", "sequence"], name="rating_sequence_unique"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="rating_level_a8"),
        ]
        indexes = [models.Index(fields=["department", "rated_at"], name="rating_dept_time_idx")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}（{self.get_channel_display()}）"

    @property
    def bad(self) -> bool:
        return self.level in BAD_LEVELS


class WorkOrderStatus(models.TextChoices):
    OPEN = "open", _("待回访")
    CALLED_BACK = "called_back", _("整改中")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("退回重新整改")
    CLOSED = "closed", _("已办结")
    CANCELLED = "cancelled", _("已撤销（申诉成立）")


class Resolution(models.TextChoices):
    FIXED = "fixed", _("已整改")
    EXPLAINED = "explained", _("已解释说明")


class WorkOrder(models.Model):
    """差评整改工单: exactly one per bad rating (the database says so), for the responsible department."""

    rating = models.OneToOneField(Rating, verbose_name=_("差评"), on_delete=models.PROTECT, related_name="work_order")
    status = models.CharField(_("状态"), max_length=12, choices=WorkOrderStatus.choices, default=WorkOrderStatus.OPEN)
    region = models.ForeignKey("organizations.Region", verbose_name=_("行政区划"), on_delete=models.PROTECT,
                               related_name="+")
    department = models.ForeignKey("organizations.Department", verbose_name=_("责任部门"), on_delete=models.PROTECT,
                                   related_name="+")
    callback_required = models.BooleanField(_("须回访"), default=True)
    opened_at = models.DateTimeField(_("生成时间"))
    callback_due_at = models.DateTimeField(_("回访期限"), null=True, blank=True)
    called_back_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    due_at = models.DateTimeField(_("整改期限"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("整改轮次"), default=1)
    resolution = models.CharField(_("处理方式"), max_length=10, choices=Resolution.choices, blank=True)
    resolution_note = models.TextField(_("整改情况"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    late = models.BooleanField(_("曾超期"), default=False)
    review_note = models.CharField(_("审核意见"), max_length=500, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    on_time = models.BooleanField(_("按期整改"), null=True, blank=True)

    class Meta:
        verbose_name = _("差评整改工单")
        verbose_name_plural = _("差评整改工单")
        indexes = [models.Index(fields=["department", "status"], name="workorder_dept_status_idx")]

    def __str__(self) -> str:
        return f"整改工单 #{self.pk}"


class CallbackMethod(models.TextChoices):
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")
    VISIT = "visit", _("上门或当面")


class Callback(models.Model):
    """回访: one attempt to contact the applicant; the first that reaches them ends the call-back clock."""

    work_order = models.ForeignKey(WorkOrder, verbose_name=_("整改工单"), on_delete=models.PROTECT,
                                   related_name="callbacks")
    method = models.CharField(_("回访方式"), max_length=8, choices=CallbackMethod.choices)
    reached = models.BooleanField(_("已联系上"))
    outcome = models.TextField(_("回访情况"))
    at = models.DateTimeField(_("回访时间"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回访人"), on_delete=models.PROTECT,
                           related_name="+")

    class Meta:
        verbose_name = _("回访记录")
        verbose_name_plural = _("回访记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.at:%Y-%m-%d %H:%M}"


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    UPHELD = "upheld", _("评价维持")
    REMOVED = "removed", _("评价剔除")


class Appeal(models.Model):
    """申诉: a department contests a rating it holds malicious or mistaken. The rating is never
    deleted: removal only marks it (status) and keeps this row with both reasons."""

    rating = models.ForeignKey(Rating, verbose_name=_("评价"), on_delete=models.PROTECT, related_name="appeals")
    status = models.CharField(_("状态"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING)
    reason = models.TextField(_("申诉理由"))
    filed_at = models.DateTimeField(_("申诉时间"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申诉人"), on_delete=models.PROTECT,
                                 related_name="+")
    decision_reason = models.TextField(_("审核理由"), blank=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("评价申诉")
        verbose_name_plural = _("评价申诉")
        constraints = [
            # One appeal open at a time per rating; decided ones stay as history.
            models.UniqueConstraint(fields=["rating"], condition=models.Q(status="pending"),
                                    name="appeal_one_pending_per_rating"),
        ]

    def __str__(self) -> str:
        return f"申诉 #{self.pk}（{self.get_status_display()}）"


class RatingInvitation(models.Model):
    """The SMS with a signed rating link, sent once per case after it concluded."""

    case = models.OneToOneField("cases.Case", verbose_name=_("办件"), on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("发送时间"))

    class Meta:
        verbose_name = _("评价邀请")
        verbose_name_plural = _("评价邀请")

    def __str__(self) -> str:
        return f"评价邀请 #{self.case_id}"
