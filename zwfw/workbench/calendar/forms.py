"""Forms of the calendar pages; the rules are in zwfw.calendar.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zwfw.calendar.models import DayKind
from zwfw.organizations.models import Region, RegionLevel

EMPTY = _("请选择…")
MAX_YEAR_FILE_BYTES = 1024 * 1024


class YearImportForm(forms.Form):
    file = forms.FileField(label=_("年度安排文件（JSON）"), required=False,
                           help_text=_("国务院办公厅公布放假安排后整理的年度安排文件（JSON 格式，每年一个文件）"))
    replace = forms.BooleanField(label=_("该年已导入时替换（已在计时的办件将重算时限）"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            raise forms.ValidationError(_("请选择要导入的年度文件。"))
        if upload.size > MAX_YEAR_FILE_BYTES:
            raise forms.ValidationError(_("文件过大（不应超过 1 MB）。"))
        return upload


class DayForm(forms.Form):
    """One special day of the national calendar or of a region's own calendar."""

    date = forms.DateField(label=_("日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[("", EMPTY), *DayKind.choices])
    name = forms.CharField(label=_("名称"), max_length=60, required=False, help_text=_("如：国庆节、某县民族节日"))
    region = forms.ModelChoiceField(
        label=_("适用区划"), required=False, empty_label=_("全国（国务院安排的更正）"),
        queryset=Region.objects.exclude(level=RegionLevel.TOWN).filter(departments__isnull=False).distinct()
        .order_by("code"),
    )

    def clean_date(self):
        value = self.cleaned_data.get("date")
        if value is None:
            raise forms.ValidationError(_("请填写日期（年-月-日）。"))
        return value
