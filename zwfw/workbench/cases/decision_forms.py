"""Forms of the decision, delivery and conclusion on the case page (each carries the revision)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwfw.cases.models import DecisionOutcome, DeliveryMethod
from zwfw.cases.services.delivery import CLOSE_RESULT_CHOICES

from .forms import RevisionForm

DATE = forms.DateInput(attrs={"type": "date"})


class DecideForm(RevisionForm):
    outcome = forms.ChoiceField(label=_("决定"), choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    # Not required here: the service refuses a decision without reasons with its own message and code.
    reasons = forms.CharField(label=_("决定理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                              required=False)
    cert_name = forms.CharField(label=_("结果证照名称"), max_length=200, required=False)
    cert_number = forms.CharField(label=_("结果证照编号"), max_length=100, required=False)
    cert_valid_from = forms.DateField(label=_("有效期起"), required=False, widget=DATE)
    cert_valid_until = forms.DateField(label=_("有效期止（长期有效不填）"), required=False, widget=DATE)
    cert_issuing_body = forms.CharField(label=_("发证机关（默认本部门）"), max_length=200, required=False)

    def certificate(self) -> dict | None:
        d = self.cleaned_data
        if not (d["cert_name"] or d["cert_number"]):
            return None
        return {"name": d["cert_name"], "number": d["cert_number"], "valid_from": d["cert_valid_from"],
                "valid_until": d["cert_valid_until"], "issuing_body": d["cert_issuing_body"]}


class WindowDeliveryForm(RevisionForm):
    recipient_name = forms.CharField(label=_("领取人"), max_length=60)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class PostDeliveryForm(RevisionForm):
    carrier = forms.CharField(label=_("快递公司"), max_length=60)
    waybill = forms.CharField(label=_("运单号"), max_length=40)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class ConcludeForm(RevisionForm):
    result_type = forms.ChoiceField(label=_("办结结果"), choices=CLOSE_RESULT_CHOICES)
    note = forms.CharField(label=_("办结说明"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


METHOD_LABELS = dict(DeliveryMethod.choices)
