import pytest

from zwfw.core.errors import PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import CenterKind, ServiceCenter, WindowKind
from zwfw.organizations.services import (
    kiosk_create,
    service_center_create,
    service_center_update,
    service_point_create,
    window_create,
    window_update,
)

from .conftest import make_user, table_counts


def _fails(fn, field, code, **kwargs):
    before = table_counts()
    with pytest.raises(ValidationFailed) as exc:
        fn(**kwargs)
    assert exc.value.code == code
    assert field in exc.value.field_errors
    assert table_counts() == before
    return exc.value


# --- service centers ---------------------------------------------------------------------------------

def test_hall_branch_and_town_center(admin, county, town, dept, now):
    hall = service_center_create(actor=admin, kind="hall", region="511602", name="广安区政务服务中心",
                                 address="金安大道 1 号", hours="工作日 9:00–17:00", latitude="30.456",
                                 longitude="106.633", now=now)
    branch = service_center_create(actor=admin, kind="branch", region=county, name="民政分中心", address="民政路",
                                   department=dept, parent=hall)
    town_center = service_center_create(actor=admin, kind="town", region="511602001", name="浓洄便民服务中心",
                                        address="浓洄街道", parent=hall)
    assert [c.kind for c in (hall, branch, town_center)] == ["hall", "branch", "town"]
    hall.refresh_from_db()
    assert str(hall.latitude) == "30.456000"
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["service_center.create"] * 3


@pytest.mark.parametrize(("kwargs", "field", "code"), [
    ({"kind": "town", "region": "511602"}, "region", "center_region_level"),
    ({"kind": "hall", "region": "511602001"}, "region", "center_region_level"),
    ({"kind": "branch"}, "department", "center_department_required"),
    ({"kind": "hall", "region": "999999"}, "region", "region_not_found"),
    ({"kind": "mall"}, "kind", "center_kind_invalid"),
    ({"address": ""}, "address", "address_required"),
    ({"latitude": "95", "longitude": "100"}, "latitude", "coordinate_invalid"),
    ({"latitude": "30.1"}, "latitude", "coordinate_incomplete"),
])
def test_center_create_rejects(admin, county, kwargs, field, code):
    args = {"kind": "hall", "region": "511602", "name": "某中心", "address": "某路", **kwargs}
    _fails(service_center_create, field, code, actor=admin, **args)


def test_center_name_taken_and_foreign_branch(admin, hall, regions, dept):
    _fails(service_center_create, "name", "center_name_taken", actor=admin, kind="hall", region=hall.region,
           name=hall.name, address="x")
    # A branch hall must stand in its department's own region.
    _fails(service_center_create, "department", "center_department_region", actor=admin, kind="branch",
           region=regions["other_county"], name="分中心", address="x", department=dept)
    # A town center's supervising hall must cover the town.
    other_hall = ServiceCenter.objects.create(kind=CenterKind.HALL, region=regions["other_county"], name="岳池县中心",
                                              address="x")
    _fails(service_center_create, "parent", "center_parent_invalid", actor=admin, kind="town",
           region=regions["town"], name="浓洄", address="x", parent=other_hall)


def test_center_update_audits_and_denies_clerk(admin, clerk, hall, now):
    service_center_update(actor=admin, center=hall, hours="工作日 8:30–17:30，周六上午", now=now)
    event = AuditEvent.objects.get()
    assert event.changes == {"hours": ["工作日 9:00–17:00", "工作日 8:30–17:30，周六上午"]}
    with pytest.raises(PermissionDenied):
        service_center_update(actor=clerk, center=hall, name="x")
    hall.refresh_from_db()
    assert hall.name == "广安区政务服务中心"


# --- windows ------------------------------------------------------------------------------------------

def test_single_and_comprehensive_windows(admin, hall, dept, other_dept, clerk, now):
    single = window_create(actor=admin, center=hall, number="A02", name="民政综合", kind="single", department=dept,
                           chief_representative=clerk, now=now)
    comprehensive = window_create(actor=admin, center=hall, number="Z01", name="综合受理窗口",
                                  kind="comprehensive", chief_representative=clerk)
    assert (single.department_id, single.chief_representative_id) == (dept.pk, clerk.pk)
    assert (comprehensive.department_id, comprehensive.chief_representative_id) == (None, clerk.pk)
    assert AuditEvent.objects.filter(action="window.create").count() == 2


