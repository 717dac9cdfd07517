"""Fixtures for the supervision tests: the case tests' county, hall, clerk and item, a case
accepted on Tuesday 3 March 2026 (promised limit 5 working days, statutory 20), and supervisors
of the county and of a neighbouring county."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zwfw.accounts.models import Role
from zwfw.cases.models import Channel
from zwfw.cases.services.acceptance import case_accept
from zwfw.cases.services.drafting import case_draft_create, case_material_file_add, case_submit
from zwfw.cases.tests.conftest import (  # noqa: F401 — fixtures shared with the case tests
    FORM,
    NOW,
    approval_dept,
    calendar,
    catalog_flushable,
    citizen,
    clerk,
    county,
    editor,
    hall,
    immediate_item,
    item,
    make_user,
    now,
    other_dept,
    published,
    reviewer,
    window,
)
from zwfw.core.clock import SHANGHAI
from zwfw.files.tests import samples
from zwfw.organizations.models import Region, RegionLevel


@pytest.fixture
def draft(editor, approval_dept, now):
    """The case tests' item, its steps without a share of the limit: a case then runs only its
    promised and statutory clocks, which these tests watch (step clocks: test_step_cards.py)."""
    from zwfw.catalog.services import item_draft_create
    from zwfw.catalog.tests.conftest import GUIDE, MATERIALS, STEPS

    return item_draft_create(actor=editor, department=approval_dept, base_code="000104002000",
                             name="固定资产投资项目节能审查", item_type="01", fields=dict(GUIDE),
                             materials=[dict(m) for m in MATERIALS],
                             steps=[{**s, "working_days": 0} for s in STEPS], now=now)


def at(day: int, hour: int = 10, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=SHANGHAI)


def received_case(citizen, item, now=NOW):
    case = case_draft_create(actor=citizen, item=item, channel=Channel.PC, now=now, form_data=FORM)
    for material in case.materials.all():
        if material.missing:
            case_material_file_add(actor=citizen, material=material, content=SimpleUploadedFile("a.pdf", samples.PDF),
                                   name="a.pdf", now=now)
    return case_submit(actor=citizen, case=case, now=now)


def accepted_case(citizen, item, clerk, now=NOW):
    return case_accept(actor=clerk, case=received_case(citizen, item, now), now=now)


@pytest.fixture
def case(citizen, item, clerk, hall):
    return accepted_case(citizen, item, clerk)


@pytest.fixture
def supervisor(county):
    return make_user("supervisor", Role.SUPERVISOR, region=county)


@pytest.fixture
def neighbour_supervisor(county):
    other = Region.objects.create(code="511621000000", name="岳池县", level=RegionLevel.COUNTY, parent=county.parent)
    return make_user("supervisor_yc", Role.SUPERVISOR, region=other)


@pytest.fixture
def head(approval_dept):
    return make_user("head_xzsp", Role.DEPARTMENT_HEAD, department=approval_dept)
