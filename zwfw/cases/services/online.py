"""Applying online (网上申请) from the portal: which items offer it, finishing a draft (save and
submit, or save and ask for pre-review, in one transaction) and discarding a draft.

An item may be applied for online when it is applied for at all (依申请, not 依职权) and its
guide states an online depth of Ⅲ (网上预审、受理) or Ⅳ (全程网办): the lower depths only
inform (Ⅰ) or let the applicant book and download forms (Ⅱ).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.catalog.models import InitiatedBy, OnlineDepth
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import StateError, ValidationFailed

from ..models import Case, CaseStatus
from ._common import locked, require_applicant_side, require_fresh
from .drafting import case_draft_save, case_pre_review_request, case_submit

ONLINE_DEPTHS = frozenset({OnlineDepth.LEVEL_3, OnlineDepth.LEVEL_4})


def online_application_refusal(version) -> tuple[str, str] | None:
    """(code, Chinese message) when `version` offers no online application, else None."""
    if version.initiated_by != InitiatedBy.APPLICATION:
        return "item_not_on_application", _("该事项由行政机关依职权办理，不接受申请")
    if version.online_depth not in ONLINE_DEPTHS:
        return "item_not_online", _("该事项暂不支持网上申请，请按办事指南到窗口办理")
    return None


def online_application_check(version) -> None:
    refusal = online_application_refusal(version)
    if refusal is not None:
        code, message = refusal
        raise ValidationFailed.on("item", message, code=code)


def case_draft_finish(*, actor, case: Case, form_data: dict, contact_name: str | None = None,
                      contact_phone: str | None = None, pre_review: bool = False, revision: int | None = None,
                      now: dt.datetime | None = None) -> Case:
    """Save the form of a draft and submit it (or ask for pre-review) as one act: a refusal (a
    required material or answer missing, the guide changed) leaves the draft as it was."""
    now = now or clock.now()
    with transaction.atomic():
        saved = case_draft_save(actor=actor, case=case, form_data=form_data, contact_name=contact_name,
                                contact_phone=contact_phone, revision=revision, now=now)
        finish = case_pre_review_request if pre_review else case_submit
        return finish(actor=actor, case=saved, revision=saved.revision, now=now)


def case_draft_delete(*, actor, case: Case, revision: int | None = None, now: dt.datetime | None = None) -> None:
    """The applicant discards an online draft they no longer want (never a submitted case: that
    is withdrawn, and stays on record)."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        require_applicant_side(actor, case)
        require_fresh(case, revision)
        if case.status != CaseStatus.DRAFT or case.number:
            raise StateError(_("只有未提交的草稿可以删除"), code="case_not_draft")
        audit_record(actor=actor, action="cases.case.draft_delete", target=case, now=now,
                     changes={"item": case.item_id, "item_name": case.item_name})
        case.delete()
