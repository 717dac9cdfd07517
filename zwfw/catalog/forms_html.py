"""A Django form class for a one-table form, for server-rendered pages (desktop and phone).

The Django fields only carry the widgets and the raw strings; every rule is form_validate's
(zwfw.catalog.forms_spec), whose per-field messages land on the fields. Widgets are picked for
small screens too: the right `inputmode`/`type` brings up the numeric, telephone or e-mail
keyboard, few choices are radio buttons (large tap targets) and many a select. A conditional
field carries `data-show-if-field` / `data-show-if-value` on its wrapper-friendly widget, and
catalog/form-conditions.js shows or hides it as the answers change (without script every field
is shown and the server drops the ones that do not apply).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import forms

from .forms_spec import FieldSpec, FormInvalid, form_validate
from .models.codes import FormFieldKind

K = FormFieldKind
RADIO_MAX = 5
AUTOCOMPLETE = {"name": "name", "phone": "tel", "address": "street-address"}


def _attrs(spec: FieldSpec) -> dict:
    attrs: dict = {}
    if spec.conditional:
        attrs.update({"data-show-if-field": spec.condition_field, "data-show-if-value": spec.condition_value})
    if spec.required:
        attrs["aria-required" if spec.conditional else "required"] = "true"
    if spec.profile_default in AUTOCOMPLETE:
        attrs["autocomplete"] = AUTOCOMPLETE[spec.profile_default]
    if spec.max_length and spec.kind in (K.TEXT, K.LONG_TEXT):
        attrs["maxlength"] = spec.max_length
    return attrs


def _field(spec: FieldSpec) -> forms.Field:
    attrs = _attrs(spec)
    common = {"label": spec.label, "help_text": spec.help_text, "required": False}
    choices = [(c, c) for c in spec.choices]
    if spec.kind == K.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4, **attrs}), strip=False, **common)
    if spec.kind == K.CHOICE:
        widget = (forms.RadioSelect(attrs=attrs) if len(choices) <= RADIO_MAX
                  else forms.Select(attrs=attrs))
        if len(choices) > RADIO_MAX:
            choices = [("", "——"), *choices]
        return forms.ChoiceField(choices=choices, widget=widget, **common)
    if spec.kind == K.MULTI_CHOICE:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple(attrs=attrs), **common)
    widget_attrs = {
        K.NUMBER: {"inputmode": "decimal"},
        K.DATE: {"type": "date"},
        K.REGION: {"inputmode": "numeric", "pattern": r"\d{6}(\d{3}(\d{3})?)?"},
        K.ID_NUMBER: {"autocapitalize": "characters", "spellcheck": "false", "maxlength": 18},
        K.CREDIT_CODE: {"autocapitalize": "characters", "spellcheck": "false", "maxlength": 18},
        K.PHONE: {"type": "tel", "inputmode": "tel"},
        K.EMAIL: {"type": "email", "inputmode": "email", "autocomplete": "email"},
    }.get(spec.kind, {})
    input_type = widget_attrs.pop("type", "text")
    widget = forms.TextInput(attrs={**widget_attrs, **attrs})
    widget.input_type = input_type
    return forms.CharField(widget=widget, strip=False, **common)


class OneTableForm(forms.Form):
    """Base of the built classes: `clean()` runs form_validate on the raw answers."""

    specs: tuple[FieldSpec, ...] = ()
    today: dt.date | None = None

    def __init__(self, *args, profile=None, **kwargs):
        self.profile = profile
        super().__init__(*args, **kwargs)

    def sections(self) -> list[tuple[str, list]]:
        """Bound fields grouped by section, in order, for templates."""
        groups: list[tuple[str, list]] = []
        for spec in self.specs:
            if not groups or groups[-1][0] != spec.section:
                groups.append((spec.section, []))
            groups[-1][1].append(self[spec.key])
        return groups

    def clean(self):
        raw = {key: value for key, value in self.cleaned_data.items() if value not in (None, "", [])}
        try:
            return form_validate(self.specs, raw, profile=self.profile, today=self.today)
        except FormInvalid as exc:
            for key, messages in exc.field_errors.items():
                for message in messages:
                    self.add_error(key if key in self.fields else None, message)
            return self.cleaned_data


def form_class_for(fields: Iterable[FieldSpec], *, today: dt.date | None = None) -> type[OneTableForm]:
    """A form class for these fields; construct it with `data`, `initial` (form_initial) and
    `profile=`. `form.cleaned_data` is then exactly form_validate's result."""
    specs = tuple(fields)
    attrs = {spec.key: _field(spec) for spec in specs}
    return type("OneTableFormBuilt", (OneTableForm,), {**attrs, "specs": specs, "today": today})
