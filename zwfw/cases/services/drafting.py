"""Applying: a draft (online by the applicant or their agent, or at a window by a clerk), its form
and files, and submission — the moment of receipt (收件, 行政许可法第三十二条)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.accounts.acting import acting_for, proxy_mandate_valid
from zwfw.accounts.models import AccountKind, Applicant
from zwfw.calendar.services.clock import clock_start
from zwfw.catalog.in_force import version_in_force
from zwfw.catalog.lint.rules import names_applicants_identity
from zwfw.catalog.models import ItemStatus, MaterialRequirement, MaterialSource, ServiceItem, SharedSource
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import NotFound, StateError, ValidationFailed
from zwfw.core.transactions import atomic
from zwfw.files.purposes import APPLICANT_MATERIAL
from zwfw.files.services import file_store, stored_file_set_owner
from zwfw.numbering.services import number_next
from zwfw.organizations.models import CenterKind, ServiceCenter

from .. import law
from ..models import Case, CaseMaterial, CaseMaterialFile, CaseStatus, Channel
from ._common import (
    APPLICANT,
    CLERK,
    PROXY,
    _transaction_token,
    applicant_capacity,
    locked,
    mark_locked,
    move,
    require_applicant_side,
    require_clerk,
    require_fresh,
)
from .notices import notify_applicant
from .state import CASE_STATES

OWNER_TYPE = "cases.case"
ACCEPTANCE_CLOCK = "acceptance"
PRE_REVIEW_CLOCK = "pre_review"
# An application form is a few dozen short answers; anything larger is not a form.
FORM_MAX_FIELDS = 200
FORM_MAX_CHARS = 20_000
WALK_IN = frozenset({Channel.WINDOW, Channel.KIOSK, Channel.POST})


def item_for_application(item: ServiceItem, *, on: dt.date):
    """The version of `item` one may apply for on `on`, or a Chinese refusal."""
    if item.status != ItemStatus.ACTIVE or item.department_id is None:
        raise ValidationFailed.on("item", _("该事项已取消或不可申请"), code="item_not_applicable")
    version = version_in_force(item, on=on)
    if version is None:
        raise ValidationFailed.on("item", _("该事项尚未发布或尚未施行，暂不能申请"), code="item_not_in_force")
    return version


def _hall_for(item: ServiceItem) -> ServiceCenter | None:
    """Online applications join the acceptance queue of the item's region's hall (一窗受理)."""
    return (ServiceCenter.objects.filter(region=item.region, kind=CenterKind.HALL, is_active=True)
            .order_by("id").first())


def _shared_source(material, applicant: Applicant) -> str:
    """国务院令第716号第七条: what the platform already holds is not asked for again — the
    applicant's verified identity, an enterprise's registration, the certificate library."""
    source = material.shared_source
    if source == SharedSource.APPLICANT_IDENTITY and applicant.kind == "person" and applicant.id_number_digest:
        return str(SharedSource(source).label)
    if source == SharedSource.ENTERPRISE_REGISTRATION and applicant.kind == "enterprise" and applicant.credit_code:
        return str(SharedSource(source).label)
    if material.certificate_library or material.source in (MaterialSource.SHARED_DATA,
                                                           MaterialSource.CERTIFICATE_LIBRARY):
        return str(MaterialSource(material.source).label) if material.source != MaterialSource.APPLICANT else _(
            "电子证照库")
    if not source and applicant.kind == "person" and applicant.id_number_digest and names_applicants_identity(material.name):
        return str(SharedSource.APPLICANT_IDENTITY.label)
    return ""


def _snapshot_materials(case: Case, version, applicant: Applicant) -> None:
    rows = []
    for position, material in enumerate(version.materials.order_by("position", "id"), start=1):
        rows.append(CaseMaterial(
            case=case, material=material, position=position, name=material.name,
            required=material.requirement == MaterialRequirement.REQUIRED, condition=material.condition,
            tolerance_allowed=material.tolerance_allowed, electronic_accepted=material.electronic_accepted,
            shared_source=_shared_source(material, applicant),
        ))
    CaseMaterial.objects.bulk_create(rows)
    if all(row.pk for row in rows):
        # The rows just written are the case's materials: let `case.materials.all()` in this
        # request (the API attaches the uploaded files by position) use them instead of reading
        # them back. bulk_create sets their keys where the database returns them (PostgreSQL,
        # SQLite ≥ 3.35); otherwise the manager simply reads them.
        materials = case.materials.all()
        materials._result_cache, materials._prefetch_done = rows, True
        case._prefetched_objects_cache = {"materials": materials}


def form_clean(data) -> dict:
    """The form's answers as a flat JSON object of short values (the item's field definitions
    validate the content; this refuses what is not a form at all)."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValidationFailed.on("form_data", _("申请表格式不正确"), code="form_invalid")
    if len(data) > FORM_MAX_FIELDS or sum(len(str(v)) for v in data.values()) > FORM_MAX_CHARS:
        raise ValidationFailed.on("form_data", _("申请表内容过长"), code="form_too_large")
    clean = {}
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, (str, int, float, bool, list, type(None))):
            raise ValidationFailed.on("form_data", _("申请表格式不正确"), code="form_invalid")
        clean[key] = value.strip() if isinstance(value, str) else value
    return clean


