"""Forms of the accounts pages: they parse; the rules (三员分立, scope per role, password policy)
live in zwfw.accounts.services and come back as field errors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwfw.accounts.models import Role

from .selectors import scope_choices

EMPTY = _("请选择…")
SCOPE_LABELS = {
    "department": _("所属部门"),
    "region": _("管辖区划"),
    "service_center": _("驻点中心"),
    "window": _("窗口"),
    "service_point": _("代办点"),
}
SCOPE_HELP = {
    "department": _("事项编辑、审核、窗口、审批、部门负责人须指定"),
    "region": _("电子监察须指定"),
    "service_point": _("代办员须指定"),
}


class ScopeFields(forms.Form):
    """Name, phone and where the person works (department, region, center, window, point)."""

    full_name = forms.CharField(label=_("姓名"), max_length=60, required=False)
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in scope_choices().items():
            self.fields[name] = forms.ModelChoiceField(
                label=SCOPE_LABELS[name], queryset=queryset, required=False, empty_label=EMPTY,
                help_text=SCOPE_HELP.get(name, ""),
            )

    def scope(self) -> dict:
        return {name: self.cleaned_data[name] for name in SCOPE_LABELS}


class StaffCreateForm(ScopeFields):
    username = forms.CharField(label=_("用户名"), max_length=40, required=False,
                               help_text=_("以字母开头，3–40 位字母、数字、下划线、点或连字符"))
    password = forms.CharField(label=_("初始密码"), required=False, strip=False,
                               widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
                               help_text=_("至少 10 位，含大小写字母、数字、符号中的至少 3 类"))
    roles = forms.MultipleChoiceField(label=_("角色"), required=False, widget=forms.CheckboxSelectMultiple)

    field_order = ["username", "full_name", "phone", "password", "roles", *SCOPE_LABELS]

    def __init__(self, *args, grantable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(r.value, r.label) for r in Role if r in grantable]
        self.order_fields(self.field_order)


class PasswordResetForm(forms.Form):
    password = forms.CharField(label=_("新密码"), required=False, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("至少 10 位，含大小写字母、数字、符号中的至少 3 类；请当面或通过安全渠道告知本人"))


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("授予角色"))

    def __init__(self, *args, grantable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", EMPTY), *[(r.value, r.label) for r in grantable]]
