"""The demo county: 广安市广安区 with its real towns, departments and catalog.

`demo_load` goes through the same services as the pages and the API (so every object is
validated and audited) and looks every object up by its natural key first, so running it twice
changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.db import transaction

from zwfw.accounts.models import Applicant, Role, User
from zwfw.accounts.services._common import id_number_digest
from zwfw.accounts.services.applicants import (
    applicant_register_enterprise,
    applicant_register_person,
    citizen_account_create,
)
from zwfw.accounts.services.staff import staff_bootstrap, staff_create
from zwfw.calendar.services.calendar import calendar_seed_from_package
from zwfw.catalog.demo.form_fields import demo_form_fields_attach
from zwfw.catalog.demo.forms import demo_forms_attach
from zwfw.catalog.demo.guangan import catalog_load_guangan, guangan_departments
from zwfw.catalog.demo.lingshan import catalog_load_lingshan, lingshan_departments
from zwfw.catalog.themes import theme_list_seed
from zwfw.core import clock
from zwfw.demo.cases import demo_cases_load
from zwfw.demo.history import demo_history_load
from zwfw.organizations.models import (
    CenterKind,
    Department,
    Kiosk,
    Region,
    ServiceCenter,
    ServicePoint,
    Window,
)
from zwfw.organizations.services.centers import service_center_create, service_center_update
from zwfw.organizations.services.departments import department_create, department_update
from zwfw.organizations.services.places import kiosk_create, service_point_create, service_point_locate
from zwfw.organizations.services.regions import region_load
from zwfw.organizations.services.windows import window_create, window_update

from .identities import demo_id_number, demo_phone

DATA = Path(__file__).parent / "data" / "county.json"
# Printed by `zwfw demo --accounts`; meets the password policy. Demo deployments only.
DEMO_PASSWORD = "Zwfw@Demo2026"
ADMIN_BOOTSTRAP_ORDER = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.SECURITY_AUDITOR)
LINGSHAN_REGION = "450721000000"  # 钦州市灵山县, home of the 4 real 灵山 items
LINGSHAN_PROVINCE = "45"


@cache
def county_data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        if n:
            self.created[what] = self.created.get(what, 0) + n


def department_code(name: str, credit_code: str | None, index: int) -> str:
    """A department's code in the demo: its credit code, or a stable local code when it has none."""
    return credit_code or f"GAQ-{index:03d}"


def department_full_name(county_name: str, short: str) -> str:
    # The source names departments the way the county does ("区人社局"); the full name adds the county.
    return county_name + short[1:] if short.startswith("区") else short


def _departments(admin: User, region: Region, rows, summary: DemoSummary, now,
                 contacts: dict | None = None) -> dict[str, Department]:
    by_name: dict[str, Department] = {}
    for index, (short, credit) in enumerate(rows, start=1):
        code = department_code(short, credit, index)
        department = Department.objects.filter(region=region, code=code).first()
        if department is None:
            department = department_create(
                actor=admin, region=region, code=code, name=department_full_name(region.name, short),
                short_name=short, credit_code=credit, now=now,
            )
            summary.add("departments")
        contact = (contacts or {}).get(short)
        if contact and not department.address and not department.phone:
            # Filled once (also on a database loaded before the demo had contacts); never overwritten.
            department = department_update(actor=admin, department=department, address=contact["address"],
                                           phone=contact["phone"], now=now)
            summary.add("department_contacts")
        by_name[short] = department
    return by_name


