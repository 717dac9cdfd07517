"""API shapes of the catalog (read-only for now)."""

from __future__ import annotations

from rest_framework import serializers

from .forms_spec import form_describe, form_fields_for
from .models import FeeItem, FormField, ItemVersion, Material, ProcessStep, ServiceItem, SpecialProcedure


class VersionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = ItemVersion
        fields = ["id", "number", "status", "name", "item_type", "initiated_by", "statutory_limit",
                  "statutory_limit_unit", "promised_limit", "promised_limit_unit", "case_kind", "max_visits",
                  "online_depth", "effective_on", "published_at"]


class ItemSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", default="", read_only=True)
    current_version = VersionSummarySerializer(read_only=True)

    class Meta:
        model = ServiceItem
        fields = ["id", "catalog_level", "region", "department", "level", "base_code", "implementation_code",
                  "sub_code", "local_code", "parent", "variant", "status", "cancelled_on", "current_version"]


def _child(model_class):
    class Child(serializers.ModelSerializer):
        class Meta:
            model = model_class
            exclude = ["id", "version"]
            ref_name = f"Catalog{model_class.__name__}"

    return Child


class VersionSerializer(serializers.ModelSerializer):
    materials = _child(Material)(many=True, read_only=True)
    steps = _child(ProcessStep)(many=True, read_only=True)
    special_procedures = _child(SpecialProcedure)(many=True, read_only=True)
    fee_items = _child(FeeItem)(many=True, read_only=True)
    form_fields = _child(FormField)(many=True, read_only=True)
    application_form = serializers.SerializerMethodField(
        help_text="申请表（一表式）：本版本的字段，未定义时为按服务对象生成的默认字段；condition 为 {field, value} 或 null")
    audience = serializers.ListField(child=serializers.CharField(), read_only=True)
    fast_track_tags = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ItemVersion
        exclude = ["created_by", "published_by", "themes"]

    def get_application_form(self, version) -> list[dict]:
        return form_describe(form_fields_for(version))


class DiffEntrySerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class DiffQuerySerializer(serializers.Serializer):
    against = serializers.IntegerField(help_text="与之比较的旧版本ID")


class ItemFilterSerializer(serializers.Serializer):
    region = serializers.CharField(required=False, help_text="区划代码（含下级）")
    item_type = serializers.ChoiceField(choices=[c for c, _ in ItemVersion._meta.get_field("item_type").choices],
                                        required=False)
