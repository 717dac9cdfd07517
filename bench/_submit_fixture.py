"""Prepare a fresh database for `zwfw bench submit`: migrate, then one county with a hall, a
published item with one required material, a citizen account and its API token.

Run in a child process with DATABASE_URL set (`python -m bench._submit_fixture`); prints JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os


def prepare() -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from zwfw.accounts.models import Role, RoleGrant, User
    from zwfw.accounts.services.applicants import citizen_account_create
    from zwfw.accounts.tokens import api_token_issue
    from zwfw.calendar.services import calendar_seed_from_package
    from zwfw.catalog.services import (
        item_draft_create,
        item_publish,
        item_review_approve,
        item_submit_for_review,
    )
    from zwfw.core import clock
    from zwfw.organizations.models import CenterKind, Department, Region, RegionLevel, ServiceCenter

    now = clock.now()
    calendar_seed_from_package(now=now)
    province = Region.objects.create(code="510000000000", name="四川省", level=RegionLevel.PROVINCE)
    city = Region.objects.create(code="511600000000", name="广安市", level=RegionLevel.CITY, parent=province)
    county = Region.objects.create(code="511602000000", name="广安区", level=RegionLevel.COUNTY, parent=city)
    dept = Department.objects.create(region=county, code="scjg", name="广安区市场监督管理局",
                                     credit_code="115113016823646795")
    ServiceCenter.objects.create(kind=CenterKind.HALL, region=county, name="广安区政务服务中心", address="金安大道")
    editor = User.objects.create_user(username="bench_editor", password="x" * 16, department=dept)
    reviewer = User.objects.create_user(username="bench_reviewer", password="x" * 16, region=county)
    RoleGrant.objects.create(user=editor, role=Role.CATALOG_EDITOR, granted_at=now)
    RoleGrant.objects.create(user=reviewer, role=Role.CATALOG_REVIEWER, granted_at=now)
    version = item_draft_create(
        actor=editor, department=dept, base_code="000120001000", name="个体工商户设立登记", item_type="01",
        fields={"legal_basis": "《促进个体工商户发展条例》", "statutory_limit": 15, "promised_limit": 3,
                "conditions": "有经营能力的公民", "max_visits": 0, "online_depth": "4", "audience": ["1"]},
        materials=[{"name": "个体工商户登记申请书", "original_count": 1, "source": "applicant",
                    "electronic_accepted": True},
                   {"name": "经营者身份证件", "copy_count": 1, "source": "applicant"}],
        steps=[{"name": "受理", "role": "窗口人员", "working_days": 1},
               {"name": "审查", "role": "审批人员", "working_days": 2}], now=now)
    item_submit_for_review(actor=editor, version=version, now=now)
    item_review_approve(actor=reviewer, version=version, now=now)
    item_publish(actor=reviewer, version=version, now=now)
    # One citizen (and API token) per client thread: applications come from many people, and one
    # account submitting 200 cases a second would meet its own per-recipient SMS rate limit and
    # queue on its own account row (the limit's lock) — a load no real applicant produces.
    from stdnum.cn import ric

    tokens = []
    for n in range(int(os.environ.get("ZWFW_BENCH_CITIZENS", "1"))):
        body = f"110105{dt.date(1950, 1, 1) + dt.timedelta(days=n):%Y%m%d}{n % 1000:03d}"
        citizen = citizen_account_create(id_number=body + ric.calc_check_digit(body + "0"), name="张三",
                                         password="Bench-2026-submit!", phone=f"138{n:08d}", now=now)
        tokens.append(api_token_issue(user=citizen, name="bench submit")[1])
    return {"item": version.item_id, "token": tokens[0], "tokens": tokens}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    print(json.dumps(prepare()))