def demo_coordinate(code: str) -> tuple[str, str]:
    """An invented but stable map position for a demo town or point, within about 15 km of the
    county's centre (county.json `map_center`): the demo has no surveyed coordinates."""
    digest = int(hashlib.new("sm3", code.encode("utf-8")).hexdigest(), 16)
    lat, lon = (Decimal(v) for v in county_data()["map_center"])
    spread = Decimal("0.000001")
    return (str(lat + (digest % 260_001 - 130_000) * spread),
            str(lon + (digest // 260_001 % 300_001 - 150_000) * spread))


def _locate_center(admin, center: ServiceCenter, position, summary, now) -> ServiceCenter:
    if center.latitude is None and position is not None:
        center = service_center_update(actor=admin, center=center, latitude=position[0], longitude=position[1],
                                       now=now)
        summary.add("coordinates")
    return center


def _center(admin, *, kind, region, name, address, phone="", hours="", department=None, parent=None,
            summary, now) -> ServiceCenter:
    center = ServiceCenter.objects.filter(region=region, name=name).first()
    if center is None:
        center = service_center_create(
            actor=admin, kind=kind, region=region, name=name, address=address, phone=phone, hours=hours,
            department=department, parent=parent, now=now,
        )
        summary.add("service_centers")
    return center


def _position(spec: dict):
    return (spec["latitude"], spec["longitude"]) if "latitude" in spec else None


def _network(admin, county: Region, departments, summary, now) -> tuple[dict, dict, dict]:
    data = county_data()
    hall_data = {k: v for k, v in data["hall"].items() if k not in ("latitude", "longitude")}
    hall = _center(admin, kind=CenterKind.HALL, region=county, summary=summary, now=now, **hall_data)
    hall = _locate_center(admin, hall, _position(data["hall"]), summary, now)
    centers = {hall.name: hall}
    for branch in data["branches"]:
        centers[branch["name"]] = _locate_center(admin, _center(
            admin, kind=CenterKind.BRANCH, region=county, name=branch["name"], address=branch["address"],
            phone=branch["phone"], hours=branch["hours"], department=departments[branch["department"]],
            parent=hall, summary=summary, now=now,
        ), _position(branch), summary, now)
    towns = {}
    for town in Region.objects.filter(parent=county).order_by("code"):
        towns[town.code] = _locate_center(admin, _center(
            admin, kind=CenterKind.TOWN, region=town, name=f"{town.name}便民服务中心",
            address=f"{county.name}{town.name}便民服务中心（示例地址）", phone=f"0826-22{town.code[6:9]}00",
            hours=data["town_center_hours"], parent=hall, summary=summary, now=now,
        ), demo_coordinate(town.code), summary, now)
    windows = {}
    specs = [{**w, "center": hall.name} for w in data["hall_windows"]] + data["branch_windows"]
    for spec in specs:
        center = centers[spec["center"]]
        window = Window.objects.filter(center=center, number=spec["number"]).first()
        if window is None:
            department = departments[spec["department"]] if spec.get("department") else None
            window = window_create(
                actor=admin, center=center, number=spec["number"], name=spec["name"], kind=spec["kind"],
                department=department, now=now,
            )
            summary.add("windows")
        windows[spec["number"]] = window
    points = {}
    for spec in data["village_points"]:
        town = Region.objects.get(code=spec["town"])
        point = ServicePoint.objects.filter(region=town, name=spec["name"]).first()
        if point is None:
            point = service_point_create(
                actor=admin, region=town, name=spec["name"], center=towns[town.code],
                address=f"{county.name}{spec['name'].removesuffix('代办点')}村委会（示例地址）",
                phone=f"0826-23{len(points):03d}0", hours=data["town_center_hours"], now=now,
            )
            summary.add("service_points")
        if point.latitude is None:
            latitude, longitude = demo_coordinate(spec["town"] + spec["name"])
            point = service_point_locate(actor=admin, point=point, latitude=latitude, longitude=longitude, now=now)
            summary.add("coordinates")
        points[spec["name"]] = point
    for spec in data["kiosks"]:
        if Kiosk.objects.filter(serial_number=spec["serial_number"]).exists():
            continue
        center = centers[spec["center"]] if spec.get("center") else towns[spec["town"]]
        kiosk_create(actor=admin, serial_number=spec["serial_number"], name=spec["name"], location=spec["location"],
                     region=center.region, center=center, now=now)
        summary.add("kiosks")
    return centers | {c.region_id: c for c in towns.values()}, windows, points


def _admins(summary, now) -> dict[str, User]:
    admins = {}
    for spec in county_data()["staff"]:
        role = spec["roles"][0]
        if role not in ADMIN_BOOTSTRAP_ORDER:
            continue
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            user = staff_bootstrap(username=spec["username"], full_name=spec["full_name"], password=DEMO_PASSWORD,
                                   role=role, now=now)
            summary.add("staff")
        admins[role] = user
    return admins


def _staff(admin, account_admin, departments, centers, windows, points, summary, now) -> dict[str, User]:
    """Staff accounts come from the security administrator (ADR 0028); chief representatives of
    windows are network data, kept by the system administrator."""
    staff = {}
    for index, spec in enumerate(county_data()["staff"], start=1):
        if spec["roles"][0] in ADMIN_BOOTSTRAP_ORDER:
            continue
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            center = centers.get(spec.get("center")) or centers.get(spec.get("town_center"))
            user = staff_create(
                actor=account_admin, username=spec["username"], full_name=spec["full_name"], password=DEMO_PASSWORD,
                roles=spec["roles"], phone=demo_phone(index),
                department=departments.get(spec.get("department")),
                region=Region.objects.get(code=spec["region"]) if spec.get("region") else None,
                service_center=center, window=windows.get(spec.get("window")),
                service_point=points.get(spec.get("point")), now=now,
            )
            summary.add("staff")
        staff[spec["username"]] = user
        chief_of = spec.get("chief_of")
        if chief_of and windows[chief_of].chief_representative_id is None:
            windows[chief_of] = window_update(actor=admin, window=windows[chief_of], chief_representative=user,
                                              now=now)
    return staff


def demo_applicant_id_number(spec: dict, serial: int) -> str:
    return demo_id_number(region_code=county_data()["region"], birth=spec["birth"], serial=serial)


def _applicants(clerk: User, summary, now) -> None:
    for serial, spec in enumerate(county_data()["applicants"], start=1):
        region = Region.objects.get(code=spec["region"])
        phone = demo_phone(100 + serial)
        if spec["kind"] == "enterprise":
            if not Applicant.objects.filter(credit_code=spec["credit_code"]).exists():
                applicant_register_enterprise(
                    actor=clerk, name=spec["name"], credit_code=spec["credit_code"], phone=phone,
                    legal_representative=spec["legal_representative"], address=spec["address"], region=region,
                    now=now,
                )
                summary.add("applicants")
            continue
        number = demo_applicant_id_number(spec, serial)
        if Applicant.objects.filter(id_number_digest=id_number_digest(number)).exists() or (
            Applicant.objects.filter(name=spec["name"], region=region).exists()
        ):
            continue
        if spec.get("citizen_account"):
            citizen_account_create(id_number=number, name=spec["name"], password=DEMO_PASSWORD, phone=phone, now=now)
            summary.add("citizen_accounts")
        else:
            applicant_register_person(actor=clerk, name=spec["name"], id_number=number, phone=phone,
                                      address=spec["address"], region=region, now=now)
        summary.add("applicants")


def demo_load(*, now: dt.datetime | None = None) -> DemoSummary:
    """Load (or complete) the demo county. Safe to run any number of times."""
    now = now or clock.now()
    data = county_data()
    summary = DemoSummary()
    admins = _admins(summary, now)
    admin = admins[Role.SYSTEM_ADMIN]
    for province in (data["province"], LINGSHAN_PROVINCE):
        summary.add("regions", region_load(actor=admin, province=province, now=now).created)
    summary.add("calendar_years", len(calendar_seed_from_package(actor=admin, now=now)))
    county = Region.objects.get(code=data["region"])
    with transaction.atomic():
        departments = _departments(admin, county, guangan_departments(), summary, now,
                                   contacts=data["department_contacts"])
        centers, windows, points = _network(admin, county, departments, summary, now)
        staff = _staff(admin, admins[Role.SECURITY_ADMIN], departments, centers, windows, points, summary, now)
        _applicants(staff["ck_zong1"], summary, now)
    summary.add("themes", theme_list_seed(actor=admin, now=now))
    result = catalog_load_guangan(actor=staff["sp_editor"], region=county, departments_by_name=departments, now=now)
    summary.add("catalog_items", _created_count(result))
    lingshan = Region.objects.get(code=LINGSHAN_REGION)
    with transaction.atomic():
        lingshan_departments_by_name = _departments(admin, lingshan, lingshan_departments(), summary, now,
                                                    contacts=data["lingshan_department_contacts"])
    result = catalog_load_lingshan(actor=staff["sp_editor"], region=lingshan,
                                   departments_by_name=lingshan_departments_by_name, now=now)
    summary.add("catalog_items", _created_count(result))
    forms = demo_forms_attach(actor=staff["sp_editor"], now=now)
    summary.add("form_files", forms["files"])
    summary.add("application_forms", demo_form_fields_attach(actor=staff["sp_editor"], now=now)["items_with_forms"])
    citizen = User.objects.filter(kind="citizen", applicant__name=_demo_citizen_name()).first()
    if citizen is not None:
        summary.add("cases", demo_cases_load(citizen=citizen, clerk=staff["ck_zong1"], now=now))
    summary.add("history_cases", demo_history_load(region=county, now=now))
    return summary


def _demo_citizen_name() -> str:
    """The first demo applicant with a citizen account: the demo cases are theirs."""
    return next(spec["name"] for spec in county_data()["applicants"] if spec.get("citizen_account"))


def _created_count(result) -> int:
    if isinstance(result, dict):
        return int(result.get("created", 0) or 0)
    return 0


def demo_accounts() -> list[dict]:
    """The demo sign-ins, for the README's start command to print."""
    rows = []
    role_labels = dict(Role.choices)
    for spec in county_data()["staff"]:
        rows.append({
            "username": spec["username"], "password": DEMO_PASSWORD, "name": spec["full_name"],
            "roles": "、".join(str(role_labels[r]) for r in spec["roles"]), "where": spec.get("department", ""),
        })
    for serial, spec in enumerate(county_data()["applicants"], start=1):
        if spec.get("citizen_account"):
            rows.append({
                "username": demo_applicant_id_number(spec, serial), "password": DEMO_PASSWORD, "name": spec["name"],
                "roles": "自然人（身份证号登录）", "where": "/accounts/citizen/login/",
            })
    return rows
