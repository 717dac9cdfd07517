"""Reads behind the applicant's pages (applying online, 个人空间 cases, the receipt, the public
tracking page), each through the cases context's scoped selectors: a case another account may
not see is "not found" (zwfw.cases.selectors.case_get)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from zwfw.accounts.models import AccountKind
from zwfw.calendar.models import ClockStatus
from zwfw.cases.models import Case, CaseEvent, CaseMaterial, CaseMaterialFile, CaseStatus
from zwfw.cases.selectors import case_clocks, case_get, cases_for, deemed_acceptance_due
from zwfw.cases.services._common import applicant_capacity
from zwfw.cases.services.drafting import ACCEPTANCE_CLOCK, PRE_REVIEW_CLOCK, WALK_IN, item_for_application
from zwfw.cases.services.online import online_application_refusal
from zwfw.catalog.models import ItemStatus, ItemVersion, ServiceItem
from zwfw.core.errors import NotFound, ValidationFailed
from zwfw.documents.models import OfficialDocument
from zwfw.documents.rendering import absolute_url

from .guide_selectors import Guide

# Until the decision (issue 9 point 6): an accepted case may still be withdrawn.
WITHDRAWABLE = (CaseStatus.PRE_REVIEW, CaseStatus.RECEIVED, CaseStatus.SUPPLEMENT, CaseStatus.ACCEPTED)
RECENT_CASES = 5


@dataclass(frozen=True)
class ApplyOffer:
    offered: bool
    reason: str = ""


def apply_offer(guide: Guide) -> ApplyOffer:
    """Whether the guide page offers 在线申请: the version in force of an active item that may be
    applied for online (zwfw.cases.services.online)."""
    if not guide.is_current or guide.item.status != ItemStatus.ACTIVE or guide.item.department_id is None:
        return ApplyOffer(False)
    refusal = online_application_refusal(guide.version)
    return ApplyOffer(refusal is None, refusal[1] if refusal else "")


def _materials() -> Prefetch:
    files = CaseMaterialFile.objects.select_related("stored_file").order_by("added_at", "id")
    return Prefetch("materials", queryset=CaseMaterial.objects.prefetch_related(Prefetch("files", queryset=files)))


def _own(viewer) -> QuerySet[Case]:
    """The viewer's cases as the applicant's side (a clerk's view of a case is the workbench)."""
    # cases_for already gives an applicant account exactly its side's cases (its own, its
    # enterprises' as legal representative, those an authorisation in force covers as agent).
    if getattr(viewer, "kind", None) not in (AccountKind.CITIZEN, AccountKind.ENTERPRISE):
        return Case.objects.none()
    return cases_for(viewer)


@dataclass
class MyCases:
    drafts: list[Case] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def my_cases(*, viewer, limit: int | None = None) -> MyCases:
    """The viewer's online drafts and their submitted cases, newest first."""
    if not getattr(viewer, "is_authenticated", False):
        return MyCases()
    rows = _own(viewer).order_by("-updated_at", "-id")
    drafts = rows.filter(status=CaseStatus.DRAFT).exclude(channel__in=WALK_IN)
    cases = rows.exclude(status=CaseStatus.DRAFT)
    if limit:
        drafts, cases = drafts[:limit], cases[:limit]
    return MyCases(drafts=list(drafts), cases=list(cases))


def application_get(*, viewer, case_id) -> Case:
    """An online draft the viewer is filling in, with its materials and files."""
    case = case_get(viewer=viewer, case_id=case_id)
    if applicant_capacity(viewer, case) is None:
        raise NotFound(_("未找到该办件"), code="case_not_found")
    return Case.objects.prefetch_related(_materials()).select_related("version", "item", "applicant").get(pk=case.pk)


def material_get(*, viewer, case_id, material_id) -> CaseMaterial:
    case = application_get(viewer=viewer, case_id=case_id)
    try:
        return case.materials.select_related("case").get(pk=int(material_id))
    except (CaseMaterial.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("未找到该材料"), code="material_not_found") from None


def attachment_get(*, viewer, case_id, file_id) -> CaseMaterialFile:
    case = application_get(viewer=viewer, case_id=case_id)
    try:
        return CaseMaterialFile.objects.select_related("material__case").get(material__case=case, pk=int(file_id))
    except (CaseMaterialFile.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("未找到该文件"), code="file_not_found") from None


def tracking_url(case: Case) -> str:
    return absolute_url(reverse("portal:track_case", args=[case.number]) + f"?code={case.query_code}")


@dataclass
class CasePage:
    case: Case
    events: list[CaseEvent]
    notices: list[OfficialDocument]
    materials: list[CaseMaterial]
    missing: list[dict]
    supply_materials: list[CaseMaterial]
    deemed_due: dt.datetime | None
    pre_review_due: dt.datetime | None
    may_withdraw: bool
    may_supply: bool


def case_page(*, viewer, case_id) -> CasePage:
    """One case in the applicant's space: timeline, notices, what is still missing."""
    case = application_get(viewer=viewer, case_id=case_id)
    materials = list(case.materials.all())
    missing, supply_materials = [], []
    if case.status == CaseStatus.SUPPLEMENT:
        supplement = case.supplement
        missing = list(supplement.missing)
        listed = {m.get("material") for m in missing if m.get("material")}
        supply_materials = [m for m in materials if m.pk in listed]
    return CasePage(
        case=case,
        events=list(case.events.filter(public=True).select_related("document").order_by("at", "id")),
        notices=list(OfficialDocument.objects.filter(owner_type="cases.case", owner_id=str(case.pk))
                     .order_by("issued_on", "id")),
        materials=materials, missing=missing, supply_materials=supply_materials,
        deemed_due=deemed_acceptance_due(case) if case.status == CaseStatus.RECEIVED else None,
        pre_review_due=_pre_review_due(case) if case.status == CaseStatus.PRE_REVIEW else None,
        may_withdraw=case.status in WITHDRAWABLE, may_supply=case.status == CaseStatus.SUPPLEMENT,
    )


def _pre_review_due(case: Case) -> dt.datetime | None:
    """When staff must answer the running pre-review (网上预审, one clock per request)."""
    running = [c for purpose, c in case_clocks(case).items()
               if purpose.startswith(PRE_REVIEW_CLOCK) and c.status == ClockStatus.RUNNING]
    return max((c.due_at for c in running if c.due_at), default=None)


@dataclass(frozen=True)
class Receipt:
    case: Case
    materials: list[CaseMaterial]
    deemed_due: dt.datetime | None
    tracking_url: str


def receipt_get(*, viewer, case_id) -> Receipt:
    """收件回执 of a submitted case (the receipt of a draft does not exist)."""
    case = application_get(viewer=viewer, case_id=case_id)
    if not case.number or case.received_at is None:
        raise NotFound(_("该申请尚未提交，没有收件回执"), code="receipt_not_found")
    return Receipt(case=case, materials=list(case.materials.all()), deemed_due=_deemed_due_at_receipt(case),
                   tracking_url=tracking_url(case))


def _deemed_due_at_receipt(case: Case) -> dt.datetime | None:
    """The deemed-acceptance deadline as printed on the receipt: the clock's, while it runs."""
    clock = case_clocks(case).get(ACCEPTANCE_CLOCK)
    return clock.due_at if clock is not None else None


@dataclass(frozen=True)
class PublicStatus:
    """What anyone with the number and query code sees: status and dates, nothing personal."""

    number: str
    item_name: str
    department_name: str
    status_label: str
    received_at: dt.datetime | None
    accepted_at: dt.datetime | None
    deemed_due: dt.datetime | None
    promised_by: dt.date | None
    closed_at: dt.datetime | None
    steps: list[tuple[dt.datetime, str]]


def public_status(case: Case) -> PublicStatus:
    return PublicStatus(
        number=case.number, item_name=case.item_name, department_name=case.department.name,
        status_label=str(case.get_status_display()), received_at=case.received_at, accepted_at=case.accepted_at,
        deemed_due=deemed_acceptance_due(case) if case.status == CaseStatus.RECEIVED else None,
        promised_by=case.promised_by,
        closed_at=case.concluded_at or case.rejected_at or case.withdrawn_at,
        steps=[(e.at, e.label) for e in case.events.filter(public=True).order_by("at", "id")],
    )


@dataclass
class ApplyStart:
    """The start of an online application for one item: whether one may apply, and the viewer's
    unfinished drafts of it (to resume instead of starting again)."""

    item: ServiceItem
    version: ItemVersion | None
    refusal: str
    drafts: list[Case]


def apply_start_get(*, viewer, item_id, on: dt.date) -> ApplyStart:
    try:
        item = ServiceItem.objects.select_related("department").get(pk=int(item_id))
    except (ServiceItem.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("办事指南不存在"), code="item_not_found") from None
    try:
        version = item_for_application(item, on=on)
    except ValidationFailed as refused:
        return ApplyStart(item=item, version=None, refusal=refused.message, drafts=[])
    refusal = online_application_refusal(version)
    drafts = [c for c in my_cases(viewer=viewer).drafts if c.item_id == item.pk]
    return ApplyStart(item=item, version=version, refusal=refusal[1] if refusal else "", drafts=drafts)
