"""Who acts for whom on a case: an enterprise's legal representative and its authorised agent
(every act records both), a proxy agent under a recorded mandate (行政许可法第二十九条)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.accounts.models import Role
from zwfw.accounts.services.enterprises import (
    agent_authorisation_revoke,
    agent_authorise,
    enterprise_account_open,
)
from zwfw.accounts.services.mandates import proxy_mandate_create
from zwfw.cases.models import CaseEvent, Channel
from zwfw.cases.selectors import case_get, cases_for
from zwfw.cases.services.drafting import case_draft_create, case_material_file_add, case_submit
from zwfw.core.errors import NotFound, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.files.tests import samples
from zwfw.organizations.models import ServicePoint

from .conftest import FORM, NOW, make_user

pytestmark = pytest.mark.django_db

CREDIT_CODE = "91110000600037341L"


@pytest.fixture
def enterprise(citizen):
    return enterprise_account_open(actor=citizen, name="广安某某商贸有限公司", credit_code=CREDIT_CODE, now=NOW).applicant


def _files(actor, case):
    for material in case.materials.all():
        if material.missing:
            case_material_file_add(actor=actor, material=material, content=SimpleUploadedFile("a.pdf", samples.PDF),
                                   name="a.pdf", now=NOW)


def test_an_authorised_agent_applies_for_the_enterprise_and_both_are_recorded(citizen, other_citizen, enterprise,
                                                                             item, hall):
    with pytest.raises(NotFound):
        case_draft_create(actor=other_citizen, item=item, applicant=enterprise, channel=Channel.PC, now=NOW)
    grant = agent_authorise(actor=citizen, enterprise=enterprise, agent_id_number="110105194912310046",
                            agent_name="李四", valid_until=dt.date(2026, 12, 31), item=item, now=NOW)
    case = case_draft_create(actor=other_citizen, item=item, applicant=enterprise, channel=Channel.PC, now=NOW,
                             form_data={**FORM, "applicant_type": "单位", "org_phone": "13800001234",
                                        "legal_representative": "张三"})
    assert case.applicant == enterprise and case.agent == other_citizen
    _files(other_citizen, case)
    case_submit(actor=other_citizen, case=case, now=NOW)
    event = CaseEvent.objects.get(case=case, action="submit")
    assert (event.actor, event.acting_as) == (other_citizen, "agent")
    audit = AuditEvent.objects.get(action="cases.case.submit", object_id=str(case.pk))
    assert audit.actor_id == other_citizen.pk and audit.changes["capacity"] == "agent"
    # The legal representative sees the enterprise's case; the agent sees it while authorised.
    assert case_get(viewer=citizen, case_id=case.pk) == case
    assert list(cases_for(other_citizen)) == [case]
    agent_authorisation_revoke(actor=citizen, authorisation=grant, now=NOW)
    assert list(cases_for(other_citizen)) == []


def test_a_proxy_agent_needs_a_mandate(citizen, item, hall, county):
    point = ServicePoint.objects.create(region=county, name="某村代办点", address="某村", center=hall)
    proxy = make_user("proxy_1", Role.PROXY_AGENT, region=county)
    proxy.service_point = point
    proxy.save(update_fields=["service_point"])
    with pytest.raises(ValidationFailed) as err:
        case_draft_create(actor=proxy, item=item, applicant=citizen.applicant, channel=Channel.PROXY_POINT,
                          service_point=point, now=NOW)
    assert err.value.code == "proxy_mandate_missing"
    proxy_mandate_create(actor=proxy, applicant=citizen.applicant, valid_until=dt.date(2026, 6, 30),
                         material=samples.PDF, material_name="委托书.pdf", item=item, now=NOW)
    case = case_draft_create(actor=proxy, item=item, applicant=citizen.applicant, channel=Channel.PROXY_POINT,
                             service_point=point, now=NOW, form_data=FORM)
    _files(proxy, case)
    case_submit(actor=proxy, case=case, now=NOW)
    case.refresh_from_db()
    assert case.proxy == proxy and case.gb_channel == "9"
    assert CaseEvent.objects.get(case=case, action="submit").acting_as == "proxy"
    # The resident sees the case in their own space too.
    assert case_get(viewer=citizen, case_id=case.pk) == case
