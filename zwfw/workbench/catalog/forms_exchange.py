"""The upload form of the catalog import page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(label=_("填好的导入模板（.xlsx）"), required=False)
    good_rows_only = forms.BooleanField(
        label=_("仅导入无误的事项（有错误的事项连同其子表行一起跳过）"), required=False,
        help_text=_("不勾选时，文件中只要有一处错误就不导入任何内容"),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            raise forms.ValidationError(_("请选择要导入的 Excel 文件。"))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传按模板填写的 .xlsx 文件。"))
        return upload
