"""Proxy mandates (帮办代办, issue 8 point 6): who, for whom, which item, until when, with the
signed mandate as a private file; and who may read that file."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.accounts.acting import acting_for, mandate_get, mandates_visible_to, proxy_mandate_valid
from zwfw.accounts.models import ProxyMandate, Role
from zwfw.accounts.services import applicant_register_person, proxy_mandate_create, proxy_mandate_revoke
from zwfw.core.errors import NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.files.models import StoredFile
from zwfw.files.purposes import purpose_get
from zwfw.files.tests import samples

from .conftest import NOW, VALID_ID, make_user

UNTIL = dt.date(2026, 4, 30)


@pytest.fixture
def resident(people, regions):
    return applicant_register_person(actor=people["agent_a"], name="周村民", id_number=VALID_ID,
                                     region=regions["town_a"], now=NOW)


def mandate(agent, resident, item=None, until=UNTIL, material=samples.PDF, now=NOW):
    return proxy_mandate_create(actor=agent, applicant=resident, item=item, valid_until=until, material=material,
                                material_name="委托书.pdf", now=now)


def test_a_proxy_agent_records_a_mandate_with_its_signed_material(people, resident, published_items, point_a):
    item, other_item = published_items
    agent = people["agent_a"]
    m = mandate(agent, resident, item=item)
    assert m.service_point == point_a and m.material.purpose == "applicant.mandate"
    stored = StoredFile.objects.get(pk=m.material_id)
    assert (stored.owner_type, stored.owner_id) == ("accounts.proxymandate", str(m.pk))
    assert proxy_mandate_valid(agent, resident, item, NOW)
    assert proxy_mandate_valid(agent, resident, item, UNTIL)
    assert not proxy_mandate_valid(agent, resident, item, UNTIL + dt.timedelta(days=1))
    assert not proxy_mandate_valid(agent, resident, other_item, NOW)
    assert acting_for(agent, resident, item=item, on=NOW).audit_context() == {
        "actor": agent.pk, "applicant": resident.pk, "capacity": "proxy", "mandate": m.pk}
    event = AuditEvent.objects.get(action="proxy_mandate.create")
    assert event.changes["sha256"] == m.material.sha256 and VALID_ID not in str(event.changes)


def test_another_agent_has_no_mandate(people, resident, point_a):
    mandate(people["agent_a"], resident)
    colleague = make_user("agent_a2", Role.PROXY_AGENT, service_point=point_a)
    assert not proxy_mandate_valid(colleague, resident, None, NOW)
    with pytest.raises(NotFound):
        acting_for(colleague, resident, on=NOW)


def test_only_a_proxy_agent_with_a_point_records_mandates(people, resident):
    for who in ("clerk_a", "supervisor_a", "sysadmin"):
        with pytest.raises(PermissionDenied):
            mandate(people[who], resident)
    assert not ProxyMandate.objects.exists()


def test_bad_mandates_are_refused_and_nothing_is_stored(people, resident):
    agent = people["agent_a"]
    with pytest.raises(ValidationFailed) as exc:
        mandate(agent, resident, until=NOW.date() - dt.timedelta(days=1), material=None)
    assert set(exc.value.field_errors) == {"valid_until", "material"}
    with pytest.raises(ValidationFailed) as exc:
        mandate(agent, resident, material=b"MZ\x90\x00 not a pdf")
    assert "file" in exc.value.field_errors
    assert not ProxyMandate.objects.exists() and not StoredFile.objects.exists()


def test_revoked_mandate_stops(people, resident):
    agent = people["agent_a"]
    m = mandate(agent, resident)
    later = NOW + dt.timedelta(hours=1)
    proxy_mandate_revoke(actor=agent, mandate=m, now=later)
    assert proxy_mandate_valid(agent, resident, None, NOW)
    assert not proxy_mandate_valid(agent, resident, None, later)
    with pytest.raises(StateError):
        proxy_mandate_revoke(actor=agent, mandate=m, now=later)


def test_who_sees_a_mandate_and_reads_its_material(people, resident, point_a):
    m = mandate(people["agent_a"], resident)
    colleague = make_user("agent_a2", Role.PROXY_AGENT, service_point=point_a)
    reader = purpose_get("applicant.mandate").reader
    assert mandate_get(people["agent_a"], m.pk) == m
    assert reader(people["agent_a"], m.material)
    for who in ("clerk_b", "sysadmin", "auditor"):
        assert not mandates_visible_to(people[who]).exists()
        assert not reader(people[who], m.material)
    with pytest.raises(NotFound):
        mandate_get(people["clerk_b"], m.pk)
    # A colleague at the same point serves the same region, so sees the applicant's mandates.
    assert mandates_visible_to(colleague).filter(pk=m.pk).exists()


def test_workbench_page_records_lists_and_revokes_mandates(client, people, resident, published_items):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(people["agent_a"])
    until = "2099-12-31"
    bad = client.post("/workbench/mandates/", {"applicant_id_number": VALID_ID, "valid_until": until,
                                                "material": SimpleUploadedFile("a.pdf", b"not a pdf at all")})
    assert bad.status_code == 200 and not ProxyMandate.objects.exists()
    done = client.post("/workbench/mandates/", {
        "applicant_id_number": VALID_ID, "valid_until": until, "item_code": published_items[0].implementation_code,
        "material": SimpleUploadedFile("委托书.pdf", samples.PDF)})
    assert done.status_code == 302
    m = ProxyMandate.objects.get()
    assert m.item == published_items[0]
    page = client.get("/workbench/mandates/").content.decode()
    assert "周村民" in page and VALID_ID not in page
    client.force_login(people["clerk_a"])
    assert client.get("/workbench/mandates/").status_code == 403
    assert client.post(f"/workbench/mandates/{m.pk}/revoke").status_code in (403, 404)
    client.force_login(people["agent_a"])
    assert client.post(f"/workbench/mandates/{m.pk}/revoke").status_code == 302
    m.refresh_from_db()
    assert m.revoked_at is not None
