"""Forms of the applicant's case pages: contact, file upload, withdrawal, the public look-up."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

PHONE_PATTERN = r"^(1\d{10}|0\d{2,3}-?\d{7,8})$"


class RevisionForm(forms.Form):
    """Every action form carries the revision of the case the page showed (a stale page is told)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ContactForm(forms.Form):
    """The contact of an application. A phone number already on file is never sent back to the
    browser in clear: the field shows its mask and stays blank to keep it."""

    contact_name = forms.CharField(label=_("联系人"), max_length=60,
                                   error_messages={"required": _("请填写联系人")})
    contact_phone = forms.RegexField(label=_("联系电话"), regex=PHONE_PATTERN, max_length=20,
                                     error_messages={"required": _("请填写联系电话"),
                                                     "invalid": _("请填写正确的手机号码或固定电话")},
                                     widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))

    def __init__(self, *args, saved_phone=None, **kwargs):
        super().__init__(*args, **kwargs)
        if saved_phone:
            field = self.fields["contact_phone"]
            field.required = False
            field.widget.attrs["placeholder"] = str(saved_phone)
            field.help_text = _("已填写 %(masked)s，不修改请留空") % {"masked": saved_phone}

    def contact(self) -> dict:
        """The service's arguments: a blank phone keeps the one on file (None)."""
        data = self.cleaned_data
        return {"contact_name": data["contact_name"], "contact_phone": data["contact_phone"] or None}


class UploadForm(forms.Form):
    file = forms.FileField(label=_("选择文件"), error_messages={
        "required": _("请选择要上传的文件"), "empty": _("上传的文件是空的"), "invalid": _("请选择要上传的文件")})


class WithdrawForm(RevisionForm):
    reason = forms.CharField(label=_("撤回原因"), max_length=300, required=False,
                             widget=forms.TextInput(attrs={"placeholder": _("选填")}))


class TrackForm(forms.Form):
    number = forms.CharField(label=_("办件编号"), max_length=50, error_messages={"required": _("请填写办件编号")},
                             widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    code = forms.RegexField(label=_("查询码"), regex=r"^\d{6}$", max_length=6,
                            error_messages={"required": _("请填写6位查询码"), "invalid": _("查询码是6位数字")},
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
