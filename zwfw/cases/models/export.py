"""One run of the upward feed (`zwfw cases export`): the watermark it read up to, so that the
next run with `--since last` continues there. GB/T 39046—2020's national sync tables are
incremental, each batch with its own id; `id` is that batch id."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseExportBatch(models.Model):
    since = models.DateTimeField(_("起始水位"), null=True, blank=True)
    until = models.DateTimeField(_("截止水位"), db_index=True)
    exported = models.PositiveIntegerField(_("导出办件数"), default=0)
    created_at = models.DateTimeField(_("导出时间"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-until", "-id"]
        verbose_name = _("办件上报批次")
        verbose_name_plural = _("办件上报批次")

    def __str__(self) -> str:
        return f"{self.pk}"
