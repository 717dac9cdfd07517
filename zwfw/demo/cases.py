"""Demo cases, so that a first visit finds work in the window's queue and in a citizen's space:
an online application waiting for acceptance, a walk-in told once what is missing, and an
accepted case. Made through the same services as real ones (numbers, clocks, notices, audit).
Idempotent: nothing is added once the demo citizen has cases."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zwfw.accounts.models import Applicant, User
from zwfw.cases.models import Case, Channel
from zwfw.cases.services.acceptance import case_accept, case_request_supplement
from zwfw.cases.services.drafting import case_draft_create, case_material_file_add, case_submit
from zwfw.cases.services.online import online_application_refusal
from zwfw.catalog.forms_spec import form_fields_for, form_validate
from zwfw.catalog.models import FormFieldKind as K
from zwfw.catalog.models import ItemStatus, ServiceItem
from zwfw.core import clock
from zwfw.core.errors import ValidationFailed

# A one-page PDF standing for a scanned material.
DEMO_SCAN = (b"%PDF-1.4\n1 0 obj<< /Type /Catalog /Pages 2 0 R >>endobj\n2 0 obj<< /Type /Pages /Kids [] /Count 0 >>"
             b"endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n")
ITEMS = ("临时救助", "重度残疾人护理补贴", "最低生活保障", "特困人员救助供养", "残疾人证新办", "居住证办理")


def demo_form_answers(version, applicant: Applicant, *, today: dt.date) -> dict:
    """Plausible answers to an item's one-table form: the applicant's own facts where the field
    takes them, the first option of a choice, a small number, today for a date."""
    fields = form_fields_for(version)
    answers: dict = {}
    for f in fields:
        if f.profile_default:
            continue  # filled from the applicant's record by the engine
        if f.kind in (K.CHOICE,):
            answers[f.key] = f.choices[0] if f.choices else ""
        elif f.kind == K.MULTI_CHOICE:
            answers[f.key] = list(f.choices[:1])
        elif f.kind == K.NUMBER:
            answers[f.key] = str(max(f.min_value or 0, 1))
        elif f.kind == K.DATE:
            answers[f.key] = today.isoformat()
        elif f.kind == K.REGION:
            answers[f.key] = applicant.region_id or "511602000000"
        elif f.kind == K.PHONE:
            answers[f.key] = "13800000000"
        elif f.kind == K.EMAIL:
            answers[f.key] = "demo@example.cn"
        elif f.kind in (K.ID_NUMBER, K.CREDIT_CODE):
            continue
        else:
            answers[f.key] = "演示申请内容"
    profile = {"name": applicant.name, "id_number": applicant.id_number.reveal() if applicant.id_number else "",
               "phone": applicant.phone.reveal() if applicant.phone else "", "address": applicant.address}
    return form_validate(fields, answers, profile=profile, today=today)


def _items(applicant: Applicant, today: dt.date, *, wanted: int = 3) -> list[tuple[ServiceItem, dict]]:
    """Demo items a person can apply for online, each with answers its form accepts: the named
    ones first, then any other item of the county (the demo's online depths vary)."""
    county = (ServiceItem.objects.filter(status=ItemStatus.ACTIVE, region_id="511602000000", department__isnull=False,
                                         current_version__isnull=False)
              .select_related("current_version"))
    named = [i for name in ITEMS for i in county.filter(current_version__name__contains=name)[:1]]
    found: list[tuple[ServiceItem, dict]] = []
    for item in [*named, *county.order_by("id")[:300]]:
        if len(found) == wanted:
            break
        if any(item.pk == f.pk for f, _answers in found):
            continue
        if online_application_refusal(item.current_version) is not None:
            continue  # the demo applies online, so only items open to online application
        try:
            found.append((item, demo_form_answers(item.current_version, applicant, today=today)))
        except ValidationFailed:
            continue  # a form this demo person cannot fill (e.g. an enterprise's)
    return found


def _scans(actor, case: Case, now) -> None:
    for material in case.materials.all():
        if material.missing:
            case_material_file_add(actor=actor, material=material, content=DEMO_SCAN, name=f"{material.name}.pdf",
                                   now=now)


def demo_cases_load(*, citizen: User, clerk: User, now: dt.datetime | None = None) -> int:
    """Three demo cases for `citizen`, handled by `clerk` at the comprehensive window."""
    now = now or clock.now()
    today = clock.today(now)
    applicant = Applicant.objects.filter(user=citizen).first()
    if applicant is None or Case.objects.filter(applicant=applicant).exists():
        return 0
    items = _items(applicant, today)
    if len(items) < 3:
        return 0
    (waiting, waiting_form), (told, told_form), (accepted, accepted_form) = items[:3]
    with transaction.atomic():
        online = case_draft_create(actor=citizen, item=waiting, channel=Channel.PC, now=now,
                                   form_data=waiting_form)
        _scans(citizen, online, now)
        case_submit(actor=citizen, case=online, now=now)

        walk_in = case_draft_create(actor=clerk, item=told, applicant=applicant, channel=Channel.WINDOW,
                                    window=clerk.window, now=now,
                                    form_data=told_form)
        walk_in = case_submit(actor=clerk, case=walk_in, now=now)
        missing = [{"material": m.pk, "note": "请提供原件"} for m in walk_in.materials.all() if m.missing]
        case_request_supplement(actor=clerk, case=walk_in, missing=missing or [{"name": "申请人签字确认的申请表"}],
                                supply_by=today + dt.timedelta(days=14), now=now)

        done = case_draft_create(actor=citizen, item=accepted, channel=Channel.PC, now=now,
                                 form_data=accepted_form)
        _scans(citizen, done, now)
        done = case_submit(actor=citizen, case=done, now=now)
        case_accept(actor=clerk, case=done, now=now)
    return 3
