"""Receipt, acceptance, the one supplement notice, refusal, deemed acceptance and 即办件
(行政许可法第三十二条), through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.cases.models import Case, CaseEvent, CaseStatus, Channel
from zwfw.cases.selectors import acceptance_queue, case_get, case_public_lookup, cases_for
from zwfw.cases.services.acceptance import (
    case_accept,
    case_deem_accept,
    case_reject,
    case_request_supplement,
    case_settle,
    case_supply,
    cases_deem_due,
)
from zwfw.cases.services.drafting import case_draft_create, case_material_file_add, case_submit
from zwfw.core.errors import Conflict, NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.documents.models import OfficialDocument
from zwfw.files.tests import samples
from zwfw.jobs.testing import outbox_drain

from .conftest import FORM, NOW

pytestmark = pytest.mark.django_db


def _pdf(name="申请书.pdf"):
    return SimpleUploadedFile(name, samples.PDF)


def online_case(citizen, item, *, files=True):
    case = case_draft_create(actor=citizen, item=item, channel=Channel.PC, form_data=FORM, now=NOW)
    if files:
        for material in case.materials.all():
            if material.missing:
                case_material_file_add(actor=citizen, material=material, content=_pdf(), name="申请书.pdf", now=NOW)
    return case


def walk_in(clerk, item, citizen):
    return case_draft_create(actor=clerk, item=item, applicant=citizen.applicant, channel=Channel.WINDOW,
                             window=clerk.window, form_data=FORM, now=NOW)


def test_online_submission_is_received_numbered_and_starts_the_deemed_acceptance_clock(citizen, item, clerk):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert case.number.startswith("511602260303") and len(case.number) == 18
    assert len(case.query_code) == 6 and case.query_code.isdigit()
    assert case.received_at == NOW and case.accepted_at is None
    clock = TimeLimitClock.objects.get(owner_type="cases.case", owner_id=str(case.pk), purpose="acceptance")
    # Five working days after Tue 3 March 2026: Tue 10 March.
    assert clock.due_date == dt.date(2026, 3, 10) and clock.status == ClockStatus.RUNNING
    assert AuditEvent.objects.filter(action="cases.case.submit", object_id=str(case.pk)).exists()
    # The clerk at the item region's hall sees it in the acceptance queue, nearest deadline first.
    assert list(acceptance_queue(clerk)) == [case]
    # The shared-data material (营业执照 from the certificate library) was not asked for.
    shared = case.materials.get(name="营业执照")
    assert shared.shared_source and not shared.missing


def test_online_submission_without_a_required_material_changes_nothing(citizen, item):
    case = online_case(citizen, item, files=False)
    with pytest.raises(ValidationFailed) as err:
        case_submit(actor=citizen, case=case, now=NOW)
    assert err.value.code == "materials_missing" and "申请书" in err.value.field_errors["materials"][0]
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT and case.number is None
    assert not TimeLimitClock.objects.filter(owner_id=str(case.pk)).exists()


def test_a_file_that_is_not_what_its_name_says_is_refused(citizen, item):
    case = online_case(citizen, item, files=False)
    material = case.materials.get(name="申请书")
    with pytest.raises(ValidationFailed):
        case_material_file_add(actor=citizen, material=material, content=SimpleUploadedFile("x.pdf", b"<html>"),
                               name="x.pdf", now=NOW)
    assert material.files.count() == 0


def test_walk_in_supplement_once_then_supply_then_accept(citizen, item, clerk, empty_queue):
    case = walk_in(clerk, item, citizen)
    case_submit(actor=clerk, case=case, now=NOW)
    case.refresh_from_db()
    form = case.materials.get(name="申请书")
    supplement = case_request_supplement(actor=clerk, case=case, missing=[{"material": form.pk, "note": "须本人签字"}],
                                         supply_by=dt.date(2026, 3, 20), now=NOW + dt.timedelta(hours=1))
    case.refresh_from_db()
    assert case.status == CaseStatus.SUPPLEMENT and supplement.missing[0]["name"] == "申请书"
    clock = TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="acceptance")
    assert clock.status == ClockStatus.PAUSED
    # Told once: a second supplement notice is refused, even after the applicant supplies.
    with pytest.raises(StateError):
        case_request_supplement(actor=clerk, case=case, missing=[{"name": "其他"}], supply_by=dt.date(2026, 3, 20),
                                now=NOW + dt.timedelta(hours=2))
    # Supplying without the listed material is refused; with it, the case is back for a decision.
    with pytest.raises(ValidationFailed):
        case_supply(actor=citizen, case=case, now=NOW + dt.timedelta(days=1))
    case_material_file_add(actor=citizen, material=form, content=_pdf(), name="申请书.pdf",
                           now=NOW + dt.timedelta(days=1))
    case_supply(actor=citizen, case=case, now=NOW + dt.timedelta(days=1))
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert TimeLimitClock.objects.get(pk=clock.pk).status == ClockStatus.RUNNING
    case_accept(actor=clerk, case=case, now=NOW + dt.timedelta(days=1, hours=1))
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and not case.deemed_accepted
    assert case.promised_by is not None
    purposes = set(TimeLimitClock.objects.filter(owner_id=str(case.pk)).values_list("purpose", "status"))
    assert ("acceptance", ClockStatus.STOPPED) in purposes
    assert {("promised", ClockStatus.RUNNING), ("statutory", ClockStatus.RUNNING)} <= purposes
    # The notices are issued after commit by the outbox: numbered, stored, linked to the case.
    outbox_drain(now=NOW + dt.timedelta(days=2))
    case.refresh_from_db()
    kinds = set(OfficialDocument.objects.filter(owner_type="cases.case", owner_id=str(case.pk))
                .values_list("kind", flat=True))
    assert kinds == {"notice.accept", "notice.supplement"}
    assert case.accept_notice is not None and "受字第" in case.accept_notice.number
    # A redelivery issues nothing twice.
    event = CaseEvent.objects.get(case=case, action="accept")
    from zwfw.cases.services.notices import notice_issue

    notice_issue(payload={"event_id": event.pk})
    assert OfficialDocument.objects.filter(owner_id=str(case.pk), kind="notice.accept").count() == 1


def test_accept_with_a_required_material_missing_is_refused_unless_tolerated(citizen, item, clerk):
    case = walk_in(clerk, item, citizen)
    case_submit(actor=clerk, case=case, now=NOW)
    case.refresh_from_db()
    form = case.materials.get(name="申请书")
    with pytest.raises(ValidationFailed) as err:
        case_accept(actor=clerk, case=case, now=NOW)
    assert err.value.code == "materials_missing"
    with pytest.raises(ValidationFailed) as err:
        case_accept(actor=clerk, case=case, pending={form.pk: dt.date(2026, 3, 10)}, now=NOW)
    assert err.value.code == "tolerance_not_allowed"
    type(form).objects.filter(pk=form.pk).update(tolerance_allowed=True)
    case_accept(actor=clerk, case=case, pending={form.pk: dt.date(2026, 3, 10)}, now=NOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.pending_materials
    assert case.materials.get(pk=form.pk).pending_until == dt.date(2026, 3, 10)


def test_deemed_acceptance_after_five_working_days_dates_back_to_receipt(citizen, item, clerk):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    assert cases_deem_due(now=dt.datetime(2026, 3, 10, 12, 0, tzinfo=NOW.tzinfo)) == 0
    later = dt.datetime(2026, 3, 11, 9, 0, tzinfo=NOW.tzinfo)
    assert cases_deem_due(now=later) == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.deemed_accepted
    assert case.accepted_at == case.received_at == NOW and case.accepted_by is None
    promised = TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="promised")
    assert promised.started_at == NOW
    # Running the job again does nothing more.
    assert cases_deem_due(now=later) == 0
    assert case_deem_accept(case=case, now=later) is None


def test_a_supplement_notice_in_time_prevents_deemed_acceptance(citizen, item, clerk):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    case_request_supplement(actor=clerk, case=case, missing=[{"name": "身份证明复印件"}], supply_by=dt.date(2026, 3, 30),
                            now=NOW + dt.timedelta(days=1))
    assert cases_deem_due(now=dt.datetime(2026, 4, 30, 9, 0, tzinfo=NOW.tzinfo)) == 0
    assert Case.objects.get(pk=case.pk).status == CaseStatus.SUPPLEMENT


def test_refusal_needs_reasons_and_where_to_apply(citizen, item, clerk):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    with pytest.raises(ValidationFailed):
        case_reject(actor=clerk, case=case, reasons=" ", now=NOW)
    with pytest.raises(ValidationFailed) as err:
        case_reject(actor=clerk, case=case, reasons="不属于本机关职权", not_competent=True, now=NOW)
    assert err.value.code == "refer_to_required"
    case_reject(actor=clerk, case=case, reasons="不属于本机关职权", not_competent=True, refer_to="广安市市场监督管理局",
                now=NOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.REJECTED and case.refer_to == "广安市市场监督管理局"
    with pytest.raises(StateError):
        case_accept(actor=clerk, case=case, now=NOW)
    outbox_drain(now=NOW)
    notice = OfficialDocument.objects.get(owner_id=str(case.pk), kind="notice.reject")
    assert "不受字第" in notice.number


def test_a_stale_revision_and_a_clerk_of_another_center_are_refused(citizen, item, clerk, outside_clerk):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    case.refresh_from_db()
    stale = case.revision - 1
    with pytest.raises(Conflict) as err:
        case_accept(actor=clerk, case=case, revision=stale, now=NOW)
    assert err.value.code == "case_stale"
    with pytest.raises(NotFound):
        case_accept(actor=outside_clerk, case=case, now=NOW)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECEIVED


def test_who_sees_a_case(citizen, other_citizen, item, clerk, outside_clerk):
    case = online_case(citizen, item)
    # An unsubmitted online draft is the applicant's alone.
    assert list(cases_for(clerk)) == []
    case_submit(actor=citizen, case=case, now=NOW)
    assert case_get(viewer=citizen, case_id=case.pk) == case
    assert case_get(viewer=clerk, case_id=case.pk) == case
    for stranger in (other_citizen, outside_clerk, None):
        with pytest.raises(NotFound):
            case_get(viewer=stranger, case_id=case.pk)
    case.refresh_from_db()
    assert case_public_lookup(number=case.number, query_code=case.query_code) == case
    with pytest.raises(NotFound):
        case_public_lookup(number=case.number, query_code="000000" if case.query_code != "000000" else "111111")


def test_an_immediate_case_is_settled_on_the_spot_by_the_chief_representative(citizen, immediate_item, clerk,
                                                                             approval_dept, window):
    case = walk_in(clerk, immediate_item, citizen)
    case_submit(actor=clerk, case=case, now=NOW)
    with pytest.raises(StateError):
        case_accept(actor=clerk, case=case, now=NOW)
    with pytest.raises(PermissionDenied):
        case_settle(actor=clerk, case=case, result_note="当场办结", now=NOW)
    window.__class__.objects.filter(pk=window.pk).update(chief_representative=clerk, department=approval_dept)
    case_settle(actor=clerk, case=case, result_note="当场办结，发放证明", now=NOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.CONCLUDED and case.gb_case_kind == "1" and case.gb_channel == "1"
    assert not TimeLimitClock.objects.filter(owner_id=str(case.pk), purpose="promised").exists()


def test_pre_review_returned_then_passed_is_received(citizen, clerk, editor, reviewer, approval_dept, hall):
    from zwfw.cases.services.acceptance import case_pre_review_decide
    from zwfw.cases.services.drafting import case_pre_review_request

    from .conftest import publish_item

    item = publish_item(editor, reviewer, approval_dept, base_code="000104005000", name="食品小经营店备案",
                        pre_review_offered=True, online_depth="3")
    case = online_case(citizen, item)
    case_pre_review_request(actor=citizen, case=case, now=NOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.PRE_REVIEW and case.number is None
    clock = TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="pre_review1")
    assert clock.due_date == dt.date(2026, 3, 4)  # one working day
    with pytest.raises(ValidationFailed):
        case_pre_review_decide(actor=clerk, case=case, passed=False, comment="", now=NOW)
    case_pre_review_decide(actor=clerk, case=case, passed=False, comment="经营场所证明不清晰", now=NOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT and case.pre_review_comment == "经营场所证明不清晰"
    case_pre_review_request(actor=citizen, case=case, now=NOW + dt.timedelta(hours=2))
    case_pre_review_decide(actor=clerk, case=case, passed=True, now=NOW + dt.timedelta(hours=3))
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and case.number
    assert TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="pre_review2").status == ClockStatus.STOPPED


def test_pre_review_is_refused_where_the_item_does_not_offer_it(citizen, item):
    from zwfw.cases.services.drafting import case_pre_review_request

    case = online_case(citizen, item)
    with pytest.raises(StateError) as err:
        case_pre_review_request(actor=citizen, case=case, now=NOW)
    assert err.value.code == "pre_review_not_offered"