def case_draft_create(*, actor, item: ServiceItem, applicant: Applicant | None = None, channel: str = Channel.PC,
                      form_data: dict | None = None, window=None, service_point=None,
                      now: dt.datetime | None = None) -> Case:
    """Open a draft for `item`: online by the applicant's own account, at a window by a clerk
    (`window`), or at a proxy point by a proxy agent (`service_point`)."""
    now = now or clock.now()
    version = item_for_application(item, on=clock.today(now))
    if channel not in Channel.values:
        raise ValidationFailed.on("channel", _("未知的办理渠道"), code="channel_unknown")
    data = form_clean(form_data)
    proxy = agent = None
    if channel in (Channel.PC, Channel.MOBILE, Channel.KIOSK) and actor.kind != AccountKind.STAFF:
        # Online (or at a self-service kiosk): the applicant's own account, an enterprise's legal
        # representative, or an agent the enterprise authorised for this item (accounts.acting).
        if channel in (Channel.PC, Channel.MOBILE):
            from .online import online_application_check

            online_application_check(version)
        if applicant is None:
            applicant = Applicant.objects.filter(user=actor).first()
            if applicant is None:
                raise ValidationFailed.on("applicant", _("请先完成实名信息登记"), code="applicant_missing")
            applicant.user = actor  # the same row: spares notify_applicant reading it again
        try:
            acting = acting_for(actor, applicant, item=item, on=now)
        except NotFound:
            raise NotFound(_("未找到该申请人，或您未获授权代其办理该事项"), code="applicant_not_found") from None
        if acting.capacity == "proxy":
            raise NotFound(_("未找到该申请人，或您未获授权代其办理该事项"), code="applicant_not_found")
        agent = actor if acting.capacity == "agent" else None
        center = _hall_for(item)
    elif channel in (Channel.PC, Channel.MOBILE, Channel.KIOSK):
        raise ValidationFailed.on("channel", _("网上申请须使用申请人账号"), code="channel_mismatch")
    elif channel == Channel.PROXY_POINT:
        if applicant is None:
            raise ValidationFailed.on("applicant", _("请先确认申请人身份"), code="applicant_missing")
        if service_point is None or actor.service_point_id != service_point.pk:
            raise NotFound(_("未找到该代办点"), code="service_point_not_found")
        # 行政许可法第二十九条: an agent may apply unless the applicant must appear in person.
        if version.in_person_required:
            raise StateError(_("该事项须申请人本人到场办理，不能代办"), code="in_person_required")
        if not proxy_mandate_valid(actor, applicant, item, now):
            raise ValidationFailed.on("applicant", _("请先登记申请人对该事项的代办委托（含签字的委托书）"),
                                      code="proxy_mandate_missing")
        proxy, center = actor, service_point.center or _hall_for(item)
    else:
        if applicant is None:
            raise ValidationFailed.on("applicant", _("请先确认申请人身份"), code="applicant_missing")
        center = window.center if window is not None else (actor.service_center or _hall_for(item))
    with atomic():
        case = Case.objects.create(
            item=item, version=version, item_name=version.name, implementation_code=item.implementation_code or "",
            case_kind=version.case_kind, applicant=applicant, submitted_by=None, proxy=proxy, agent=agent,
            contact_name=applicant.name, contact_phone=applicant.phone, form_data=data, channel=channel,
            region=item.region, department=item.department, service_center=center, window=window,
            service_point=service_point, created_at=now, updated_at=now,
        )
        _snapshot_materials(case, version, applicant)
        audit_record(actor=actor, action="cases.case.draft_create", target=case, now=now,
                     changes={"item": item.pk, "version": version.pk, "channel": channel})
        mark_locked(case)
        case._in_force = (_transaction_token(), clock.today(now), version)
    return case


