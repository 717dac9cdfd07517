"""Forms of the window's pages. Each action form carries the case's revision: a page read
before someone else acted on the case is refused as stale instead of acting on old facts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwfw.accounts.models import ApplicantKind
from zwfw.cases.models import Channel


class WalkInForm(forms.Form):
    item = forms.TypedChoiceField(label=_("申请事项"), coerce=int, choices=())
    # GB/T 39046 A.5: 1 窗口, 4 快递申请 — both are handed to a clerk.
    channel = forms.ChoiceField(label=_("收件方式"), choices=[(Channel.WINDOW, Channel.WINDOW.label),
                                                          (Channel.POST, Channel.POST.label)],
                                initial=Channel.WINDOW)
    kind = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantKind.choices, initial=ApplicantKind.PERSON)
    number = forms.CharField(label=_("身份证号码或统一社会信用代码"), max_length=18)
    name = forms.CharField(label=_("姓名或名称（新申请人必填）"), max_length=120, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    legal_representative = forms.CharField(label=_("法定代表人（法人）"), max_length=60, required=False)

    def __init__(self, *args, items=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", _("请选择事项…")), *items]


class RevisionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


class RejectForm(RevisionForm):
    reasons = forms.CharField(label=_("不予受理理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    not_competent = forms.BooleanField(label=_("不属于本机关职权范围"), required=False)
    refer_to = forms.CharField(label=_("应向其申请的机关"), max_length=200, required=False)


class SettleForm(RevisionForm):
    result_note = forms.CharField(label=_("办理结果"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class PreReviewForm(RevisionForm):
    comment = forms.CharField(label=_("预审意见"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
                              required=False)
    decision = forms.ChoiceField(choices=[("pass", _("预审通过")), ("return", _("退回修改"))])


class SupplementForm(RevisionForm):
    supply_by = forms.DateField(label=_("补正期限"), widget=forms.DateInput(attrs={"type": "date"}))
    other = forms.CharField(label=_("其他需补正的内容（每行一项）"), widget=forms.Textarea(attrs={"rows": 2}),
                            required=False, max_length=2000)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000)


class AcceptForm(RevisionForm):
    note = forms.CharField(label=_("受理意见"), required=False, max_length=500)
