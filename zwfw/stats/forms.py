"""The dashboard's query: period, part of the subtree, grouping, and (drill-down) one figure."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from zwfw.organizations.models import CenterKind

from .selectors import DRILLABLE, NO_CENTER_KIND

GROUP_CHOICES = (("department", _("按部门")), ("center", _("按服务中心")), ("kind", _("按中心类型")),
                 ("region", _("按区划")))
GROUP_LABELS = {"department": _("部门"), "center": _("服务中心"), "kind": _("中心类型"), "region": _("区划")}
KIND_CHOICES = (("", _("全部")), *CenterKind.choices, (NO_CENTER_KIND, _("网上申请（未经服务中心）")))


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last six months up to today, whole months."""
    month = today.month - 5
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, 1), today


class DashboardQuery(forms.Form):
    start = forms.DateField(label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    region = forms.RegexField(label=_("区划代码"), regex=r"^\d{12}$", required=False, max_length=12,
                              error_messages={"invalid": _("区划代码应为12位数字")})
    group = forms.ChoiceField(label=_("分组"), choices=GROUP_CHOICES, required=False)
    department = forms.IntegerField(label=_("部门"), required=False, min_value=1, widget=forms.HiddenInput)
    center = forms.IntegerField(label=_("服务中心"), required=False, min_value=0, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("中心类型"), choices=KIND_CHOICES, required=False)
    metric = forms.ChoiceField(label=_("指标"), choices=[(m, m) for m in DRILLABLE], required=False,
                               widget=forms.HiddenInput)

    def where_args(self, today: dt.date) -> dict:
        d = self.cleaned_data
        start, end = default_period(today)
        return {"start": d.get("start") or start, "end": d.get("end") or end, "region_code": d.get("region") or None,
                "department_id": d.get("department"), "center_id": d.get("center"),
                "center_kind": d.get("kind") or None}
