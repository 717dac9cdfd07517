"""The draft editor's sections: guide elements grouped as the national guide standard groups
them (基本信息, 依据与条件, 时限, 结果与收费, 办理方式, 地点与窗口, 咨询投诉与救济, 主题), then one
section per child list. Each section is a template include, so another section (e.g. form-field
definitions) is one more entry here; guide fields no group names land in 其他要素, never lost."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

FIELDS_TEMPLATE = "workbench/catalog/draft/_section_fields.html"
FORMSET_TEMPLATE = "workbench/catalog/draft/_section_formset.html"

GUIDE_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("basic", _("基本信息"), ("change_summary", "name", "item_type", "initiated_by", "audience",
                            "public_service_content_type", "authority_source", "joint_bodies")),
    ("basis", _("设定依据与申报条件"), ("legal_basis", "conditions")),
    ("limits", _("办理时限"), ("statutory_limit", "statutory_limit_unit", "statutory_limit_note", "promised_limit",
                            "promised_limit_unit", "promised_limit_note", "extension_max", "case_kind")),
    ("result", _("办理结果与收费"), ("result_type", "result_name", "result_sample", "fee_charged")),
    ("handling", _("办理方式"), ("handling_form", "max_visits", "visits_reason", "online_depth", "fast_track_tags",
                              "appointment_available", "online_payment", "postal_delivery", "kiosk_available",
                              "area_served", "pre_review_offered", "pre_review_limit", "in_person_required")),
    ("place", _("办理地点、时间与窗口"), ("address", "hours", "windows")),
    ("channels", _("咨询、投诉与救济"), ("consultation_channels", "complaint_channels", "review_remedy",
                                    "lawsuit_remedy")),
    ("themes", _("服务主题"), ("themes",)),
)
OTHER = ("other", _("其他要素"))


@dataclass
class Section:
    id: str
    title: str
    template: str
    fields: list = field(default_factory=list)   # bound fields of the version form
    key: str = ""                                 # child list key (materials …) of a formset section
    formset: object = None

    @property
    def has_errors(self) -> bool:
        if self.formset is not None:
            return bool(self.formset.total_error_count())
        return any(f.errors for f in self.fields)


def draft_sections(form, formsets: list[tuple[str, str, object]]) -> list[Section]:
    """The sections of the draft editor in order, with the form's bound fields distributed."""
    placed: set[str] = set()
    sections = []
    for section_id, title, names in GUIDE_SECTIONS:
        bound = [form[name] for name in names if name in form.fields]
        placed.update(names)
        if bound:
            sections.append(Section(id=section_id, title=str(title), template=FIELDS_TEMPLATE, fields=bound))
    rest = [form[name] for name in form.fields if name not in placed]
    if rest:
        sections.append(Section(id=OTHER[0], title=str(OTHER[1]), template=FIELDS_TEMPLATE, fields=rest))
    for key, title, formset in formsets:
        sections.append(Section(id=f"fs-{key}", title=str(title), template=FORMSET_TEMPLATE, key=key, formset=formset))
    return sections
