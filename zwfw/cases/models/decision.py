"""What follows a decision: the result certificate an approval may produce (结果证照) and the
delivery of the decision and result to the applicant (送达).

GB/T 39046—2020 表 8 (办结) asks for the certificate's name, number, validity and issuing body and
whether the result was sent by post; 行政许可法第四十四条 gives ten working days from the decision
to issue and deliver it. Electronic certificates as a shared data asset come later: the facts are
recorded now.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultCertificate(models.Model):
    """结果证照 of an approval (one per case)."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="certificate")
    name = models.CharField(_("证照名称"), max_length=200)
    number = models.CharField(_("证照编号"), max_length=100)
    valid_from = models.DateField(_("有效期起"))
    # Empty: valid without a time limit (长期有效).
    valid_until = models.DateField(_("有效期止"), null=True, blank=True)
    issuing_body = models.CharField(_("发证机关"), max_length=200)
    recorded_at = models.DateTimeField(_("登记时间"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        verbose_name = _("结果证照")
        verbose_name_plural = _("结果证照")
        constraints = [
            models.CheckConstraint(name="certificate_validity_ordered",
                                   condition=models.Q(valid_until__isnull=True)
                                   | models.Q(valid_until__gte=models.F("valid_from"))),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.number}）"


class DeliveryMethod(models.TextChoices):
    WINDOW = "window", _("窗口领取")
    POST = "post", _("邮寄送达")
    ELECTRONIC = "electronic", _("电子送达")


class CaseDelivery(models.Model):
    """送达 of the decision (and certificate) — one per case. Done (`delivered_at` set) when the
    applicant's side picked it up at the window, the carrier confirmed delivery, or the applicant
    downloaded it from 个人空间; the case is then concluded."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="delivery")
    method = models.CharField(_("送达方式"), max_length=12, choices=DeliveryMethod.choices)
    arranged_at = models.DateTimeField(_("安排时间"))
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("经办人员"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    # Window: who collected it (the applicant or a person they sent) and who handed it over.
    recipient_name = models.CharField(_("领取人"), max_length=60, blank=True)
    # Post: 快递公司 and 运单号; the carrier's confirmation of delivery closes it.
    carrier = models.CharField(_("快递公司"), max_length=60, blank=True)
    waybill = models.CharField(_("运单号"), max_length=40, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    delivered_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("送达登记人"), null=True,
                                              blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("送达")
        verbose_name_plural = _("送达")
        constraints = [
            models.CheckConstraint(name="delivery_post_has_waybill",
                                   condition=~models.Q(method="post") | (~models.Q(carrier="") & ~models.Q(waybill=""))),
            models.CheckConstraint(name="delivery_window_has_recipient",
                                   condition=~models.Q(method="window") | ~models.Q(recipient_name="")),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_method_display()}"

    @property
    def done(self) -> bool:
        return self.delivered_at is not None