@pytest.mark.parametrize(("kwargs", "field", "code"), [
    ({"kind": "single", "department": None}, "department", "window_department_required"),
    ({"kind": "comprehensive", "department": "dept"}, "department", "window_department_forbidden"),
    ({"number": "A01"}, "number", "window_number_taken"),
    ({"number": " "}, "number", "number_required"),
    ({"chief_representative": "other_staff"}, "chief_representative", "chief_representative_invalid"),
    ({"chief_representative": "citizen"}, "chief_representative", "chief_representative_invalid"),
    ({"kind": "vip"}, "kind", "window_kind_invalid"),
])
def test_window_create_rejects(admin, window, hall, dept, other_dept, citizen, kwargs, field, code):
    people = {"dept": dept, "other_staff": make_user("rs", department=other_dept), "citizen": citizen}
    args = {"center": hall, "number": "B01", "name": "窗口", "kind": "single", "department": dept, **kwargs}
    args = {k: people.get(v, v) if isinstance(v, str) else v for k, v in args.items()}
    _fails(window_create, field, code, actor=admin, **args)


def test_window_in_foreign_region_refused(admin, regions, dept):
    hall = ServiceCenter.objects.create(kind=CenterKind.HALL, region=regions["other_county"], name="岳池县中心",
                                        address="x")
    _fails(window_create, "department", "window_department_region", actor=admin, center=hall, number="1",
           name="民政", kind="single", department=dept)


def test_window_update_to_comprehensive(admin, window, dept, clerk, now):
    window_update(actor=admin, window=window, kind=WindowKind.COMPREHENSIVE, department=None,
                  chief_representative=clerk, now=now)
    window.refresh_from_db()
    assert (window.kind, window.department_id, window.chief_representative_id) == ("comprehensive", None, clerk.pk)
    assert AuditEvent.objects.get().changes == {
        "kind": ["single", "comprehensive"], "department": [dept.pk, None], "chief_representative": [None, clerk.pk],
    }


def test_window_update_bad_chief_changes_nothing(admin, window, other_dept):
    outsider = make_user("outsider", department=other_dept)
    _fails(window_update, "chief_representative", "chief_representative_invalid", actor=admin, window=window,
           chief_representative=outsider)
    window.refresh_from_db()
    assert window.chief_representative_id is None


# --- points and kiosks --------------------------------------------------------------------------

def test_point_and_kiosk(admin, town_center, town, now):
    point = service_point_create(actor=admin, region="511602001000", name="白塔社区代办点", address="白塔社区",
                                 center=town_center, hours="周一至周五", now=now)
    kiosk = kiosk_create(actor=admin, serial_number="GA-0100", name="社区自助终端", location="门厅", point=point)
    assert (point.center_id, kiosk.region_id, kiosk.hours) == (town_center.pk, town.code, "24小时")
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["service_point.create", "kiosk.create"]


def test_point_rejects(admin, town_center, regions, point):
    _fails(service_point_create, "region", "point_region_level", actor=admin, region="511602", name="x",
           address="x")
    _fails(service_point_create, "center", "point_center_invalid", actor=admin, region=regions["other_town"],
           name="x", address="x", center=town_center)
    _fails(service_point_create, "name", "point_name_taken", actor=admin, region=point.region, name=point.name,
           address="x")
    _fails(service_point_create, "region", "region_not_found", actor=admin, region="511602999", name="x",
           address="x")


def test_kiosk_rejects(admin, hall, point, kiosk, regions):
    _fails(kiosk_create, "serial_number", "kiosk_serial_taken", actor=admin, serial_number="GA-0001", name="x",
           location="x", center=hall)
    _fails(kiosk_create, "point", "kiosk_host_ambiguous", actor=admin, serial_number="N", name="x", location="x",
           center=hall, point=point)
    _fails(kiosk_create, "region", "kiosk_region_mismatch", actor=admin, serial_number="N", name="x", location="x",
           center=hall, region=regions["other_county"])
    _fails(kiosk_create, "region", "region_required", actor=admin, serial_number="N", name="x", location="x")


@pytest.mark.parametrize("fn_args", ["point", "kiosk", "window"])
def test_writes_denied_to_non_admins(fn_args, clerk, hall, town, dept):
    calls = {
        "point": lambda: service_point_create(actor=clerk, region=town, name="x", address="x"),
        "kiosk": lambda: kiosk_create(actor=clerk, serial_number="N", name="x", location="x", center=hall),
        "window": lambda: window_create(actor=clerk, center=hall, number="9", name="x", kind="single",
                                        department=dept),
    }
    before = table_counts()
    with pytest.raises(PermissionDenied):
        calls[fn_args]()
    assert table_counts() == before
