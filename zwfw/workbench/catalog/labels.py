"""Chinese labels and display values of guide elements, for the workbench's catalog pages."""

from __future__ import annotations

import re

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from zwfw.catalog.models import FastTrackTag, ItemVersion
from zwfw.catalog.models.codes import Audience
from zwfw.catalog.snapshots import CHILDREN, GUIDE_FIELDS, MANY_TO_MANY

# Bookkeeping set by publication, not edited in the guide form.
NOT_EDITED = frozenset({"effective_on"})
CHILD_LABELS = {"materials": "申请材料", "steps": "办理环节", "special_procedures": "特别程序", "fee_items": "收费项目",
                "form_fields": "申请表字段（一表式）"}
M2M_LABELS = {"windows": "办理窗口", "themes": "服务主题"}
LIST_CHOICES = {"audience": dict(Audience.choices), "fast_track_tags": dict(FastTrackTag.choices)}
_ROW = re.compile(r"^(?P<key>\w+)\[(?P<i>\d+)\](?:\.(?P<name>\w+))?$")


def field_label(name: str) -> str:
    """Label of a guide element, a child list, or a child cell such as `materials[0].name`."""
    if name in CHILD_LABELS:
        return _(CHILD_LABELS[name])
    if name in M2M_LABELS:
        return _(M2M_LABELS[name])
    match = _ROW.match(name)
    if match and match["key"] in CHILDREN:
        label = _("%(list)s 第%(n)s行") % {"list": _(CHILD_LABELS[match["key"]]), "n": int(match["i"]) + 1}
        if match["name"]:
            label += " · " + str(CHILDREN[match["key"]]._meta.get_field(match["name"]).verbose_name)
        return label
    try:
        return str(ItemVersion._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # unknown keys are shown as they are
        return name


def display_value(model, name: str, value) -> str:
    """A stored value as people read it: choice labels, 是/否, lists joined."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if name in LIST_CHOICES and isinstance(value, list):
        return "、".join(str(LIST_CHOICES[name].get(v, v)) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{field_label_for(model, k)}：{display_value(model, k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def field_label_for(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def diff_rows(changes: list[dict]) -> list[dict]:
    """version_diff entries with labels and readable values."""
    rows = []
    for change in changes:
        match = _ROW.match(change["field"])
        if match and match["key"] in CHILDREN:
            model, name = CHILDREN[match["key"]], match["name"] or ""
        else:
            model, name = ItemVersion, change["field"]
        rows.append({"field": change["field"], "label": field_label(change["field"]),
                     "old": display_value(model, name, change["old"]),
                     "new": display_value(model, name, change["new"])})
    return rows


def guide_elements(version: ItemVersion) -> list[dict]:
    """Every guide field of a version with its label and display value, in model order."""
    return [{"field": name, "label": field_label(name),
             "value": display_value(ItemVersion, name, getattr(version, name))}
            for name in GUIDE_FIELDS]


def commentable_order() -> list[str]:
    """The keys a reviewer may comment on, in reading order."""
    return [*GUIDE_FIELDS, *CHILDREN, *MANY_TO_MANY]
