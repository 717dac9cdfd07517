"""Enterprise accounts held by the legal representative, agents authorised per item or for all
items until a date, revocation, and what an agent may see (issue 8 point 2)."""

from __future__ import annotations

import datetime as dt

import pytest

from zwfw.accounts.acting import (
    acting_for,
    agent_authorised,
    applicants_acting_for,
    authorisation_get,
    authorisations_visible_to,
    enterprise_get,
)
from zwfw.accounts.models import AgentAuthorisation, Applicant, EnterpriseAccount
from zwfw.accounts.services import (
    agent_authorisation_revoke,
    agent_authorise,
    citizen_account_create,
    enterprise_account_open,
)
from zwfw.core.errors import Conflict, NotFound, PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.demo.identities import demo_id_number

from .conftest import NOW, VALID_ID, VALID_ID_2

CREDIT_CODE = "91110000600037341L"
THIRD_ID = demo_id_number(region_code="511602", birth="19800101", serial=3)
PASSWORD = "Citizen-Pass-2026"
UNTIL = dt.date(2026, 6, 30)


def valid_credit_code() -> str:
    return CREDIT_CODE


@pytest.fixture
def citizens(db):
    return {
        "rep": citizen_account_create(id_number=VALID_ID, name="王法人", password=PASSWORD, now=NOW),
        "agent": citizen_account_create(id_number=VALID_ID_2, name="李经办", password=PASSWORD, now=NOW),
        "other": citizen_account_create(id_number=THIRD_ID, name="赵其他", password=PASSWORD, now=NOW),
    }


@pytest.fixture
def enterprise(citizens):
    return enterprise_account_open(actor=citizens["rep"], name="广安某某科技有限公司",
                                   credit_code=valid_credit_code(), now=NOW).applicant


def authorise(rep, enterprise, item=None, until=UNTIL, id_number=VALID_ID_2, name="李经办", now=NOW):
    return agent_authorise(actor=rep, enterprise=enterprise, agent_id_number=id_number, agent_name=name,
                           item=item, valid_until=until, now=now)


def test_the_legal_representative_opens_the_enterprise_account(citizens, enterprise):
    assert enterprise.kind == "enterprise" and enterprise.legal_representative == "王法人"
    assert EnterpriseAccount.objects.get(applicant=enterprise).representative == citizens["rep"]
    assert AuditEvent.objects.filter(action="enterprise_account.open", object_id=str(enterprise.pk)).count() == 1
    assert list(applicants_acting_for(citizens["rep"], on=NOW).filter(kind="enterprise")) == [enterprise]
    assert agent_authorised(citizens["rep"], enterprise, None, NOW)


def test_invalid_credit_code_is_refused_and_nothing_is_created(citizens):
    with pytest.raises(ValidationFailed) as exc:
        enterprise_account_open(actor=citizens["rep"], name="某公司", credit_code="91511602MA62A1B2C", now=NOW)
    assert "credit_code" in exc.value.field_errors
    assert not Applicant.objects.filter(kind="enterprise").exists()


def test_an_enterprise_has_one_account(citizens, enterprise):
    with pytest.raises(Conflict) as exc:
        enterprise_account_open(actor=citizens["other"], name="广安某某科技有限公司",
                                credit_code=enterprise.credit_code, now=NOW)
    assert exc.value.code == "enterprise_account_exists"


def test_staff_cannot_open_an_enterprise_account(people):
    with pytest.raises(PermissionDenied):
        enterprise_account_open(actor=people["clerk_a"], name="某公司", credit_code=valid_credit_code(), now=NOW)


def test_an_agent_authorised_for_one_item_acts_for_that_item_until_the_date(citizens, enterprise, published_items):
    item, other_item = published_items
    grant = authorise(citizens["rep"], enterprise, item=item)
    agent = citizens["agent"]
    assert agent_authorised(agent, enterprise, item, NOW)
    assert agent_authorised(agent, enterprise, item, UNTIL)
    assert not agent_authorised(agent, enterprise, item, UNTIL + dt.timedelta(days=1))  # expired
    assert not agent_authorised(agent, enterprise, other_item, NOW)
    assert not agent_authorised(agent, enterprise, None, NOW)  # "all items" was not granted
    assert not agent_authorised(citizens["other"], enterprise, item, NOW)
    acting = acting_for(agent, enterprise, item=item, on=NOW)
    assert acting.audit_context() == {"actor": agent.pk, "applicant": enterprise.pk, "capacity": "agent",
                                      "authorisation": grant.pk}
    with pytest.raises(NotFound):
        acting_for(agent, enterprise, item=other_item, on=NOW)
    with pytest.raises(NotFound):
        acting_for(agent, enterprise, item=item, on=UNTIL + dt.timedelta(days=1))
    event = AuditEvent.objects.get(action="agent.authorise")
    assert VALID_ID_2 not in str(event.changes) and event.changes["item"] == item.pk


