"""API shapes of the accounts context. ID and phone numbers always go out masked: the fields
render a `Sealed` value with str(), which is its mask."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zwfw.organizations.models import Department, Region, ServiceCenter, ServicePoint, Window

from .models import ApplicantKind, Role


@extend_schema_field(OpenApiTypes.STR)
class MaskedField(serializers.Field):
    """A SealedField rendered as its masked form (read-only)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # DRF writes a None attribute as null without asking the field; the document (and every
        # client) knows these as strings, empty when there is no number.
        value = super().get_attribute(instance)
        return "" if value is None else value

    def to_representation(self, value):
        return str(value) if value else ""


@extend_schema_field({"type": "string", "maxLength": 12, "nullable": True, "description": "区划代码"})
class RegionCodeField(serializers.PrimaryKeyRelatedField):
    """A region by its code; anything longer than a code is refused before the lookup."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Region.objects.all(), **kwargs)

    def to_internal_value(self, data):
        if len(str(data)) > 12:
            self.fail("does_not_exist", pk_value=str(data)[:12] + "…")
        return super().to_internal_value(data)


class StaffOut(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    phone = MaskedField(help_text="手机号码（脱敏：前3后4）")
    department = serializers.IntegerField(source="department_id", allow_null=True)
    region = serializers.CharField(source="region_id", allow_null=True)
    service_center = serializers.IntegerField(source="service_center_id", allow_null=True)
    window = serializers.IntegerField(source="window_id", allow_null=True)
    service_point = serializers.IntegerField(source="service_point_id", allow_null=True)
    roles = serializers.SerializerMethodField()
    is_active = serializers.BooleanField()

    def get_roles(self, user) -> list[str]:
        return sorted(grant.role for grant in user.role_grants.all())


class _ScopeIn(serializers.Serializer):
    full_name = serializers.CharField(max_length=60)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    region = RegionCodeField(required=False, allow_null=True)
    service_center = serializers.PrimaryKeyRelatedField(
        queryset=ServiceCenter.objects.all(), required=False, allow_null=True)
    window = serializers.PrimaryKeyRelatedField(queryset=Window.objects.all(), required=False, allow_null=True)
    service_point = serializers.PrimaryKeyRelatedField(
        queryset=ServicePoint.objects.all(), required=False, allow_null=True)


class StaffCreateIn(_ScopeIn):
    username = serializers.CharField(max_length=40)
    password = serializers.CharField(max_length=256, write_only=True, trim_whitespace=False)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), allow_empty=True)


class StaffUpdateIn(_ScopeIn):
    full_name = serializers.CharField(max_length=60, required=False)


class ApplicantOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    name = serializers.CharField()
    id_number = MaskedField(help_text="身份证号码（脱敏：前6后4）")
    credit_code = serializers.CharField(allow_null=True)
    legal_representative = serializers.CharField()
    phone = MaskedField(help_text="联系电话（脱敏：前3后4）")
    address = serializers.CharField()
    region = serializers.CharField(source="region_id", allow_null=True)
    created_at = serializers.DateTimeField()


class ApplicantIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    name = serializers.CharField(max_length=120)
    id_number = serializers.CharField(max_length=32, required=False, allow_blank=True)
    credit_code = serializers.CharField(max_length=32, required=False, allow_blank=True)
    legal_representative = serializers.CharField(max_length=60, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    region = RegionCodeField(required=False, allow_null=True)


class RevealOut(serializers.Serializer):
    id_number = serializers.CharField(help_text="完整身份证号码；每次查看均记入审计")


class TokenIn(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False)


class TokenOut(serializers.Serializer):
    token = serializers.CharField(help_text="仅此一次显示，请妥善保存")
    token_type = serializers.CharField()
    expires_at = serializers.DateTimeField()


class MeOut(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    kind = serializers.CharField()
    roles = serializers.SerializerMethodField()
    phone = MaskedField()
    department = serializers.IntegerField(source="department_id", allow_null=True)
    region = serializers.CharField(source="region_id", allow_null=True)

    def get_roles(self, user) -> list[str]:
        return sorted(user.role_set)


class RoleIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)



class ApiTokenOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    user = serializers.IntegerField(source="user_id")
    username = serializers.CharField(source="user.username")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)


class SignInLockOut(serializers.Serializer):
    id = serializers.IntegerField()
    scope = serializers.CharField(help_text="account 登录名 / address 来源地址 / device 已知设备")
    label = serializers.CharField(help_text="登录名（号码脱敏）或来源地址")
    user = serializers.IntegerField(source="user_id", allow_null=True)
    failures = serializers.IntegerField()
    locked_until = serializers.DateTimeField()
    lockouts = serializers.IntegerField(help_text="连续锁定次数（每次锁定时长加倍）")
