"""Access matrix over every object endpoint, built from the URL configuration (issue 13).

Every route under /api/v1/, /workbench/, /files/ and /inbox/ that takes an object in its path is
found by walking the resolver, so a new endpoint is covered without anyone adding it here. The
objects of the other county (岳池县: a department, a center, a window, a proxy point, a staff
account, an applicant, a catalog draft with its materials and form file, an inbox message) are
created right after every table's id counter was moved to 900,000, so that each of them has the
id 900001 in its own table: one number fills every id in every path and always names an object
that the actors of 广安区 must not reach. Each such actor × endpoint × method must answer
401/403/404/405 (or a redirect away: to sign in, or a citizen from the workbench to the portal),
and nothing is written.

Reading public organisation data (departments, centers, windows, points, kiosks, regions) is the
one allowed exception, listed below with its reason.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from zwfw.accounts.models import AccountKind, Applicant, Role
from zwfw.accounts.tests.conftest import make_user
from zwfw.core import clock
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db

FOREIGN = 900001
FOREIGN_REGION = "511621000000"  # 岳池县 (accounts conftest: county_b)
PREFIXES = ("api/v1/", "workbench/", "files/", "inbox/")

# Readable by everyone who may read the collection: organisation data is public (the portal shows
# it); writes to these objects are still checked by the matrix.
PUBLIC_READ = re.compile(r"^api:(region|department|service-center|window|service-point|kiosk)-detail$")

# The actors of 广安区 and its departments (plus a citizen and the anonymous): none of them may
# reach an object of 岳池县. The system administrator and the city's supervisor may, by design.
ACTORS = ("anonymous", "clerk_a", "approver_a", "head_a", "editor_a", "reviewer_a", "clerk_civil",
          "supervisor_a", "agent_a", "archivist_a", "citizen")
ALLOWED = {401, 403, 404, 405}


def _walk(patterns, prefix="", names=()):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern), (*names, p.namespace) if p.namespace else names)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), ":".join([n for n in names if n] + [p.name or ""]), p


def object_routes() -> list[tuple[str, str, object]]:
    """(route, url name, pattern) of every object endpoint in the areas above."""
    routes = []
    for route, name, pattern in _walk(get_resolver().url_patterns):
        if not route.lstrip("^").startswith(PREFIXES) or not pattern.pattern.regex.groupindex:
            continue
        if name.endswith(":not-found"):
            continue
        routes.append((route, name, pattern))
    return routes


def _fill(route: str) -> str:
    """A concrete path: every path parameter names the other county's object."""
    def value(name: str) -> str:
        return FOREIGN_REGION if name in {"code", "region"} else str(FOREIGN)

    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\.", ".")
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value(m.group(1)), route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: value(m.group(1)), route)
    route = route.replace("/?", "/").replace("?", "")
    return "/" + route


