"""The three-level service network: regions, departments, halls, windows, village points, kiosks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWN = "town", _("乡镇（街道）")
    VILLAGE = "village", _("村（社区）")


# How many leading digits of the 12-digit statistical code identify a region of each level
# (GB/T 2260 + 统计用区划代码): 2 province, 4 city, 6 county, 9 town, 12 village.
LEVEL_PREFIX_LENGTH = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWN: 9,
    RegionLevel.VILLAGE: 12,
}
CODE_LENGTH = 12


def region_ancestor_codes(code: str) -> tuple[str, ...]:
    """The codes of a region and of every region above it, nearest first, from the code alone.

    Each level's prefix padded with zeros is the code of the region above (统计用区划代码), so no
    row is read: 511602001000 → 511602001000, 511602000000, 511600000000, 510000000000.
    """
    out: list[str] = []
    for length in sorted(LEVEL_PREFIX_LENGTH.values(), reverse=True):
        ancestor = code[:length].ljust(CODE_LENGTH, "0")
        if ancestor not in out:
            out.append(ancestor)
    return tuple(out)


class Region(models.Model):
    code = models.CharField(_("区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级区划"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        indexes = [models.Index(fields=["level", "code"], name="region_level_code_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        """The code prefix shared by this region and every region below it."""
        return self.code[: LEVEL_PREFIX_LENGTH[RegionLevel(self.level)]]

    def ancestor_codes(self, *, include_self: bool = True) -> tuple[str, ...]:
        """This region's code and its ancestors' up to the province, nearest first (no queries)."""
        codes = region_ancestor_codes(self.code)
        return codes if include_self else codes[1:]


class Department(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="departments")
    code = models.CharField(_("部门编码"), max_length=32)
    name = models.CharField(_("部门名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, null=True, blank=True, unique=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("办公电话"), max_length=40, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["region_id", "code"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="department_code_unique_in_region")]

    def __str__(self) -> str:
        return self.name


class CenterKind(models.TextChoices):
    HALL = "hall", _("政务服务中心")
    BRANCH = "branch", _("分中心")
    TOWN = "town", _("便民服务中心")


class ServiceCenter(models.Model):
    kind = models.CharField(_("类型"), max_length=10, choices=CenterKind.choices)
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="centers")
    name = models.CharField(_("名称"), max_length=100)
    department = models.ForeignKey(
        Department, verbose_name=_("主管部门"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="branch_centers", help_text=_("分中心由部门设立，在政务服务中心统一管理下运行"),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上级中心"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    address = models.CharField(_("地址"), max_length=200)
    phone = models.CharField(_("咨询电话"), max_length=40, blank=True)
    hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["region_id", "kind", "name"]
        verbose_name = _("政务服务中心")
        verbose_name_plural = _("政务服务中心")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="center_name_unique_in_region")]

    def __str__(self) -> str:
        return self.name


class WindowKind(models.TextChoices):
    SINGLE = "single", _("部门窗口")
    COMPREHENSIVE = "comprehensive", _("综合窗口")


class Window(models.Model):
    center = models.ForeignKey(ServiceCenter, verbose_name=_("所在中心"), on_delete=models.PROTECT, related_name="windows")
    number = models.CharField(_("窗口号"), max_length=20)
    name = models.CharField(_("窗口名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=WindowKind.choices)
    department = models.ForeignKey(
        Department, verbose_name=_("进驻部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="windows"
    )
    chief_representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("首席代表"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="chief_of_windows",
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["center_id", "number"]
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")
        constraints = [models.UniqueConstraint(fields=["center", "number"], name="window_number_unique_in_center")]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class PointKind(models.TextChoices):
    VILLAGE_PROXY = "village_proxy", _("村（社区）代办点")


class ServicePoint(models.Model):
    kind = models.CharField(_("类型"), max_length=16, choices=PointKind.choices, default=PointKind.VILLAGE_PROXY)
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="points")
    center = models.ForeignKey(
        ServiceCenter, verbose_name=_("所属便民服务中心"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="points",
    )
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    hours = models.CharField(_("服务时间"), max_length=200, blank=True)
    # Where the point is, for the map link on the network page (WGS 84, as a phone's map app reads it).
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["region_id", "name"]
        verbose_name = _("代办点")
        verbose_name_plural = _("代办点")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="point_name_unique_in_region")]

    def __str__(self) -> str:
        return self.name


class Kiosk(models.Model):
    serial_number = models.CharField(_("设备编号"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey(Region, verbose_name=_("所属区划"), on_delete=models.PROTECT, related_name="kiosks")
    center = models.ForeignKey(
        ServiceCenter, verbose_name=_("所在中心"), null=True, blank=True, on_delete=models.PROTECT, related_name="kiosks"
    )
    point = models.ForeignKey(
        ServicePoint, verbose_name=_("所在代办点"), null=True, blank=True, on_delete=models.PROTECT, related_name="kiosks"
    )
    location = models.CharField(_("摆放位置"), max_length=200)
    hours = models.CharField(_("服务时间"), max_length=200, default="24小时")
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["region_id", "serial_number"]
        verbose_name = _("自助终端")
        verbose_name_plural = _("自助终端")

    def __str__(self) -> str:
        return self.name
