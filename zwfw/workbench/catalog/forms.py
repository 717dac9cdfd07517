"""Server-rendered forms of the catalog workbench. They only parse and check shapes; the rules
live in zwfw.catalog.services, whose errors are mapped back onto these forms (errors.py)."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from zwfw.catalog.models import FastTrackTag, FormField, ItemType, ItemVersion, ServiceItem, Theme
from zwfw.catalog.models.codes import Audience
from zwfw.catalog.snapshots import CHILD_FIELDS, CHILDREN, GUIDE_FIELDS
from zwfw.organizations.models import Window

from .labels import NOT_EDITED, commentable_order, field_label

EDITED_FIELDS = [name for name in GUIDE_FIELDS if name not in NOT_EDITED]
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class VersionForm(forms.ModelForm):
    """Every guide element of a version in the making (七公开 and the national element groups)."""

    audience = forms.MultipleChoiceField(label=_("服务对象"), choices=Audience.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    fast_track_tags = forms.MultipleChoiceField(label=_("四办"), choices=FastTrackTag.choices, required=False,
                                                widget=forms.CheckboxSelectMultiple)
    windows = forms.ModelMultipleChoiceField(label=_("办理窗口"), queryset=Window.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    themes = forms.ModelMultipleChoiceField(label=_("服务主题 / 人生事件"), queryset=Theme.objects.all(),
                                            to_field_name="code", required=False,
                                            widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ItemVersion
        fields = EDITED_FIELDS
        widgets = {name: TEXTAREA for name in (
            "legal_basis", "conditions", "statutory_limit_note", "promised_limit_note", "consultation_channels",
            "complaint_channels", "review_remedy", "lawsuit_remedy",
        )}

    def __init__(self, *args, item: ServiceItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["windows"].queryset = (
            Window.objects.filter(is_active=True, center__region__code__startswith=item.region.prefix)
            .select_related("center").order_by("center__name", "number")
        )
        if self.instance.pk:
            self.initial.setdefault("windows", list(self.instance.windows.values_list("pk", flat=True)))
            self.initial.setdefault("themes", list(self.instance.themes.values_list("code", flat=True)))

    def guide_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in EDITED_FIELDS}

    def window_ids(self) -> list[int]:
        return [w.pk for w in self.cleaned_data["windows"]]

    def theme_codes(self) -> list[str]:
        return [t.code for t in self.cleaned_data["themes"]]


class ChoiceLinesField(forms.CharField):
    """The options of a choice field, one per line in a text box; a list of texts once cleaned."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def has_changed(self, initial, data):
        if isinstance(initial, str) and initial.startswith("["):
            initial = json.loads(initial)  # the model's JSON default, as a blank row's initial
        before = initial if isinstance(initial, list) else self.to_python(initial or "")
        return before != self.to_python(data)


class FormFieldRowForm(forms.ModelForm):
    """One field of the one-table form. The structure rules (unique keys, conditions naming an
    earlier field and one of its options) are the service's (zwfw.catalog.forms_spec)."""

    choices = ChoiceLinesField(label=_("选项（每行一项）"), required=False)

    class Meta:
        model = FormField
        fields = CHILD_FIELDS["form_fields"]
        help_texts = {"key": _("小写字母开头，只含小写字母、数字和下划线，如 shop_name")}


def _child_form(key: str) -> type[forms.ModelForm]:
    if key == "form_fields":
        return FormFieldRowForm
    model = CHILDREN[key]
    return forms.modelform_factory(
        model, fields=CHILD_FIELDS[key],
        widgets={name: TEXTAREA for name in ("legal_basis", "basis", "description") if name in CHILD_FIELDS[key]},
    )


# Form fields can be put in order (ORDER); the other lists keep the order they are written in.
CHILD_FORMSETS = {key: forms.formset_factory(_child_form(key), extra=1, can_delete=True,
                                             can_order=key == "form_fields") for key in CHILDREN}
CHILD_TITLES = {key: field_label(key) for key in CHILDREN}


def child_formsets(data=None, *, version: ItemVersion | None) -> dict[str, forms.BaseFormSet]:
    sets = {}
    for key, formset_class in CHILD_FORMSETS.items():
        initial = None
        if version is not None and data is None:
            initial = list(CHILDREN[key].objects.filter(version=version).order_by("position", "id")
                           .values(*CHILD_FIELDS[key]))
        sets[key] = formset_class(data, initial=initial, prefix=key)
    return sets


def child_rows(formset: forms.BaseFormSet) -> tuple[list[dict], list[int]]:
    """The rows to keep (deleted and untouched blank rows dropped), and for each the index of
    its form, so that service errors like `materials[2].name` land on the right form."""
    kept = []
    for i, form in enumerate(formset.forms):
        if not form.has_changed() and i >= formset.initial_form_count():
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        kept.append((i, form))
    if formset.can_order:
        # Rows with an order number first, by that number; the others after, as written.
        kept.sort(key=lambda pair: (pair[1].cleaned_data.get("ORDER") is None,
                                    pair[1].cleaned_data.get("ORDER") or 0, pair[0]))
    rows = [{name: form.cleaned_data.get(name) for name in CHILD_FIELDS[formset.prefix] if name in form.cleaned_data}
            for _i, form in kept]
    return rows, [i for i, _form in kept]


class ItemCreateForm(forms.Form):
    name = forms.CharField(label=_("事项名称"), max_length=300)
    item_type = forms.ChoiceField(label=_("事项类型"), choices=ItemType.choices)
    base_code = forms.CharField(label=_("基本编码"), max_length=12,
                                help_text=_("12位数字或大写字母（C 0101—2018）"))
    base_item = forms.ModelChoiceField(label=_("对应基本目录事项"), queryset=ServiceItem.objects.none(),
                                       required=False)
    local_code = forms.CharField(label=_("地方编码"), max_length=100, required=False)

    def __init__(self, *args, base_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_item"].queryset = base_items
        self.fields["base_item"].label_from_instance = lambda b: f"{b.base_code} {b}"


class ReturnForm(forms.Form):
    """Return with an overall comment and comments on single elements (字段意见)."""

    comment = forms.CharField(label=_("审核意见"), required=False, widget=TEXTAREA)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "return_%s")  # the approve form on the same page has a comment too
        super().__init__(*args, **kwargs)
        for name in commentable_order():
            self.fields[f"fc__{name}"] = forms.CharField(label=field_label(name), required=False, max_length=500)

    def field_comments(self) -> dict[str, str]:
        return {key[4:]: value for key, value in self.cleaned_data.items() if key.startswith("fc__") and value}


class ApproveForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), required=False, widget=TEXTAREA)


class PublishForm(forms.Form):
    effective_on = forms.DateField(label=_("生效日期"), required=False, help_text=_("不填则自发布之日起生效"),
                                   widget=forms.DateInput(attrs={"type": "date"}))


class ChangeForm(forms.Form):
    effective_on = forms.DateField(label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("理由"), widget=TEXTAREA)
    document = forms.CharField(label=_("依据文件（文号）"), max_length=200, required=False)


class DelegateForm(ChangeForm):
    to_department = forms.ModelChoiceField(label=_("赋权给"), queryset=None)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_department"].queryset = departments


class ZeroReportForm(forms.Form):
    item_type = forms.ChoiceField(label=_("事项类型"), choices=ItemType.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    statement = forms.CharField(label=_("说明"), widget=TEXTAREA)
