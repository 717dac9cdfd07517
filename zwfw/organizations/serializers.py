"""API shapes of the organisations context: ModelSerializers out, plain Serializers in."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import (
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
from .selectors import staff_stationed

# --- output --------------------------------------------------------------------------------------


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", allow_null=True, read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent"]


class StaffMemberSerializer(serializers.Serializer):
    """A stationed staff member: name only (personal data, shown to permitted staff viewers)."""

    id = serializers.IntegerField()
    full_name = serializers.CharField()


class _StaffMixin(serializers.Serializer):
    staff = serializers.SerializerMethodField(help_text="驻点工作人员（仅对有权查看的工作人员显示）")

    @extend_schema_field(StaffMemberSerializer(many=True))
    def get_staff(self, obj):
        members = staff_stationed(viewer=self.context["request"].user, place=obj)
        return [{"id": m.pk, "full_name": m.full_name or m.username} for m in members]


class DepartmentSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Department
        fields = ["id", "region", "region_name", "code", "name", "short_name", "credit_code", "address", "phone",
                  "is_active"]


class DepartmentDetailSerializer(_StaffMixin, DepartmentSerializer):
    class Meta(DepartmentSerializer.Meta):
        fields = [*DepartmentSerializer.Meta.fields, "staff"]


class ServiceCenterSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = ServiceCenter
        fields = ["id", "kind", "region", "region_name", "name", "department", "parent", "address", "phone", "hours",
                  "latitude", "longitude", "is_active"]


class ServiceCenterDetailSerializer(_StaffMixin, ServiceCenterSerializer):
    class Meta(ServiceCenterSerializer.Meta):
        fields = [*ServiceCenterSerializer.Meta.fields, "staff"]


class WindowSerializer(serializers.ModelSerializer):
    chief_representative = serializers.SerializerMethodField(help_text="首席代表（仅对有权查看的工作人员显示）")

    class Meta:
        model = Window
        fields = ["id", "center", "number", "name", "kind", "department", "chief_representative", "is_active"]

    @extend_schema_field(StaffMemberSerializer(allow_null=True))
    def get_chief_representative(self, obj):
        chief = obj.chief_representative
        if chief is None or chief.pk not in self.context.get("visible_staff_ids", set()):
            return None
        return {"id": chief.pk, "full_name": chief.full_name or chief.username}


class WindowDetailSerializer(_StaffMixin, WindowSerializer):
    class Meta(WindowSerializer.Meta):
        fields = [*WindowSerializer.Meta.fields, "staff"]


class ServicePointSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = ServicePoint
        fields = ["id", "kind", "region", "region_name", "center", "name", "address", "phone", "hours", "is_active"]


class ServicePointDetailSerializer(_StaffMixin, ServicePointSerializer):
    class Meta(ServicePointSerializer.Meta):
        fields = [*ServicePointSerializer.Meta.fields, "staff"]


class KioskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kiosk
        fields = ["id", "serial_number", "name", "region", "center", "point", "location", "hours", "is_active"]


# --- filters (query parameters) ---------------------------------------------------------------------


class RegionFilter(serializers.Serializer):
    level = serializers.ChoiceField(choices=RegionLevel.choices, required=False, help_text="层级")
    parent = serializers.CharField(required=False, help_text="上级区划代码（6、9 或 12 位），只列直接下级")
    q = serializers.CharField(required=False, help_text="名称片段或代码前缀")


class PlaceFilter(serializers.Serializer):
    region = serializers.CharField(required=False, help_text="区划代码（6、9 或 12 位），含下级区划")
    q = serializers.CharField(required=False, help_text="名称片段")
    kind = serializers.CharField(required=False, help_text="类型")
    department = serializers.IntegerField(required=False, help_text="部门 ID")
    center = serializers.IntegerField(required=False, help_text="中心 ID")


# --- input ---------------------------------------------------------------------------------------


class DepartmentCreateInput(serializers.Serializer):
    region = serializers.CharField(max_length=12, help_text="区划代码（6、9 或 12 位）")
    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=100)
    short_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    credit_code = serializers.CharField(max_length=40, required=False, allow_blank=True, allow_null=True,
                                        default=None, help_text="统一社会信用代码（18 位）")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class DepartmentUpdateInput(serializers.Serializer):
    code = serializers.CharField(max_length=32, required=False)
    name = serializers.CharField(max_length=100, required=False)
    short_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    credit_code = serializers.CharField(max_length=40, required=False, allow_blank=True, allow_null=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)


class _PlaceInput(serializers.Serializer):
    address = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    hours = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ServiceCenterCreateInput(_PlaceInput):
    kind = serializers.ChoiceField(choices=CenterKind.choices)
    region = serializers.CharField(max_length=12, help_text="区划代码（6、9 或 12 位）")
    name = serializers.CharField(max_length=100)
    department = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="分中心的设立部门")
    parent = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="上级政务服务中心")
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, default=None)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True, default=None)


class ServiceCenterUpdateInput(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False)
    address = serializers.CharField(max_length=200, required=False)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    hours = serializers.CharField(max_length=200, required=False, allow_blank=True)
    parent = serializers.IntegerField(required=False, allow_null=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)


class WindowCreateInput(serializers.Serializer):
    center = serializers.IntegerField()
    number = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=WindowKind.choices)
    department = serializers.IntegerField(required=False, allow_null=True, default=None)
    chief_representative = serializers.IntegerField(required=False, allow_null=True, default=None)


class WindowUpdateInput(serializers.Serializer):
    number = serializers.CharField(max_length=20, required=False)
    name = serializers.CharField(max_length=100, required=False)
    kind = serializers.ChoiceField(choices=WindowKind.choices, required=False)
    department = serializers.IntegerField(required=False, allow_null=True)
    chief_representative = serializers.IntegerField(required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)


class ServicePointCreateInput(_PlaceInput):
    region = serializers.CharField(max_length=12, help_text="区划代码（9 或 12 位，乡镇或村）")
    name = serializers.CharField(max_length=100)
    center = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="所属便民服务中心")


class KioskCreateInput(serializers.Serializer):
    serial_number = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=100)
    location = serializers.CharField(max_length=200)
    region = serializers.CharField(required=False, allow_blank=True, default="", max_length=12, help_text="缺省为所在中心或代办点的区划")
    center = serializers.IntegerField(required=False, allow_null=True, default=None)
    point = serializers.IntegerField(required=False, allow_null=True, default=None)
    hours = serializers.CharField(max_length=200, required=False, allow_blank=True, default="24小时")

