from django import forms
from django.utils.translation import gettext_lazy as _


class StaffLoginForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label=_("密码"), max_length=256, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class CitizenLoginForm(forms.Form):
    id_number = forms.CharField(label=_("身份证号码"), max_length=32,
                                widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True,
                                                              "inputmode": "text"}))
    password = forms.CharField(label=_("密码"), max_length=256, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class _CodeForm(forms.Form):
    """A form with a "获取验证码" button beside the real submit: `action` says which was pressed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = (self.data.get("action") or "") if self.is_bound else ""


class CitizenSignUpForm(_CodeForm):
    name = forms.CharField(label=_("姓名"), max_length=60, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = forms.CharField(label=_("身份证号码"), max_length=32, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "numeric"}))
    code = forms.CharField(label=_("短信验证码"), max_length=10, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))
    password = forms.CharField(label=_("设置密码"), max_length=256, strip=False, required=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("确认密码"), max_length=256, strip=False, required=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if self.action != "send_code" and data.get("password") != data.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致。"))
        return data


class PasswordResetForm(_CodeForm):
    id_number = forms.CharField(label=_("身份证号码"), max_length=32, required=False,
                                widget=forms.TextInput(attrs={"autocomplete": "username"}))
    code = forms.CharField(label=_("短信验证码"), max_length=10, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))
    password = forms.CharField(label=_("新密码"), max_length=256, strip=False, required=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("确认新密码"), max_length=256, strip=False, required=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if self.action != "send_code" and data.get("password") != data.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致。"))
        return data


class EnterpriseOpenForm(forms.Form):
    name = forms.CharField(label=_("企业名称"), max_length=120, required=False)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=32, required=False)


class AgentAuthoriseForm(forms.Form):
    agent_name = forms.CharField(label=_("经办人姓名"), max_length=60, required=False)
    agent_id_number = forms.CharField(label=_("经办人身份证号码"), max_length=32, required=False,
                                      widget=forms.TextInput(attrs={"autocomplete": "off"}))
    item_code = forms.CharField(label=_("授权事项（实施编码，留空为全部事项）"), max_length=40, required=False)
    valid_until = forms.DateField(label=_("有效期至"), required=True,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  error_messages={"required": _("请填写授权有效期。"),
                                                  "invalid": _("请按 年-月-日 填写日期。")})


class ProxyMandateForm(forms.Form):
    applicant_id_number = forms.CharField(label=_("委托人身份证号码"), max_length=32, required=False,
                                          widget=forms.TextInput(attrs={"autocomplete": "off"}))
    item_code = forms.CharField(label=_("代办事项（实施编码，留空为全部事项）"), max_length=40, required=False)
    valid_until = forms.DateField(label=_("有效期至"), widget=forms.DateInput(attrs={"type": "date"}),
                                  error_messages={"required": _("请填写授权有效期。"),
                                                  "invalid": _("请按 年-月-日 填写日期。")})
    material = forms.FileField(label=_("委托书（签字原件扫描件或照片）"), required=False)
