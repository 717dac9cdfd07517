"""Recorded catalog changes (取消, 赋权, 承接) and zero reports (零报告)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .codes import ChangeKind, ItemType


class ItemChange(models.Model):
    item = models.ForeignKey("catalog.ServiceItem", verbose_name=_("事项"), on_delete=models.PROTECT,
                             related_name="changes")
    kind = models.CharField(_("变更类型"), max_length=12, choices=ChangeKind.choices)
    effective_on = models.DateField(_("生效日期"))
    reason = models.TextField(_("理由"))
    document = models.CharField(_("依据文件（文号）"), max_length=200, blank=True)
    to_department = models.ForeignKey("organizations.Department", verbose_name=_("承接部门"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    resulting_item = models.ForeignKey("catalog.ServiceItem", verbose_name=_("承接后的事项"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("登记时间"))

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("事项变更")
        verbose_name_plural = _("事项变更")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.item_id}"


class ZeroReport(models.Model):
    """零报告: a department's formal statement that it has no items of a type in a year."""

    department = models.ForeignKey("organizations.Department", verbose_name=_("部门"), on_delete=models.PROTECT,
                                   related_name="zero_reports")
    item_type = models.CharField(_("事项类型"), max_length=2, choices=ItemType.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    statement = models.TextField(_("说明"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT,
                                 related_name="+")
    filed_at = models.DateTimeField(_("填报时间"))

    class Meta:
        ordering = ["department_id", "year", "item_type"]
        verbose_name = _("零报告")
        verbose_name_plural = _("零报告")
        constraints = [
            models.UniqueConstraint(fields=["department", "item_type", "year"], name="zero_report_unique")
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.year} {self.get_item_type_display()}"