def _may_edit(actor, case: Case, now: dt.datetime) -> str:
    """The applicant's side edits its online or proxy application and hands in a supplement by
    any channel; a clerk edits what was handed in at the window (never an online draft)."""
    capacity = applicant_capacity(actor, case, on=now)
    if capacity and (case.channel not in WALK_IN or case.status == CaseStatus.SUPPLEMENT):
        return capacity
    if case.channel not in WALK_IN and case.status == CaseStatus.DRAFT:
        raise NotFound(_("未找到该办件"), code="case_not_found")
    require_clerk(actor, case)
    return CLERK


def case_draft_save(*, actor, case: Case, form_data: dict, contact_name: str | None = None,
                    contact_phone: str | None = None, revision: int | None = None,
                    now: dt.datetime | None = None) -> Case:
    """Save the form of a draft (resumable later)."""
    now = now or clock.now()
    data = form_clean(form_data)
    with transaction.atomic():
        case = locked(case)
        _may_edit(actor, case, now)
        require_fresh(case, revision)
        if case.status != CaseStatus.DRAFT:
            raise StateError(_("只有草稿可以修改"), code="case_not_draft")
        fields = {"form_data": data, "revision": case.revision + 1, "updated_at": now}
        if contact_name is not None:
            fields["contact_name"] = contact_name.strip()[:60]
        if contact_phone is not None:
            fields["contact_phone"] = contact_phone.strip()
        Case.objects.filter(pk=case.pk).update(**fields)
        for key, value in fields.items():
            setattr(case, key, value)
        audit_record(actor=actor, action="cases.case.draft_save", target=case, now=now,
                     changes={"fields": sorted(data)})
    return case


def case_material_file_add(*, actor, material: CaseMaterial, content, name: str,
                           now: dt.datetime | None = None) -> CaseMaterialFile:
    """Hand in a file for one material of a draft or a case awaiting supplement. The type is
    decided by the content (the file store refuses a file that is not what its name says)."""
    now = now or clock.now()
    with atomic():
        case = locked(material.case)
        capacity = _may_edit(actor, case, now)
        if case.status not in (CaseStatus.DRAFT, CaseStatus.SUPPLEMENT, CaseStatus.RECEIVED) or (
                case.status == CaseStatus.RECEIVED and capacity != CLERK):
            raise StateError(_("该办件当前不能上传材料"), code="case_materials_closed")
        stored = file_store(content=content, purpose=APPLICANT_MATERIAL, name=name, actor=actor, now=now)
        # file_store always writes a new stored file, so the pair cannot exist yet.
        row = CaseMaterialFile.objects.create(material=material, stored_file=stored, added_by=actor, added_at=now)
        stored_file_set_owner(stored, case)
        audit_record(actor=actor, action="cases.material.file_add", target=case, now=now,
                     changes={"material": material.name, "file": stored.pk, "sha256": stored.sha256})
    return row


def case_material_file_remove(*, actor, attachment: CaseMaterialFile, now: dt.datetime | None = None) -> None:
    now = now or clock.now()
    with transaction.atomic():
        case = locked(attachment.material.case)
        _may_edit(actor, case, now)
        if case.status not in (CaseStatus.DRAFT, CaseStatus.SUPPLEMENT):
            raise StateError(_("该办件当前不能删除材料"), code="case_materials_closed")
        audit_record(actor=actor, action="cases.material.file_remove", target=case, now=now,
                     changes={"material": attachment.material.name, "file": attachment.stored_file_id})
        attachment.delete()


def _number(case: Case, now: dt.datetime) -> tuple[str, str]:
    number = number_next(kind="case", scope=case.region_id, on=clock.today(now))
    return number.text, f"{secrets.randbelow(10**6):06d}"