def _methods(pattern) -> list[str]:
    actions = getattr(pattern.callback, "actions", None)
    if actions:
        return sorted({m.upper() for m in actions} - {"OPTIONS", "HEAD"})
    view_class = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
    if view_class is not None:
        return sorted({m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
                      - {"OPTIONS", "HEAD"})
    return ["GET", "POST"]


def _bump_id_counters(to: int) -> None:
    """Every table's next automatic id becomes `to` + 1."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            tables = connection.introspection.table_names(cursor)
            cursor.execute("DELETE FROM sqlite_sequence")
            cursor.executemany("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [(t, to) for t in tables])
        else:
            cursor.execute("""SELECT pg_get_serial_sequence(quote_ident(c.table_name), c.column_name)
                              FROM information_schema.columns c
                              WHERE c.table_schema = current_schema() AND c.column_name = 'id'
                                AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL""")
            for (sequence,) in cursor.fetchall():
                cursor.execute("SELECT setval(%s, %s)", [sequence, to])


@pytest.fixture
def world(people, regions, depts, point_a):
    from zwfw.accounts.services._common import id_number_digest
    from zwfw.cases.models import Case
    from zwfw.catalog.forms_files import material_file_attach
    from zwfw.catalog.services import item_draft_create
    from zwfw.catalog.tests.conftest import GUIDE, MATERIALS, STEPS
    from zwfw.core.fields import Sealed
    from zwfw.notifications.services import notify
    from zwfw.organizations.models import Department, Kiosk, ServiceCenter, ServicePoint, Window

    now = clock.now()
    citizen = make_user("citizen_x", kind=AccountKind.CITIZEN)
    editor_b = make_user("editor_b", Role.CATALOG_EDITOR, department=depts["b_approval"])
    _bump_id_counters(FOREIGN - 1)
    # Each row below is the first of its table after the bump: id 900001.
    b = regions["county_b"]
    clerk_b = make_user("clerk_b2", Role.WINDOW_CLERK, department=depts["b_approval"])
    department = Department.objects.create(region=b, code="mzb", name="岳池县民政局")
    center = ServiceCenter.objects.create(kind="county", region=b, name="岳池县政务服务中心", address="x")
    window = Window.objects.create(center=center, number="1", name="一号窗口", kind="single", department=department)
    point = ServicePoint.objects.create(region=b, center=center, name="岳池一村代办点", address="x")
    kiosk = Kiosk.objects.create(region=b, center=center, name="自助终端") if hasattr(Kiosk, "center") else None
    number = "120110199212010072"
    applicant = Applicant.objects.create(kind="person", name="丙", id_number=Sealed.of(number, kind="id_number"),
                                         id_number_digest=id_number_digest(number), region=b, created_at=now)
    draft = item_draft_create(actor=editor_b, department=depts["b_approval"], base_code="000104002000",
                              name="岳池县草稿事项", item_type="01", fields=dict(GUIDE),
                              materials=[dict(m) for m in MATERIALS], steps=[dict(s) for s in STEPS], now=now)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = material_file_attach(actor=editor_b, material=draft.materials.order_by("pk").first(), kind="blank",
                                uploaded_file=SimpleUploadedFile("表.pdf", pdf), now=now)
    message = notify(recipient=clerk_b, template="calendar.recompute_finished",
                     context={"label": "重算", "total": 1, "changed": 0, "link": ""}, now=now)
    # An archived case of 岳池县 (ADR 0033): the archive's package and list must not reach it.
    case = Case.objects.create(number="511621260303000001", item=draft.item, version=draft, item_name="岳池县办件",
                               applicant=applicant, channel="window", region=b, department=depts["b_approval"],
                               created_at=now, updated_at=now, archived_at=now)
    objects = [clerk_b, department, center, window, point, applicant, draft, draft.item, form.stored_file, message,
               case]
    if kiosk is not None:
        objects.append(kiosk)
    wrong = [o for o in objects if o.pk != FOREIGN]
    assert not wrong, [(type(o).__name__, o.pk) for o in wrong]
    return {**people, "citizen": citizen}


def test_the_matrix_finds_the_object_endpoints():
    names = {name for _, name, _ in object_routes()}
    # A sample from each area; every other route with an id is in the matrix as well.
    for expected in ("api:staff-detail", "api:applicant-detail", "api:catalog-draft-detail",
                     "api:catalog-version-detail", "files:download", "notifications:mark_read"):
        assert expected in names, sorted(names)
    assert any(n.startswith("workbench:") for n in names)
    assert len(names) >= 30
    assert {"api:archive-case-package", "workbench:archive_package"} <= names


def test_no_actor_reaches_the_other_countys_objects(world):
    before = AuditEvent.objects.count()
    leaks = []
    for actor in ACTORS:
        client = Client()
        if actor != "anonymous":
            client.force_login(world[actor])
        for route, name, pattern in object_routes():
            path = _fill(route)
            for method in _methods(pattern):
                if method == "GET" and PUBLIC_READ.match(name):
                    continue
                response = client.generic(method, path, data=b"{}", content_type="application/json")
                status = response.status_code
                if status in ALLOWED:
                    continue
                # Sent away: the anonymous to sign in, a citizen from the workbench to the portal.
                if status == 302 and (response["Location"].startswith("/accounts/") or response["Location"] == "/"):
                    continue
                leaks.append(f"{actor} {method} {path} ({name}) → {status}")
    assert not leaks, "\n".join(leaks)
    assert AuditEvent.objects.count() == before


def test_the_oracle_sees_a_reachable_object(world):
    """The matrix can fail: the other county's department is public and answers 200 (which is why
    its read is allowed above), and the system administrator reaches the other county's draft."""
    client = Client()
    client.force_login(world["clerk_a"])
    assert client.get(f"/api/v1/departments/{FOREIGN}").status_code == 200
    client.force_login(world["sysadmin"])
    assert client.get(f"/api/v1/catalog/versions/{FOREIGN}").status_code == 200
    # …and the other county's archivist reaches its archived case's package.
    client.force_login(world["archivist_b"])
    response = client.get(f"/api/v1/archive/cases/{FOREIGN}/package")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
