"""Review chains (configurable per region) and the decisions taken on versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.accounts.models import Role

from .codes import ReviewOutcome


class ReviewChain(models.Model):
    """The ordered reviewers a region's item versions pass through, e.g. 审管局 → 编办 → 司法局.
    A region without a chain uses the nearest ancestor's; with none at all, one step by any
    catalog reviewer of the region (services.review_chain_steps)."""

    region = models.OneToOneField("organizations.Region", verbose_name=_("区划"), on_delete=models.PROTECT,
                                  related_name="review_chain")
    name = models.CharField(_("名称"), max_length=100)

    class Meta:
        verbose_name = _("审核链")
        verbose_name_plural = _("审核链")

    def __str__(self) -> str:
        return self.name


class ReviewChainStep(models.Model):
    chain = models.ForeignKey(ReviewChain, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("顺序"))
    label = models.CharField(_("环节名称"), max_length=60)
    department = models.ForeignKey("organizations.Department", verbose_name=_("审核部门"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("审核角色"), max_length=32, default=Role.CATALOG_REVIEWER)

    class Meta:
        ordering = ["chain_id", "position"]
        verbose_name = _("审核环节")
        verbose_name_plural = _("审核环节")
        constraints = [models.UniqueConstraint(fields=["chain", "position"], name="review_step_position_unique")]

    def __str__(self) -> str:
        return self.label


class ReviewDecision(models.Model):
    """One reviewer's decision on one version at one step; a return carries per-field comments."""

    version = models.ForeignKey("catalog.ItemVersion", on_delete=models.PROTECT, related_name="decisions")
    step_position = models.PositiveSmallIntegerField(_("审核环节"))
    step_label = models.CharField(_("环节名称"), max_length=60)
    outcome = models.CharField(_("审核结论"), max_length=8, choices=ReviewOutcome.choices)
    comment = models.TextField(_("审核意见"), blank=True)
    field_comments = models.JSONField(_("逐项意见"), default=dict, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), on_delete=models.PROTECT,
                                 related_name="+")
    decided_at = models.DateTimeField(_("审核时间"))

    class Meta:
        ordering = ["version_id", "decided_at", "id"]
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")

    def __str__(self) -> str:
        return f"{self.step_label} {self.get_outcome_display()}"
