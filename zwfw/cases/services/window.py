"""At the window (一窗受理, 无差别全科受理): the clerk ticks each material as it is handed over."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import StateError, ValidationFailed

from ..models import CaseMaterial, CaseStatus
from ._common import locked, require_clerk, require_fresh

CHECKABLE = (CaseStatus.DRAFT, CaseStatus.RECEIVED, CaseStatus.SUPPLEMENT)


def case_material_check(*, actor, material: CaseMaterial, original_seen: bool, copy_kept: bool,
                        shared_source: str = "", note: str = "", revision: int | None = None,
                        now: dt.datetime | None = None) -> CaseMaterial:
    """Record how a material was handed over (original seen, copy kept, obtained from shared
    data) by the clerk of the case's center or department, before the acceptance decision."""
    now = now or clock.now()
    shared_source, note = (shared_source or "").strip(), (note or "").strip()
    if len(shared_source) > 200 or len(note) > 300:
        raise ValidationFailed.on("note", _("说明过长"), code="text_too_long")
    with transaction.atomic():
        case = locked(material.case)
        require_clerk(actor, case)
        require_fresh(case, revision)
        if case.status not in CHECKABLE:
            raise StateError(_("该办件已作出受理决定，材料核验记录不能再修改"), code="case_materials_closed")
        row = CaseMaterial.objects.select_for_update().get(pk=material.pk, case=case)
        before = {"original_seen": row.original_seen, "copy_kept": row.copy_kept, "shared_source": row.shared_source}
        after = {"original_seen": bool(original_seen), "copy_kept": bool(copy_kept), "shared_source": shared_source}
        CaseMaterial.objects.filter(pk=row.pk).update(**after, note=note, checked_by=actor, checked_at=now)
        for key, value in {**after, "note": note, "checked_by": actor, "checked_at": now}.items():
            setattr(row, key, value)
        audit_record(actor=actor, action="cases.material.check", target=case, now=now,
                     changes={"material": row.name, **{k: [before[k], after[k]] for k in after if before[k] != after[k]}})
    return row


def walk_in_applicant(*, actor, kind: str, number: str, name: str = "", phone: str = "",
                      legal_representative: str = "", now: dt.datetime | None = None):
    """The applicant standing at the window: found by the blind index of the ID number or by the
    credit code; registered on the spot when new (name required then)."""
    from zwfw.accounts.models import Applicant, ApplicantKind
    from zwfw.accounts.selectors import applicant_find_by_id_number
    from zwfw.accounts.services.applicants import applicant_register_enterprise, applicant_register_person
    from zwfw.core.identifiers import credit_code_validate

    number = (number or "").strip().upper()
    if kind == ApplicantKind.PERSON:
        found = applicant_find_by_id_number(viewer=actor, id_number=number)
        if found is not None:
            return found
        return applicant_register_person(actor=actor, name=name, id_number=number, phone=phone, now=now)
    if kind == ApplicantKind.ENTERPRISE:
        code = credit_code_validate(number, field="number")
        found = Applicant.objects.filter(credit_code=code).first()
        if found is not None:
            return found
        return applicant_register_enterprise(actor=actor, name=name, credit_code=code, phone=phone,
                                             legal_representative=legal_representative, now=now)
    raise ValidationFailed.on("kind", _("请选择申请人类型"), code="applicant_kind_invalid")