def _receive(case: Case, *, actor, capacity: str, action: str, now: dt.datetime) -> Case:
    """收件: number the case, start the 5-working-day clock of deemed acceptance."""
    # The clock first, the number last: the number's sequence row stays locked from number_next
    # to the commit, and every submission of the region waits for it (gapless numbering, ADR
    # 0018). The clock needs no number, so its reads and writes happen before the lock is taken;
    # what follows it (the move, its timeline entry, the notification naming the number) must
    # carry the number and stays inside.
    clock_start(actor=actor, owner_type=OWNER_TYPE, owner_id=str(case.pk), purpose=ACCEPTANCE_CLOCK,
                limit=law.DEEMED_ACCEPTANCE.limit, unit=law.DEEMED_ACCEPTANCE.unit, extension_max=0,
                region=case.region, service_center=case.service_center, department=case.department, now=now)
    number, query_code = case.number, case.query_code
    if not number:
        number, query_code = _number(case, now)
    move(case, action=action, to=CaseStatus.RECEIVED, actor=actor, capacity=capacity, now=now,
         number=number, query_code=query_code, received_at=now, received_by=actor if actor else None,
         submitted_by=case.submitted_by or actor, changes={"number": number})
    notify_applicant(case, "case.received", now=now)
    return case


def _check_required_form(case: Case) -> None:
    """The one-table form is answered online (PC, mobile, kiosk, proxy point). At the window or by
    post the signed paper application is one of the materials the clerk checks."""
    if case.channel in WALK_IN:
        return
    from .forms import form_check

    form_check(case)


def _in_force_for(case: Case, *, on: dt.date):
    """The version one may apply for, as `item_for_application` answers — without asking the
    database again when this very transaction created the draft on the same day (the one-request
    application with submit=true): the answer read a moment earlier in the same transaction
    stands, as if the submission had come that moment earlier."""
    memo = getattr(case, "_in_force", None)
    if memo is not None and memo[0] is not None and memo[0] is _transaction_token() and memo[1] == on:
        return memo[2]
    return item_for_application(case.item, on=on)


def case_submit(*, actor, case: Case, revision: int | None = None, now: dt.datetime | None = None) -> Case:
    """Submit a draft: it is received now, numbered, with a query code for the receipt. Online
    applications must carry every required material (or have it from shared data); at a window
    the clerk receives what is there and decides next (accept, 一次性告知, refuse)."""
    now = now or clock.now()
    with atomic():
        case = locked(case)
        capacity = _may_edit(actor, case, now)
        require_fresh(case, revision)
        CASE_STATES.check(case, action="submit")
        in_force = _in_force_for(case, on=clock.today(now))
        _check_required_form(case)
        if capacity in (APPLICANT, PROXY) or case.is_online:
            missing = [m.name for m in case.materials.prefetch_related("files") if m.missing]
            if missing:
                raise ValidationFailed.on("materials", _("请上传以下必要材料：%(names)s") % {"names": "、".join(missing)},
                                          code="materials_missing")
        if case.version_id != in_force.pk:
            raise StateError(_("办事指南已更新，请重新打开该事项的申请页面核对后提交"), code="case_version_changed")
        return _receive(case, actor=actor, capacity=capacity, action="submit", now=now)


def case_pre_review_request(*, actor, case: Case, revision: int | None = None,
                            now: dt.datetime | None = None) -> Case:
    """Ask staff to check the materials online before the visit (网上预审)."""
    now = now or clock.now()
    with transaction.atomic():
        case = locked(case)
        capacity = require_applicant_side(actor, case, now)
        require_fresh(case, revision)
        if not case.version.pre_review_offered:
            raise StateError(_("该事项不提供网上预审"), code="pre_review_not_offered")
        _check_required_form(case)
        move(case, action="request_pre_review", to=CaseStatus.PRE_REVIEW, actor=actor, capacity=capacity, now=now,
             pre_review_requested_at=now, submitted_by=actor)
        # One clock per request: a draft returned by pre-review may ask again.
        purpose = f"{PRE_REVIEW_CLOCK}{case.events.filter(action='request_pre_review').count()}"
        clock_start(actor=actor, owner_type=OWNER_TYPE, owner_id=str(case.pk), purpose=purpose,
                    limit=case.version.pre_review_limit, unit=law.PRE_REVIEW.unit, extension_max=0, region=case.region,
                    service_center=case.service_center, department=case.department, now=now)
    return case
