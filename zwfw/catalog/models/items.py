"""Item identity: the catalog entry that versions hang on (基本目录 / 实施清单)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import validate_base_code, validate_implementation_code
from .codes import CatalogLevel, HandlingVariant, ItemLevel, ItemStatus


class ThemeKind(models.TextChoices):
    THEME = "theme", _("服务主题")
    LIFE_EVENT = "life_event", _("人生事件 / 企业事件")


class ThemeAudience(models.TextChoices):
    PERSON = "person", _("个人")
    ENTERPRISE = "enterprise", _("法人")
    BOTH = "both", _("个人和法人")


class Theme(models.Model):
    """服务主题 ("19+X"): the national themes plus local ones; also the life and business events
    (出生、上学、就业… / 开办、变更…) the portal lets people browse by."""

    code = models.CharField(_("主题编码"), max_length=20, unique=True)
    name = models.CharField(_("主题名称"), max_length=60)
    kind = models.CharField(_("分类"), max_length=12, choices=ThemeKind.choices, default=ThemeKind.THEME)
    audience = models.CharField(_("面向"), max_length=12, choices=ThemeAudience.choices, default=ThemeAudience.BOTH)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_local = models.BooleanField(_("地方特色主题"), default=False)

    class Meta:
        ordering = ["kind", "sort_order", "code"]
        verbose_name = _("服务主题")
        verbose_name_plural = _("服务主题")

    def __str__(self) -> str:
        return self.name


class ServiceItem(models.Model):
    """One item of the catalog. Identity and codes only; everything a guide publishes lives in
    its versions (ItemVersion). `current_version` is the published version in force."""

    catalog_level = models.CharField(_("目录层级"), max_length=16, choices=CatalogLevel.choices)
    base_item = models.ForeignKey(
        "self", verbose_name=_("基本目录事项"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="implementations", limit_choices_to={"catalog_level": CatalogLevel.BASE},
    )
    region = models.ForeignKey("organizations.Region", verbose_name=_("区划"), on_delete=models.PROTECT,
                               related_name="catalog_items")
    department = models.ForeignKey(
        "organizations.Department", verbose_name=_("实施主体"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="catalog_items",
    )
    level = models.CharField(_("行使层级"), max_length=1, choices=ItemLevel.choices)
    base_code = models.CharField(_("基本编码"), max_length=12, validators=[validate_base_code])
    implementation_code = models.CharField(
        _("实施编码"), max_length=31, null=True, blank=True, validators=[validate_implementation_code]
    )
    sub_code = models.CharField(_("业务办理项编码（后2位）"), max_length=2, blank=True)
    local_code = models.CharField(_("地方编码"), max_length=100, blank=True, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("主项"), null=True, blank=True, on_delete=models.PROTECT, related_name="sub_items"
    )
    variant = models.CharField(_("办理项类型"), max_length=8, choices=HandlingVariant.choices, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.ACTIVE)
    cancelled_on = models.DateField(_("取消日期"), null=True, blank=True)
    current_version = models.OneToOneField(
        "catalog.ItemVersion", verbose_name=_("现行版本"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="current_of",
    )
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        ordering = ["region_id", "department_id", "base_code", "sub_code"]
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        constraints = [
            models.UniqueConstraint(
                fields=["implementation_code", "sub_code"], name="item_implementation_code_unique"
            ),
            models.UniqueConstraint(
                fields=["region", "base_code"], condition=models.Q(catalog_level="base"),
                name="item_base_code_unique_in_region",
            ),
            models.CheckConstraint(
                name="item_base_has_no_department",
                condition=models.Q(catalog_level="implementation", department__isnull=False)
                | models.Q(catalog_level="base", department__isnull=True, base_item__isnull=True),
            ),
        ]
        indexes = [models.Index(fields=["region", "catalog_level", "status"], name="item_region_level_idx")]

    def __str__(self) -> str:
        version = self.current_version
        return f"{version.name if version else self.base_code} ({self.implementation_code or self.base_code})"


class BaseItemManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(catalog_level=CatalogLevel.BASE)


class ImplementationItemManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(catalog_level=CatalogLevel.IMPLEMENTATION)


class BaseItem(ServiceItem):
    """基本目录事项: issued by a higher level; fixes name, type and legal basis."""

    objects = BaseItemManager()

    class Meta:
        proxy = True
        verbose_name = _("基本目录事项")
        verbose_name_plural = _("基本目录事项")


class ImplementationItem(ServiceItem):
    """实施清单事项: one department's implementation of a base item, with the local guide."""

    objects = ImplementationItemManager()

    class Meta:
        proxy = True
        verbose_name = _("实施清单事项")
        verbose_name_plural = _("实施清单事项")
