"""The demo county: idempotent loading, and no unmasked personal data on any page or API list."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.apps import apps
from django.db.models import Q
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from stdnum.cn import ric

from zwfw.accounts.models import AccountKind, Applicant, Role, User
from zwfw.api.routes import router
from zwfw.core import clock
from zwfw.core.audit import audit_verify
from zwfw.core.models import AuditEvent
from zwfw.demo.identities import demo_phone
from zwfw.demo.load import county_data, demo_applicant_id_number, demo_load
from zwfw.organizations.models import CenterKind, Department, ServiceCenter, ServicePoint, Window

pytestmark = pytest.mark.django_db

ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
PHONE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
SKIP_PREFIXES = ("/django-admin/", "/api/v1/", "/static/", "/media/")


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label != "sessions"}


def test_demo_loads_the_county_and_a_second_run_changes_nothing():
    summary = demo_load()
    assert summary.created["catalog_items"] == 1135 + 4
    assert Department.objects.filter(region_id="511602000000").count() == summary.created["departments"] - 2
    assert ServiceCenter.objects.filter(kind=CenterKind.TOWN, region__parent_id="511602000000").count() == 25
    assert Window.objects.filter(kind="comprehensive").count() == 4
    # Issue 12 point 8: every department has an address and an office phone, every place a coordinate.
    assert not Department.objects.filter(Q(address="") | Q(phone="")).exists()
    assert not ServiceCenter.objects.filter(region__code__startswith="511602", latitude__isnull=True).exists()
    assert not ServicePoint.objects.filter(latitude__isnull=True).exists()
    held = set(User.objects.filter(kind=AccountKind.STAFF).values_list("role_grants__role", flat=True))
    assert held == set(Role.values), "staff in every role"
    # Issue 10 point 6: months of generated history, so the dashboards show figures at first start.
    assert summary.created["history_cases"] == 3000
    from zwfw.stats.selectors import dashboard_where, figures_total

    supervisor = User.objects.get(username="jc_zhou")
    today = clock.today()
    figures = figures_total(dashboard_where(supervisor, start=today.replace(day=1) - dt.timedelta(days=150), end=today),
                            now=clock.now())
    assert figures["received"] > 2000 and figures["concluded"] > 1000 and figures.on_time_rate < 1
    assert figures.cards_raised > 0 and figures.in_progress > 0
    before, events = _row_counts(), AuditEvent.objects.count()

    again = demo_load()

    assert again.created == {}
    assert _row_counts() == before
    assert AuditEvent.objects.count() == events
    assert audit_verify() == []


def _clear_values() -> set[str]:
    data = county_data()
    values = {demo_phone(i) for i in range(1, len(data["staff"]) + 1)}
    for serial, spec in enumerate(data["applicants"], start=1):
        values.add(demo_phone(100 + serial))
        if spec["kind"] == "person":
            values.add(demo_applicant_id_number(spec, serial))
    return values


def _page_paths() -> list[str]:
    """Every GET page of the site without parameters, plus each role page of the workbench."""
    paths: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                if "<slug:role>" in route:
                    paths.extend("/" + route.replace("<slug:role>", r) for r in Role.values)
                elif "<" not in route and "^" not in route:
                    paths.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return sorted({p for p in paths if not p.startswith(SKIP_PREFIXES)})


def _api_paths(client: Client) -> list[str]:
    paths = []
    for prefix, _viewset, _basename in router.registry:
        url = f"/api/v1/{prefix}"
        paths.append(url)
        response = client.get(url)
        if response.status_code == 200:
            results = response.json().get("results") or []
            if results:
                key = results[0].get("id", results[0].get("code"))
                paths.append(f"{url}/{key}")
    return paths


def _unmasked(body: str, clear: set[str]) -> list[str]:
    found = [v for v in clear if v in body]
    found += [m for m in ID_CANDIDATE.findall(body) if ric.is_valid(m.upper())]
    found += PHONE.findall(body)
    return found


def test_no_page_or_api_list_shows_an_unmasked_id_or_phone():
    demo_load()
    clear = _clear_values()
    assert Applicant.objects.count() == 4 and len(clear) > 30
    viewers: dict[str, Client] = {"anonymous": Client()}
    seen_roles: set[frozenset] = set()
    for user in User.objects.prefetch_related("role_grants").order_by("username"):
        key = frozenset(user.role_set) | {user.kind}
        if key in seen_roles:
            continue
        seen_roles.add(key)
        client = Client()
        client.force_login(user)
        viewers[user.username] = client
    assert len(viewers) >= 12

    checked = 0
    for name, client in viewers.items():
        paths = _page_paths() + (_api_paths(client) if name != "anonymous" else [])
        for path in paths:
            response = client.get(path)
            if response.status_code >= 500:
                pytest.fail(f"{name} GET {path} → {response.status_code}")
            if "text" not in response.get("Content-Type", "") and "json" not in response.get("Content-Type", ""):
                continue
            body = response.content.decode("utf-8", errors="replace")
            leaks = _unmasked(body, clear)
            assert leaks == [], f"{name} GET {path} shows unmasked personal data: {leaks}"
            checked += response.status_code == 200
    assert checked > 200
