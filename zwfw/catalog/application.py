"""What an item version asks of an applicant: the catalog's public surface for the case code.

`application_spec(version)` gathers, from one published version, everything applying needs:
the one-table form (zwfw.catalog.forms_spec), the material list with what may be missing for
now (容缺) and what the platform can supply itself (shared data), whether pre-review is offered
and within how many working days, and whether the applicant must appear in person (then no
agent or proxy). Plain frozen data: the case code stores what it used, never the catalog rows.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .forms_spec import FieldSpec, form_fields_for
from .models import ItemVersion, MaterialRequirement, MaterialSource


@dataclass(frozen=True)
class MaterialSpec:
    material_id: int
    position: int
    name: str
    required: bool  # 必要; False = 情形必要 (see `condition`)
    condition: str
    original_count: int
    copy_count: int
    electronic_accepted: bool
    tolerance_allowed: bool  # 容缺受理 may accept the case with this material outstanding
    shared_source: str  # SharedSource value or "": the platform's own data stands for it
    certificate_library: bool  # 电子证照库可调取

    @property
    def obtainable_from_shared_data(self) -> bool:
        """Whether the platform can fetch this material itself instead of asking for it
        (国务院令第716号第七条): a declared shared source or the certificate library."""
        return bool(self.shared_source) or self.certificate_library


@dataclass(frozen=True)
class ApplicationSpec:
    version_id: int
    item_id: int
    name: str
    case_kind: str  # CaseKind: immediate (即办件) or promised (承诺件)
    fields: tuple[FieldSpec, ...]
    materials: tuple[MaterialSpec, ...]
    pre_review_offered: bool
    pre_review_limit: int  # working days
    in_person_required: bool  # 行政许可法第二十九条: no agent or proxy may apply

    @property
    def agent_allowed(self) -> bool:
        return not self.in_person_required


def _material(m) -> MaterialSpec:
    return MaterialSpec(
        material_id=m.pk, position=m.position, name=m.name, required=m.requirement == MaterialRequirement.REQUIRED,
        condition=m.condition, original_count=m.original_count, copy_count=m.copy_count,
        electronic_accepted=m.electronic_accepted, tolerance_allowed=m.tolerance_allowed,
        shared_source=m.shared_source,
        certificate_library=m.certificate_library or m.source in (MaterialSource.CERTIFICATE_LIBRARY,
                                                                  MaterialSource.SHARED_DATA),
    )


def application_spec(version: ItemVersion) -> ApplicationSpec:
    """Everything applying for this version needs, as plain data."""
    materials = sorted(version.materials.all(), key=lambda m: (m.position, m.pk))
    return ApplicationSpec(
        version_id=version.pk, item_id=version.item_id, name=version.name, case_kind=version.case_kind,
        fields=tuple(form_fields_for(version)), materials=tuple(_material(m) for m in materials),
        pre_review_offered=version.pre_review_offered, pre_review_limit=version.pre_review_limit,
        in_person_required=version.in_person_required,
    )


def materials_supplied_by_platform(spec: ApplicationSpec, *, holds: Collection[str]) -> list[MaterialSpec]:
    """The materials the platform supplies itself, given the SharedSource values it holds for
    this applicant (e.g. {"applicant_identity"} for a verified citizen account)."""
    return [m for m in spec.materials if m.shared_source and m.shared_source in holds]
