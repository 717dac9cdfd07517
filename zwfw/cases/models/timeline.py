"""What happened to a case, in the applicant's and the clerk's words (the audit trail keeps the
full record for auditors), and the one supplement notice a case may get (一次性告知)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseEvent(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"))
    action = models.CharField(_("动作"), max_length=40)
    label = models.CharField(_("事件"), max_length=60)
    status_after = models.CharField(_("处理后状态"), max_length=12, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    # For an enterprise agent or a proxy: the applicant they acted for is the case's applicant;
    # `acting_as` says in which capacity the actor acted (经办人, 代办员, 窗口人员, 系统).
    acting_as = models.CharField(_("身份"), max_length=20, blank=True)
    note = models.TextField(_("说明"), blank=True)
    # Whether the applicant (and the public look-up, which shows status and dates only) sees it.
    public = models.BooleanField(_("申请人可见"), default=True)
    document = models.ForeignKey("documents.OfficialDocument", verbose_name=_("文书"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case_id", "at", "id"]
        verbose_name = _("办件记录")
        verbose_name_plural = _("办件记录")

    def __str__(self) -> str:
        return f"{self.label}"


class CaseSupplement(models.Model):
    """一次性告知: everything missing, told once (行政许可法第三十二条第一款第（四）项)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="supplement")
    requested_at = models.DateTimeField(_("告知时间"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("告知人"), on_delete=models.PROTECT,
                                     related_name="+")
    missing = models.JSONField(_("需补正内容"), default=list)
    note = models.TextField(_("其他说明"), blank=True)
    supply_by = models.DateField(_("补正期限"), null=True, blank=True)
    document = models.ForeignKey("documents.OfficialDocument", verbose_name=_("补正材料通知书"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    supplied_at = models.DateTimeField(_("补正完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("一次性告知")
        verbose_name_plural = _("一次性告知")

    def __str__(self) -> str:
        return f"{self.case_id}"
