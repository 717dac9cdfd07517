"""Outbox rows (side effects written in the causing transaction) and job runs (progress)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("待投递")
    SENDING = "sending", _("投递中")
    DELIVERED = "delivered", _("已投递")
    DEAD = "dead", _("投递失败")


class OutboxMessage(models.Model):
    """One side effect to carry out after the causing transaction commits.

    `dedupe_key` is unique: the producer names the effect once (e.g. "notify:inbox:42"), and the
    consumer records what it did under the same key, so a message delivered twice (a worker
    killed after the effect and before marking) has no second effect. `next_attempt_at` is
    the earliest moment a worker may take the message: the retry time of a pending message, the
    end of the lease of one being sent.
    """

    kind = models.CharField(_("类型"), max_length=64)
    payload = models.JSONField(_("内容"), default=dict)
    dedupe_key = models.CharField(_("去重键"), max_length=200, unique=True)
    status = models.CharField(_("状态"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveIntegerField(_("投递次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次投递时间"))
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    delivered_at = models.DateTimeField(_("投递时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待发消息")
        verbose_name_plural = _("待发消息")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_status_due_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.dedupe_key}"


class JobRunStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("执行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class JobRun(models.Model):
    """A long job an administrator started and may watch: how many of how many are done."""

    kind = models.CharField(_("类型"), max_length=64)
    label = models.CharField(_("说明"), max_length=200)
    params = models.JSONField(_("参数"), default=dict)
    status = models.CharField(_("状态"), max_length=10, choices=JobRunStatus.choices, default=JobRunStatus.PENDING)
    total = models.PositiveIntegerField(_("总数"), default=0)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    changed = models.PositiveIntegerField(_("已变更"), default=0)
    error = models.TextField(_("错误"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("任务运行")
        verbose_name_plural = _("任务运行")

    def __str__(self) -> str:
        return f"{self.label} ({self.done}/{self.total})"

    @property
    def percent(self) -> int:
        if self.status == JobRunStatus.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0
