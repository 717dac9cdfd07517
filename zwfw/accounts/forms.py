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
