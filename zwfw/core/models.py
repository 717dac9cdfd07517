"""Core models: the append-only audit trail, sealed into an HMAC-SM3 chain (全程留痕)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One state-changing action, written in the caller's transaction and sealed later.

    `seq` is numbered by the database at insert (an identity, no lock), so writers never wait
    for each other. The sealer (`zwfw.core.audit.audit_seal`) then appends each event to the
    keyed chain once: `chain_seq`, `prev_hash` and `hash` (HMAC-SM3 with ZWFW_AUDIT_KEY) go from
    empty to set exactly once. Database triggers refuse any other UPDATE, every DELETE and, on
    PostgreSQL, TRUNCATE; tampering that bypasses them is found by `zwfw audit verify` (ADR 0019).
    """

    seq = models.BigAutoField(_("序号"), primary_key=True)
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    actor_id = models.BigIntegerField(_("操作人ID"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    actor_role = models.CharField(_("角色"), max_length=64, blank=True)
    # Indexed by Meta.indexes only: db_index=True on a CharField also builds a LIKE index on
    # PostgreSQL, which no query of the trail uses and every audited write would maintain.
    action = models.CharField(_("操作"), max_length=80)
    object_type = models.CharField(_("对象类型"), max_length=80, blank=True)
    object_id = models.CharField(_("对象ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    changes = models.JSONField(_("变更内容"), default=dict, blank=True)
    ip_address = models.CharField(_("来源地址"), max_length=64, blank=True)
    # Set once by the sealer; empty while the event waits to be sealed.
    chain_seq = models.PositiveBigIntegerField(_("链序号"), null=True, blank=True, unique=True)
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")

    SEAL_FIELDS = ("chain_seq", "prev_hash", "hash")

    class Meta:
        ordering = ["seq"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        # Each index is written by every audited write and again by its seal (ADR 0019, decision
        # 8): only those the trail's readers use. Searches by object id alone are OR-ed with a
        # substring search of the object's name (a scan either way); by object they go through
        # (object_type, object_id).
        indexes = [
            models.Index(fields=["action"], name="audit_action_idx"),
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # The sealer's work list: only unsealed rows are in this index, so finding them
            # costs the backlog, not the size of the trail.
            models.Index(fields=["seq"], condition=models.Q(chain_seq__isnull=True), name="audit_unsealed_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"


class AuditChainHead(models.Model):
    """The sealer's single row: the last sealed position and its digest. Only the sealer locks it
    (one sealer at a time); writers never touch it. Comparing it with the chain's tail finds
    trailing rows deleted without it, and checkpoints outside the database find the rest."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("审计链头")

    def __str__(self) -> str:
        return f"#{self.last_seq}"


class VerificationSource(models.TextChoices):
    COMMAND = "command", _("命令行（zwfw audit verify）")
    WORKBENCH = "workbench", _("工作台")


class AuditVerification(models.Model):
    """One run of the chain check, from the command or the auditor's page: the auditor sees when
    the trail was last verified and with what result (issue 12 point 12)."""

    ran_at = models.DateTimeField(_("校验时间"), db_index=True)
    source = models.CharField(_("来源"), max_length=16, choices=VerificationSource.choices)
    actor_id = models.BigIntegerField(_("操作人ID"), null=True, blank=True)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    events_checked = models.PositiveBigIntegerField(_("已校验记录数"), default=0)
    checkpoints = models.PositiveIntegerField(_("对照检查点数"), default=0)
    unsealed = models.PositiveBigIntegerField(_("待封存记录数"), default=0)
    problems = models.JSONField(_("发现的问题"), default=list, blank=True)

    class Meta:
        ordering = ["-ran_at", "-id"]
        verbose_name = _("审计链校验记录")
        verbose_name_plural = _("审计链校验记录")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M} {'intact' if self.intact else 'broken'}"

    @property
    def intact(self) -> bool:
        return not self.problems


class IdempotencyRecord(models.Model):
    """The first answer to a request sent with an idempotency key, kept so a retry gets it again.

    Written in the same transaction as the effect it answers for: a request that failed or was
    cut off leaves no record, so its retry runs afresh; one that committed leaves both.
    """

    user_id_value = models.BigIntegerField(_("账号"), null=True)
    key = models.CharField(_("幂等键"), max_length=100)
    fingerprint = models.CharField(_("请求摘要"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("响应状态"), default=0)
    body = models.JSONField(_("响应内容"), default=dict)
    created_at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("幂等请求")
        verbose_name_plural = _("幂等请求")
        constraints = [models.UniqueConstraint(fields=["user_id_value", "key"], name="idempotency_key_once")]

    def __str__(self) -> str:
        return self.key