def test_an_authorisation_for_all_items_covers_every_item(citizens, enterprise, published_items):
    authorise(citizens["rep"], enterprise)
    for item in published_items:
        assert agent_authorised(citizens["agent"], enterprise, item, NOW)
    assert acting_for(citizens["rep"], enterprise, on=NOW).capacity == "legal_representative"


def test_revoked_authorisation_stops_at_once(citizens, enterprise, published_items):
    grant = authorise(citizens["rep"], enterprise)
    later = NOW + dt.timedelta(hours=2)
    agent_authorisation_revoke(actor=citizens["rep"], authorisation=grant, now=later)
    assert agent_authorised(citizens["agent"], enterprise, published_items[0], NOW + dt.timedelta(hours=1))
    assert not agent_authorised(citizens["agent"], enterprise, published_items[0], later)
    assert not agent_authorised(citizens["agent"], enterprise, published_items[0], later.date())
    with pytest.raises(StateError):
        agent_authorisation_revoke(actor=citizens["rep"], authorisation=grant, now=later)
    assert AuditEvent.objects.filter(action="agent.revoke", object_id=str(grant.pk)).count() == 1


def test_bad_authorisations_are_refused(citizens, enterprise):
    rep = citizens["rep"]
    with pytest.raises(ValidationFailed) as exc:
        authorise(rep, enterprise, until=NOW.date() - dt.timedelta(days=1))
    assert exc.value.field_errors == {"valid_until": ["授权有效期不能早于今天。"]}
    with pytest.raises(ValidationFailed) as exc:
        authorise(rep, enterprise, name="不是他")
    assert exc.value.code == "agent_not_found"
    with pytest.raises(ValidationFailed) as exc:
        authorise(rep, enterprise, id_number=VALID_ID, name="王法人")
    assert exc.value.code == "agent_is_representative"
    authorise(rep, enterprise)
    with pytest.raises(Conflict):
        authorise(rep, enterprise)
    assert AgentAuthorisation.objects.count() == 1


def test_only_the_legal_representative_authorises_or_revokes(citizens, enterprise):
    grant = authorise(citizens["rep"], enterprise)
    with pytest.raises(NotFound):  # an agent cannot pass the authority on
        authorise(citizens["agent"], enterprise, id_number=THIRD_ID, name="赵其他")
    with pytest.raises(NotFound):
        agent_authorisation_revoke(actor=citizens["agent"], authorisation=grant, now=NOW)
    with pytest.raises(NotFound):
        authorisation_get(citizens["agent"], grant.pk)
    assert authorisation_get(citizens["rep"], grant.pk) == grant


def test_an_agent_sees_only_their_own_authorisation(citizens, enterprise, published_items):
    rep, agent, other = citizens["rep"], citizens["agent"], citizens["other"]
    mine = authorise(rep, enterprise, item=published_items[0])
    theirs = authorise(rep, enterprise, id_number=THIRD_ID, name="赵其他")
    assert set(authorisations_visible_to(rep, enterprise)) == {mine, theirs}
    assert list(authorisations_visible_to(agent, enterprise)) == [mine]
    assert enterprise_get(agent, enterprise.pk, on=NOW) == enterprise
    with pytest.raises(NotFound):  # after the date
        enterprise_get(agent, enterprise.pk, on=UNTIL + dt.timedelta(days=1))
    agent_authorisation_revoke(actor=rep, authorisation=theirs, now=NOW + dt.timedelta(minutes=1))
    with pytest.raises(NotFound):
        enterprise_get(other, enterprise.pk, on=NOW + dt.timedelta(minutes=2))
    assert not applicants_acting_for(other).filter(pk=enterprise.pk).exists()
    assert list(applicants_acting_for(agent, on=NOW).order_by("pk")) == [agent.applicant, enterprise]
