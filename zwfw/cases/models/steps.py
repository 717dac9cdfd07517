"""环节: the steps a case goes through after acceptance, one row per step taken (a step sent back
and taken again is a new row, so every pass and return stays on record).

The national data elements of a step (GB/T 39046—2020 table 7, 办理) are columns: 环节名称
`name`, 业务动作 `business_action` (1 通过, 2 退回, 9 其他), handler `handled_by`, opinion `opinion`,
step start/end `started_at` / `finished_at`, handling unit `department`, 环节状态 (`gb_step_status`:
1 待办, 2 已办). The status moves only through CASE_STEP_STATES (cases/services/steps_state.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.accounts.models import Role
from zwfw.catalog.models import StepKind


class StepStatus(models.TextChoices):
    PENDING = "pending", _("未开始")
    CURRENT = "current", _("待办")
    JOINT = "joint", _("会签中")
    DONE = "done", _("已办")
    RETURNED = "returned", _("已退回")
    CANCELLED = "cancelled", _("已终止")


class BusinessAction(models.TextChoices):
    """业务动作 (GB/T 39046—2020 table 7)."""

    PASS = "1", _("通过")
    RETURN = "2", _("退回")
    OTHER = "9", _("其他")


OPEN_STEP_STATUSES = (StepStatus.CURRENT, StepStatus.JOINT)
# 环节状态 (GB/T 39046—2020 table 7): 1 待办, 2 已办.
GB_STEP_STATUS = {StepStatus.PENDING: "1", StepStatus.CURRENT: "1", StepStatus.JOINT: "1", StepStatus.DONE: "2",
                  StepStatus.RETURNED: "2", StepStatus.CANCELLED: "2"}


class CaseStep(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("序号"))
    # The how-many-th time this step is taken (1 unless a later step sent the case back to it).
    run = models.PositiveSmallIntegerField(_("办理轮次"), default=1)
    name = models.CharField(_("环节名称"), max_length=60)
    kind = models.CharField(_("环节类型"), max_length=10, choices=StepKind.choices, default=StepKind.OTHER)
    role = models.CharField(_("办理角色"), max_length=32, choices=Role.choices)
    working_days = models.PositiveSmallIntegerField(_("环节时限（工作日）"), default=0)
    description = models.CharField(_("办理标准"), max_length=300, blank=True)
    department = models.ForeignKey("organizations.Department", verbose_name=_("办理单位"), on_delete=models.PROTECT,
                                   related_name="+")
    joint_department = models.ForeignKey("organizations.Department", verbose_name=_("会签部门"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("环节状态"), max_length=10, choices=StepStatus.choices, default=StepStatus.PENDING)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    claimed_at = models.DateTimeField(_("认领时间"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("分派人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    opinion = models.TextField(_("办理意见"), blank=True)
    business_action = models.CharField(_("业务动作"), max_length=1, choices=BusinessAction.choices, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("办理人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    # 行政许可法第三十四条第三款: substantive on-site verification by at least two staff.
    second_verifier = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("第二核查人"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="+")
    joint_requested_at = models.DateTimeField(_("送会签时间"), null=True, blank=True)
    joint_request_note = models.TextField(_("会签事项"), blank=True)
    joint_answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("会签人"), null=True,
                                          blank=True, on_delete=models.PROTECT, related_name="+")
    joint_answered_at = models.DateTimeField(_("会签时间"), null=True, blank=True)
    joint_agreed = models.BooleanField(_("会签同意"), null=True, blank=True)
    joint_opinion = models.TextField(_("会签意见"), blank=True)
    # The step's own limit (its working days), running while it is open: the queue orders by its
    # stored due/warn moments. None for a step with no share of the limit.
    clock = models.ForeignKey("calendar.TimeLimitClock", verbose_name=_("环节时限"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "position", "run", "id"]
        verbose_name = _("办件环节")
        verbose_name_plural = _("办件环节")
        constraints = [
            models.UniqueConstraint(fields=["case", "position", "run"], name="case_step_run_unique"),
            # One step of a case is open at a time: the database, not the service, has the last word.
            models.UniqueConstraint(fields=["case"], condition=models.Q(status__in=["current", "joint"]),
                                    name="case_step_one_open"),
        ]
        indexes = [
            models.Index(fields=["status", "department", "role"], name="case_step_queue_idx"),
            models.Index(fields=["status", "joint_department"], name="case_step_joint_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def gb_step_status(self) -> str:
        return GB_STEP_STATUS[self.status]

    @property
    def clock_purpose(self) -> str:
        """The purpose of this step's clock on the case (supervision's 单个环节时限 rule finds `step…`)."""
        return f"step:{self.position}:{self.run}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STEP_STATUSES
