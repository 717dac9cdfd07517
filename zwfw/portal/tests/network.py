"""A small county service network and staff for page tests (shared by portal, workbench and
browser tests). Phone numbers use the 1380000xxxx demo range; IDs are never needed here."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from zwfw.accounts.models import AccountKind, Role, RoleGrant, User
from zwfw.organizations.models import (
    CenterKind,
    Department,
    Kiosk,
    Region,
    RegionLevel,
    ServiceCenter,
    ServicePoint,
    Window,
    WindowKind,
)

PASSWORD = "Zwfw-test-Passw0rd!"
STAFF_PHONE = "13800001234"
POINT_PHONE = "13800005678"


@dataclass
class Network:
    county: Region
    town: Region
    village: Region
    other_county: Region
    civil: Department
    land: Department
    other_department: Department
    hall: ServiceCenter
    branch: ServiceCenter
    town_center: ServiceCenter
    other_hall: ServiceCenter
    window: Window
    comprehensive: Window
    point: ServicePoint
    kiosk: Kiosk
    point_kiosk: Kiosk


def build_network() -> Network:
    county = Region.objects.create(code="511602000000", name="广安区", level=RegionLevel.COUNTY)
    town = Region.objects.create(code="511602001000", name="浓洄街道", level=RegionLevel.TOWN, parent=county)
    village = Region.objects.create(code="511602001001", name="示例社区", level=RegionLevel.VILLAGE, parent=town)
    other_county = Region.objects.create(code="511621000000", name="岳池县", level=RegionLevel.COUNTY)
    civil = Department.objects.create(
        region=county, code="MZJ", name="广安区民政局", short_name="民政局", phone="0826-2000201"
    )
    land = Department.objects.create(region=county, code="ZRZYJ", name="广安区自然资源和规划局", short_name="自然资源局")
    other_department = Department.objects.create(region=other_county, code="MZJ", name="岳池县民政局")
    hall = ServiceCenter.objects.create(
        kind=CenterKind.HALL, region=county, name="广安区政务服务中心", address="广安区示例路1号",
        phone="0826-2000000", hours="周一至周五 9:00–17:30",
    )
    branch = ServiceCenter.objects.create(
        kind=CenterKind.BRANCH, region=county, name="广安区不动产登记分中心", department=land, parent=hall,
        address="广安区示例路2号", phone="0826-2000102", hours="周一至周五 9:00–17:30",
    )
    town_center = ServiceCenter.objects.create(
        kind=CenterKind.TOWN, region=town, name="浓洄街道便民服务中心", parent=hall,
        address="浓洄街道示例街3号", phone="0826-2000301", hours="周一至周五 9:00–17:00",
    )
    other_hall = ServiceCenter.objects.create(
        kind=CenterKind.HALL, region=other_county, name="岳池县政务服务中心", address="岳池县示例路1号"
    )
    window = Window.objects.create(center=hall, number="B03", name="民政窗口", kind=WindowKind.SINGLE, department=civil)
    comprehensive = Window.objects.create(center=hall, number="A01", name="综合受理窗口一", kind=WindowKind.COMPREHENSIVE)
    point = ServicePoint.objects.create(
        region=village, center=town_center, name="示例社区代办点", address="示例社区党群服务中心",
        phone=POINT_PHONE, hours="周一至周六 8:30–17:30",
    )
    kiosk = Kiosk.objects.create(serial_number="K-0001", name="中心自助终端", region=county, center=hall, location="一楼大厅")
    point_kiosk = Kiosk.objects.create(
        serial_number="K-0002", name="社区自助终端", region=village, point=point, location="代办点门口"
    )
    return Network(
        county, town, village, other_county, civil, land, other_department, hall, branch, town_center,
        other_hall, window, comprehensive, point, kiosk, point_kiosk,
    )


def make_user(username: str, *roles: str, kind: str = AccountKind.STAFF, phone: str = STAFF_PHONE, **fields) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, kind=kind, phone=phone, **fields)
    for role in roles:
        RoleGrant.objects.create(user=user, role=Role(role), granted_at=timezone.now())
    return User.objects.get(pk=user.pk)
