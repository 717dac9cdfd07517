"""The decision (行政许可法第三十八条、第四十二条、第四十四条) through the services: approve and deny,
the documents with their remedies read from the real PDF, the certificate, and bad input that
changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.cases.models import CaseEvent, CaseStatus, ResultCertificate
from zwfw.cases.services.decision import case_certificate_record, case_decide
from zwfw.core.errors import Conflict, NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.documents.testing import pdf_text
from zwfw.files.services import file_read
from zwfw.jobs.testing import outbox_drain
from zwfw.notifications.models import Notification

from .conftest import NOW

pytestmark = pytest.mark.django_db

LATER = NOW + dt.timedelta(days=2)  # Thursday 5 March 2026
CERT = {"name": "固定资产投资项目节能审查意见", "number": "广安节审〔2026〕18号", "valid_from": dt.date(2026, 3, 5),
        "valid_until": dt.date(2028, 3, 4), "issuing_body": "广安市广安区行政审批局"}


def clocks(case) -> dict[str, TimeLimitClock]:
    return {c.purpose: c for c in TimeLimitClock.objects.filter(owner_type="cases.case", owner_id=str(case.pk))}


def _text(document, tmp_path) -> str:
    return pdf_text(file_read(document.stored_file), tmp_path).replace("\n", "")


def test_an_approval_stops_the_decision_limits_starts_delivery_and_issues_the_licence_decision(
        accepted, head, citizen, tmp_path):
    assert {p: c.status for p, c in clocks(accepted).items()} == {
        "acceptance": ClockStatus.STOPPED, "statutory": ClockStatus.RUNNING, "promised": ClockStatus.RUNNING}
    case_decide(actor=head, case=accepted, outcome="approve", reasons="申请材料齐全，节能措施符合国家标准。",
                revision=accepted.revision, certificate=CERT, now=LATER)
    accepted.refresh_from_db()
    assert (accepted.status, accepted.decision, accepted.decided_by, accepted.decided_at) == (
        CaseStatus.DECIDED, "approve", head, LATER)
    running = clocks(accepted)
    # 第四十二条: the limits are for the decision; 第四十四条: ten working days to deliver.
    assert running["statutory"].status == running["promised"].status == ClockStatus.STOPPED
    assert running["statutory"].stopped_at == LATER
    delivery = running["delivery"]
    assert (delivery.status, delivery.limit, delivery.unit) == (ClockStatus.RUNNING, 10, "working_days")
    assert delivery.due_date == dt.date(2026, 3, 19)  # Thu 5 March + 10 working days
    cert = ResultCertificate.objects.get(case=accepted)
    assert (cert.name, cert.number, cert.valid_until, cert.issuing_body, cert.recorded_by) == (
        CERT["name"], CERT["number"], dt.date(2028, 3, 4), CERT["issuing_body"], head)
    event = CaseEvent.objects.get(case=accepted, action="decide")
    assert (event.acting_as, event.actor) == ("department_head", head)
    assert AuditEvent.objects.filter(action="cases.case.decide", object_id=str(accepted.pk)).count() == 1
    assert AuditEvent.objects.filter(action="cases.certificate.record").count() == 1
    assert Notification.objects.filter(recipient=citizen, template="case.decided").count() == 1

    # The document is issued after commit by the outbox, numbered, and linked to the case.
    assert accepted.decision_document is None
    outbox_drain(now=LATER)
    accepted.refresh_from_db()
    document = accepted.decision_document
    assert (document.kind, document.title) == ("decision.approve", "准予行政许可决定书")
    assert "准许字第000001号" in document.number
    text = _text(document, tmp_path)
    for expected in ("准予行政许可决定书", document.number, "张三", "决定准予行政许可", "节能措施符合国家标准",
                     CERT["name"], CERT["number"], "2028年3月4日", "2026年3月19日前", "行政许可法》第三十八条第一款",
                     f"/verify/{document.verify_token}/"):
        assert expected in text, expected
    assert "行政复议" not in text


def test_a_denial_states_reasons_and_remedies_with_bodies_and_limits(accepted, approver, tmp_path):
    case_decide(actor=approver, case=accepted, outcome="deny", reasons="项目年综合能源消费量超出本区审查权限。",
                revision=accepted.revision, now=LATER)
    outbox_drain(now=LATER)
    accepted.refresh_from_db()
    assert (accepted.status, accepted.decision, accepted.decided_by) == (CaseStatus.DECIDED, "deny", approver)
    assert not ResultCertificate.objects.filter(case=accepted).exists()
    document = accepted.decision_document
    assert (document.kind, document.title) == ("decision.deny", "不予行政许可决定书")
    assert "不许字第" in document.number
    text = _text(document, tmp_path)
    # 行政许可法第三十八条第二款; 行政复议法（2023年修订）第二十条 60 日; 行政诉讼法第四十六条 6 个月.
    for expected in ("不予行政许可决定书", "决定不予行政许可", "超出本区审查权限", "60日内向广安区人民政府申请行政复议",
                     "6个月内依法向广安区人民法院提起行政诉讼", "行政复议法》（2023年修订）第二十条",
                     "行政诉讼法》第四十六条"):
        assert expected in text, expected
    assert CaseEvent.objects.get(case=accepted, action="decide").acting_as == "approver"


def test_a_certificate_may_be_recorded_after_the_approval(accepted, approver):
    case_decide(actor=approver, case=accepted, outcome="approve", reasons="符合条件", now=LATER)
    cert = case_certificate_record(actor=approver, case=accepted, certificate={**CERT, "valid_until": None},
                                   now=LATER)
    assert cert.valid_until is None and cert.valid_from == dt.date(2026, 3, 5)
    with pytest.raises(StateError) as err:
        case_certificate_record(actor=approver, case=accepted, certificate=CERT, now=LATER)
    assert err.value.code == "certificate_exists"


def _unchanged(case, revision):
    case.refresh_from_db()
    assert (case.status, case.revision, case.decision, case.decided_at) == (CaseStatus.ACCEPTED, revision, "", None)
    assert "delivery" not in clocks(case)
    assert clocks(case)["statutory"].status == ClockStatus.RUNNING
    assert not CaseEvent.objects.filter(case=case, action="decide").exists()
    assert not ResultCertificate.objects.filter(case=case).exists()


@pytest.mark.parametrize(("reasons", "certificate", "outcome", "code"), [
    ("", None, "approve", "reasons_required"),
    ("   ", None, "deny", "reasons_required"),
    ("符合条件", None, "maybe", "decision_outcome_invalid"),
    ("不符合条件", CERT, "deny", "certificate_on_denial"),
    ("符合条件", {**CERT, "number": ""}, "approve", "certificate_incomplete"),
    ("符合条件", {**CERT, "valid_until": dt.date(2026, 1, 1)}, "approve", "certificate_validity_invalid"),
])
def test_bad_decisions_are_refused_in_chinese_and_change_nothing(accepted, head, reasons, certificate, outcome, code):
    revision = accepted.revision
    with pytest.raises(ValidationFailed) as err:
        case_decide(actor=head, case=accepted, outcome=outcome, reasons=reasons, certificate=certificate,
                    revision=revision, now=LATER)
    assert err.value.code == code and any("\u4e00" <= ch <= "\u9fff" for ch in err.value.message)
    _unchanged(accepted, revision)


def test_only_the_departments_head_or_approver_decides(accepted, clerk, editor, other_approver):
    revision = accepted.revision
    # The window clerk sees the case (their hall) but may not decide it.
    with pytest.raises(PermissionDenied) as err:
        case_decide(actor=clerk, case=accepted, outcome="approve", reasons="符合条件", now=LATER)
    assert err.value.code == "decision_not_allowed" and "负责人或审批人员" in err.value.message
    # Staff who cannot see the case are told nothing about it.
    for outsider in (editor, other_approver):
        with pytest.raises(NotFound):
            case_decide(actor=outsider, case=accepted, outcome="approve", reasons="符合条件", now=LATER)
    _unchanged(accepted, revision)


def test_a_stale_page_and_a_second_decision_are_refused(accepted, head, approver):
    stale = accepted.revision - 1
    with pytest.raises(Conflict) as err:
        case_decide(actor=head, case=accepted, outcome="approve", reasons="符合条件", revision=stale, now=LATER)
    assert err.value.code == "case_stale"
    _unchanged(accepted, accepted.revision)
    case_decide(actor=head, case=accepted, outcome="approve", reasons="符合条件", revision=accepted.revision, now=LATER)
    with pytest.raises(StateError) as err:
        case_decide(actor=approver, case=accepted, outcome="deny", reasons="不符合", now=LATER)
    assert err.value.code == "case_not_accepted"
    accepted.refresh_from_db()
    assert accepted.decision == "approve" and CaseEvent.objects.filter(case=accepted, action="decide").count() == 1


def test_a_case_not_yet_accepted_cannot_be_decided(citizen, item, head):
    from .test_acceptance import online_case

    case = online_case(citizen, item)
    with pytest.raises(StateError) as err:
        case_decide(actor=head, case=case, outcome="approve", reasons="符合条件", now=LATER)
    assert err.value.code == "case_not_accepted"


def test_items_other_than_licences_get_a_plain_decision_with_the_same_remedies(accepted, head, tmp_path):
    from zwfw.cases.services.decision import decision_context, decision_document_kind
    from zwfw.catalog.models import ItemVersion
    from zwfw.documents.services import document_issue

    case_decide(actor=head, case=accepted, outcome="deny", reasons="不符合给付条件", now=LATER)
    accepted.refresh_from_db()
    # A 行政给付 item (05): the version row is frozen once published, so the type is set on the
    # instance the document is built from.
    accepted.version = ItemVersion.objects.get(pk=accepted.version_id)
    accepted.version.item_type = "05"
    assert decision_document_kind(accepted) == "decision.other"
    context = {"applicant_name": "张三", "item_name": accepted.item_name, "case_number": accepted.number,
               "received_on": dt.date(2026, 3, 3), "contact": "区行政审批局", **decision_context(accepted)}
    document = document_issue(actor=head, kind="decision.other", region_code=accepted.region_id,
                              issuer_name="区行政审批局", issuer_short_name="区审批", context=context, now=LATER)
    text = _text(document, tmp_path)
    assert document.title == "决定书" and "决字第000001号" in document.number
    for expected in ("决定不予办理", "不符合给付条件", "60日内向广安区人民政府申请行政复议", "6个月内依法向广安区人民法院"):
        assert expected in text, expected
