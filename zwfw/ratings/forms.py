"""The rating form (one for every channel; the tags offered depend on the channel) and the
workbench's work-order forms. Limits are checked by the services (one message vocabulary)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .indicators import indicators_for
from .models import CallbackMethod, Level, Resolution

EMPTY = [("", _("请选择…"))]


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(label=_("满意度"), choices=Level.choices, coerce=int, widget=forms.RadioSelect,
                                   error_messages={"required": _("请选择满意度")})
    tags = forms.MultipleChoiceField(label=_("评价指标（可多选）"), required=False,
                                     widget=forms.CheckboxSelectMultiple)
    comment = forms.CharField(label=_("评价内容（选填，500 字以内）"), required=False, strip=True,
                              widget=forms.Textarea(attrs={"rows": 4, "maxlength": 500}))

    def __init__(self, *args, online: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].choices = [(i.code, i.label) for i in indicators_for(online)]


class TabletRatingForm(RatingForm):
    case_code = forms.CharField(label=_("回执二维码"), max_length=600,
                                help_text=_("请将收件回执上的二维码对准扫码器"),
                                widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
                                error_messages={"required": _("请先扫描收件回执上的二维码")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, online=False, **kwargs)
        self.order_fields(["case_code", "level", "tags", "comment"])


class CallbackForm(forms.Form):
    method = forms.ChoiceField(label=_("回访方式"), choices=EMPTY + list(CallbackMethod.choices))
    reached = forms.BooleanField(label=_("已联系上申请人"), required=False)
    outcome = forms.CharField(label=_("回访情况"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
                              required=False)


class SubmitForm(forms.Form):
    resolution = forms.ChoiceField(label=_("处理方式"), choices=EMPTY + list(Resolution.choices))
    note = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
                           required=False)


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("审核意见（退回时必填）"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2,
                                                                                          "maxlength": 1000}))


class PolicyForm(forms.Form):
    default_rating_enabled = forms.BooleanField(label=_("逾期未评价时记录默认评价"), required=False)
    default_after_days = forms.IntegerField(label=_("办结后等待天数（自然日）"), min_value=1, max_value=60)
    default_level = forms.TypedChoiceField(label=_("默认评价等级"), coerce=int,
                                           choices=[c for c in Level.choices if c[0] <= 3])
    callback_working_days = forms.IntegerField(label=_("实名差评回访期限（工作日）"), min_value=1, max_value=5)
    rectification_working_days = forms.IntegerField(label=_("整改期限（工作日）"), min_value=1, max_value=30)
    source = forms.CharField(label=_("依据（文件名称和条款）"), max_length=300)
