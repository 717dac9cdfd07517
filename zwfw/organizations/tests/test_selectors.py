from django.contrib.auth.models import AnonymousUser

from zwfw.accounts.models import Role
from zwfw.organizations.models import CenterKind, Department, ServiceCenter, ServicePoint, Window, WindowKind
from zwfw.organizations.selectors import (
    departments_visible,
    network_overview,
    region_subtree,
    regions_list,
    staff_stationed,
    staff_visible_ids,
    windows_visible,
)

from .conftest import make_user


def test_region_subtree_and_search(regions):
    codes = sorted(r.code for r in region_subtree(regions["county"]))
    assert codes == ["511602000000", "511602001000", "511602002000"]
    assert [r.name for r in regions_list(viewer=None, q="镇")] == ["花园镇"]
    assert [r.code for r in regions_list(viewer=None, level="county", parent=regions["city"])] == [
        "511602000000", "511621000000"]


def test_inactive_departments_hidden_except_from_admin(admin, dept, other_dept, regions):
    Department.objects.filter(pk=other_dept.pk).update(is_active=False)
    assert list(departments_visible(AnonymousUser())) == [dept]
    assert set(departments_visible(admin)) == {dept, other_dept}
    assert list(departments_visible(AnonymousUser(), region=regions["other_county"])) == []


def test_staff_names_only_for_permitted_staff(dept, other_dept, window, citizen, admin):
    clerk = make_user("clerk", Role.WINDOW_CLERK, department=dept, full_name="张晓梅", window=window)
    make_user("colleague", department=dept, full_name="李四")
    outsider = make_user("outsider", Role.WINDOW_CLERK, department=other_dept, full_name="王五")
    assert [u.full_name for u in staff_stationed(viewer=clerk, place=window)] == ["张晓梅"]
    assert [u.full_name for u in staff_stationed(viewer=clerk, place=dept)] == ["张晓梅", "李四"]
    assert staff_stationed(viewer=outsider, place=window) == []
    assert staff_stationed(viewer=citizen, place=window) == []
    assert staff_stationed(viewer=AnonymousUser(), place=window) == []
    assert staff_visible_ids(viewer=clerk, ids=[clerk.pk, outsider.pk, None]) == {clerk.pk}


def test_windows_of_stopped_center_hidden(admin, window, hall):
    ServiceCenter.objects.filter(pk=hall.pk).update(is_active=False)
    assert list(windows_visible(AnonymousUser())) == []
    assert list(windows_visible(admin)) == [window]


def test_network_overview_in_fixed_queries(django_assert_num_queries, regions, hall, town_center, dept, window,
                                           point, kiosk):
    branch = ServiceCenter.objects.create(kind=CenterKind.BRANCH, region=regions["county"], name="民政分中心",
                                          address="x", department=dept)
    for n in range(5):
        Window.objects.create(center=branch, number=f"B{n}", name="窗口", kind=WindowKind.COMPREHENSIVE)
    second_town = ServiceCenter.objects.create(kind=CenterKind.TOWN, region=regions["town2"], name="北辰便民服务中心",
                                               address="x")
    for n in range(3):
        ServicePoint.objects.create(region=regions["town2"], center=second_town, name=f"代办点{n}", address="x")
    Window.objects.create(center=hall, number="A99", name="停用窗口", kind=WindowKind.COMPREHENSIVE, is_active=False)
    ServiceCenter.objects.create(kind=CenterKind.HALL, region=regions["other_county"], name="岳池县中心", address="x")

    with django_assert_num_queries(5):
        overview = network_overview(viewer=AnonymousUser(), region=regions["county"])
        shape = {
            "halls": [(c.name, [w.number for w in c.active_windows]) for c in overview.halls],
            "branches": [(c.name, len(c.active_windows), c.department.name) for c in overview.branches],
            "towns": [(c.name, [p.name for p in c.active_points]) for c in overview.towns],
            "points": len(overview.points),
            "kiosks": [(k.serial_number, k.center.name) for k in overview.kiosks],
        }
    assert shape == {
        "halls": [("广安区政务服务中心", ["A01"])],
        "branches": [("民政分中心", 5, "广安区民政局")],
        "towns": [("浓洄街道便民服务中心", ["白塔社区代办点"]), ("北辰便民服务中心", ["代办点0", "代办点1", "代办点2"])],
        "points": 4,
        "kiosks": [("GA-0001", "广安区政务服务中心")],
    }
