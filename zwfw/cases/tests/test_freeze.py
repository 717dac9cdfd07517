"""The archive freeze (ADR 0033): a final case is sealed once nothing is owed to it, and from then
on the database refuses every change to the case and its rows, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from zwfw.cases.freeze import CASE_TABLE, FROZEN_CHILDREN
from zwfw.cases.models import Case, CaseEvent, CaseMaterial, CaseMaterialFile, CaseStatus, CaseSupplement
from zwfw.cases.services.acceptance import case_reject, case_settle, case_withdraw
from zwfw.cases.services.archive import cases_seal_due
from zwfw.cases.services.drafting import case_material_file_add, case_submit
from zwfw.cases.services.window import case_material_check
from zwfw.core.errors import StateError, db_refusals_mapped
from zwfw.core.models import AuditEvent
from zwfw.documents.models import OfficialDocument
from zwfw.jobs.testing import outbox_drain

from .conftest import NOW
from .test_acceptance import _pdf, online_case, walk_in

pytestmark = pytest.mark.django_db


def _refused(write) -> StateError:
    """Run `write` in a savepoint; the trigger must refuse it, and the refusal maps to case_frozen."""
    with pytest.raises(StateError) as err, db_refusals_mapped(), transaction.atomic():
        write()
    assert err.value.code == "case_frozen" and "归档" in err.value.message
    assert isinstance(err.value.__cause__, DatabaseError)
    return err.value


@pytest.fixture
def settled(citizen, immediate_item, clerk, approval_dept, window):
    """An immediate case settled on the spot, with a file handed in for a material."""
    case = walk_in(clerk, immediate_item, citizen)
    material = case.materials.order_by("position", "pk").first()
    case_material_file_add(actor=clerk, material=material, content=_pdf(), name="申请书.pdf", now=NOW)
    case_submit(actor=clerk, case=case, now=NOW)
    window.__class__.objects.filter(pk=window.pk).update(chief_representative=clerk, department=approval_dept)
    case_settle(actor=clerk, case=case, result_note="当场办结，发放证明", now=NOW + dt.timedelta(minutes=5))
    return Case.objects.get(pk=case.pk)


def test_a_settled_case_is_sealed_at_once_and_every_write_is_refused(settled, clerk):
    case = settled
    assert case.status == CaseStatus.CONCLUDED and case.archived_at == NOW + dt.timedelta(minutes=5)
    assert AuditEvent.objects.filter(action="cases.case.archive", object_id=str(case.pk)).count() == 1
    before = (Case.objects.filter(pk=case.pk).values().get(), list(CaseEvent.objects.filter(case=case).values()),
              list(CaseMaterial.objects.filter(case=case).values()),
              list(CaseMaterialFile.objects.filter(material__case=case).values()))
    attachment = CaseMaterialFile.objects.get(material__case=case)
    material = attachment.material
    event = case.events.first()
    _refused(lambda: Case.objects.filter(pk=case.pk).update(result_note="改写"))
    _refused(lambda: Case.objects.filter(pk=case.pk).update(archived_at=None))
    _refused(lambda: Case.objects.filter(pk=case.pk).delete())
    _refused(lambda: CaseEvent.objects.filter(pk=event.pk).update(note="改写"))
    _refused(lambda: CaseEvent.objects.filter(pk=event.pk).delete())
    _refused(lambda: CaseEvent.objects.create(case=case, at=NOW, action="note", label="补记"))
    _refused(lambda: CaseMaterial.objects.filter(pk=material.pk).update(copy_kept=True))
    _refused(lambda: CaseMaterial.objects.create(case=case, name="后补材料"))
    _refused(lambda: CaseMaterialFile.objects.filter(pk=attachment.pk).delete())
    _refused(lambda: CaseMaterialFile.objects.filter(pk=attachment.pk).update(added_at=NOW))
    _refused(lambda: CaseMaterialFile.objects.create(material=material, stored_file=attachment.stored_file,
                                                     added_at=NOW))
    _refused(lambda: CaseSupplement.objects.create(case=case, requested_at=NOW, requested_by=clerk))
    # A service says so before the database has to: the same code and message.
    with pytest.raises(StateError) as err:
        case_material_check(actor=clerk, material=material, original_seen=True, copy_kept=True, now=NOW)
    assert err.value.code == "case_frozen"
    after = (Case.objects.filter(pk=case.pk).values().get(), list(CaseEvent.objects.filter(case=case).values()),
             list(CaseMaterial.objects.filter(case=case).values()),
             list(CaseMaterialFile.objects.filter(material__case=case).values()))
    assert after == before


def test_a_rejected_case_gets_its_notice_after_commit_then_is_sealed(citizen, item, clerk, empty_queue):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    case_reject(actor=clerk, case=case, reasons="不属于本机关职权", not_competent=True, refer_to="广安市市场监督管理局",
                now=NOW + dt.timedelta(hours=1))
    case.refresh_from_db()
    # Final, but its written notice is still owed: not sealed, and the sweep leaves it alone.
    assert case.status == CaseStatus.REJECTED and case.archived_at is None
    assert cases_seal_due(now=NOW + dt.timedelta(hours=1)) == 0
    outbox_drain(now=NOW + dt.timedelta(hours=2))
    case.refresh_from_db()
    event = case.events.get(action="reject")
    notice = OfficialDocument.objects.get(owner_id=str(case.pk), kind="notice.reject")
    assert event.document_id == notice.pk
    assert case.archived_at == NOW + dt.timedelta(hours=2) and case.updated_at == NOW + dt.timedelta(hours=2)
    _refused(lambda: CaseEvent.objects.filter(pk=event.pk).update(document=None))
    # A redelivery of the notice issues nothing and writes nothing.
    from zwfw.cases.services.notices import notice_issue

    notice_issue(payload={"event_id": event.pk})
    assert OfficialDocument.objects.filter(owner_id=str(case.pk), kind="notice.reject").count() == 1


def test_the_sweep_seals_a_final_case_whose_notice_came_without_the_seal(citizen, item, clerk, empty_queue,
                                                                         monkeypatch):
    from zwfw.cases.services import archive

    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    case_reject(actor=clerk, case=case, reasons="材料不符合法定形式", now=NOW)
    with monkeypatch.context() as patched:
        patched.setattr(archive, "case_seal", lambda **kwargs: False)
        outbox_drain(now=NOW)
    assert Case.objects.get(pk=case.pk).archived_at is None
    assert cases_seal_due(now=NOW + dt.timedelta(minutes=15)) == 1
    assert Case.objects.get(pk=case.pk).archived_at == NOW + dt.timedelta(minutes=15)
    assert cases_seal_due(now=NOW + dt.timedelta(minutes=30)) == 0


def test_a_withdrawn_case_is_sealed_in_the_same_transaction(citizen, item):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    case_withdraw(actor=citizen, case=case, reason="不再需要", now=NOW + dt.timedelta(hours=3))
    case = Case.objects.get(pk=case.pk)
    assert case.status == CaseStatus.WITHDRAWN and case.archived_at == NOW + dt.timedelta(hours=3)
    with pytest.raises(StateError) as err:
        case_withdraw(actor=citizen, case=case, now=NOW + dt.timedelta(hours=4))
    assert err.value.code == "case_frozen"


def test_an_open_case_is_not_frozen(citizen, item):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    CaseEvent.objects.filter(case=case).update(note="说明")
    assert CaseEvent.objects.filter(case=case, note="说明").exists()


def test_the_api_and_the_pages_map_the_refusal(settled):
    from zwfw.api.errors import exception_handler

    with pytest.raises(DatabaseError) as raw, transaction.atomic():
        Case.objects.filter(pk=settled.pk).update(result_note="改写")
    response = exception_handler(raw.value, {})
    assert response.status_code == 409 and response.data["code"] == "case_frozen"


def _triggers() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                           "WHERE NOT t.tgisinternal")
        return set(cursor.fetchall())


def test_every_frozen_table_has_its_triggers():
    """A table rebuilt by SQLite to add a column loses its triggers, and a new child table needs its
    own: every table the code lists as frozen must be guarded in the migrated database."""
    found = _triggers()
    if connection.vendor == "sqlite":
        expected = {(CASE_TABLE, f"{CASE_TABLE}_frozen_{op}") for op in ("update", "delete")}
        expected |= {(t, f"{t}_frozen_{op}") for t, _c, _v in FROZEN_CHILDREN for op in ("insert", "update", "delete")}
    else:
        expected = {(CASE_TABLE, f"{CASE_TABLE}_frozen")} | {(t, f"{t}_frozen") for t, _c, _v in FROZEN_CHILDREN}
    assert expected <= found, sorted(expected - found)


def test_the_triggers_reinstall_idempotently_and_still_refuse(settled):
    """After every migrate they are installed again (post_migrate): twice changes nothing."""
    from zwfw.cases.freeze_triggers import freeze_install

    before = _triggers()
    assert freeze_install(connection) > 0
    freeze_install(connection)
    assert _triggers() == before
    _refused(lambda: Case.objects.filter(pk=settled.pk).update(result_note="改写"))
