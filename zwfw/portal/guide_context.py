"""Turn a Guide into plain labels for the guide templates (page and PDF share them)."""

from __future__ import annotations

from zwfw.catalog.forms_spec import form_fields_for
from zwfw.catalog.models.codes import (
    CHOICE_KINDS,
    Audience,
    AuthoritySource,
    CaseKind,
    FastTrackTag,
    FormFieldKind,
    ItemLevel,
    ItemType,
    LimitUnit,
    MaterialSource,
    OnlineDepth,
)

from .guide_selectors import Guide

# Materials the applicant need not hand in: the office fetches them itself (国务院关于加快推进
# 全国一体化在线政务服务平台建设的指导意见 国发〔2018〕27号: 能通过共享获取的材料不再要求申请人提供).
NOT_SUBMITTED_SOURCES = frozenset({MaterialSource.SHARED_DATA, MaterialSource.CERTIFICATE_LIBRARY})


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def limit_text(days, unit) -> str:
    if days is None:
        return ""
    if days == 0:
        return "即办（当场办结）"
    return f"{days}个{_label(LimitUnit, unit)}"


def speedup_percent(version) -> int | None:
    """提速比 = (法定 − 承诺) / 法定, only when both are in the same unit."""
    statutory, promised = version.statutory_limit, version.promised_limit
    if not statutory or promised is None or version.statutory_limit_unit != version.promised_limit_unit:
        return None
    return round((statutory - promised) * 100 / statutory)


def material_rows(materials) -> list[dict]:
    rows = []
    for m in materials:
        rows.append({
            "material": m,
            "requirement": "必要" if m.requirement == "required" else "情形必要",
            "source": _label(MaterialSource, m.source),
            "not_submitted": m.source in NOT_SUBMITTED_SOURCES or m.certificate_library or bool(m.shared_source),
            "blank": m.form_files.get("blank"),
            "sample": m.form_files.get("sample"),
        })
    return rows


def form_field_rows(version) -> list[dict]:
    """The one-table form as the guide lists it: what the applicant will be asked to fill in."""
    labels = {}
    rows = []
    for spec in form_fields_for(version):
        labels[spec.key] = spec.label
        condition = ""
        if spec.conditional:
            condition = f"“{labels.get(spec.condition_field, spec.condition_field)}”为“{spec.condition_value}”时填写"
        rows.append({"spec": spec, "kind": _label(FormFieldKind, spec.kind), "condition": condition,
                     "choices": "、".join(spec.choices) if spec.kind in CHOICE_KINDS else ""})
    return rows


def guide_context(guide: Guide) -> dict:
    v = guide.version
    return {
        "guide": guide,
        "item": guide.item,
        "version": v,
        "item_type_label": _label(ItemType, v.item_type),
        "level_label": _label(ItemLevel, guide.item.level),
        "authority_source_label": _label(AuthoritySource, v.authority_source),
        "case_kind_label": _label(CaseKind, v.case_kind),
        "audience_labels": [_label(Audience, code) for code in (v.audience or [])],
        "fast_track_labels": [_label(FastTrackTag, tag) for tag in (v.fast_track_tags or [])],
        "online_depth_label": _label(OnlineDepth, v.online_depth) if v.online_depth else "",
        "statutory_text": limit_text(v.statutory_limit, v.statutory_limit_unit),
        "promised_text": limit_text(v.promised_limit, v.promised_limit_unit),
        "speedup": speedup_percent(v),
        "special_procedures": [
            {"row": sp, "kind": sp.get_kind_display(), "duration": limit_text(sp.duration, sp.duration_unit)}
            for sp in guide.special_procedures
        ],
        "material_rows": material_rows(guide.materials),
        "form_field_rows": form_field_rows(v),
        "step_days_total": sum(s.working_days for s in guide.steps),
    }
