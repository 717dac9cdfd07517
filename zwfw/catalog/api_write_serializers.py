"""Input and output shapes of the catalog write API and staff reports (zwfw.catalog.api_write).
Shapes only: the services validate content and raise Chinese field errors."""

from __future__ import annotations

from rest_framework import serializers

from .models import ItemChange, ItemType, ZeroReport


def json_rows():
    # A new field per attribute: DRF binds one field object to one name.
    return serializers.ListField(child=serializers.DictField(), required=False, allow_null=True,
                                 help_text="子表行（字段同 GET 版本详情）；给出时整体替换")


class DraftCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    item_type = serializers.ChoiceField(choices=ItemType.choices)
    base_code = serializers.CharField(max_length=12, help_text="基本编码，12位数字或大写字母")
    base_item = serializers.IntegerField(required=False, allow_null=True, help_text="基本目录事项ID")
    local_code = serializers.CharField(max_length=100, required=False, allow_blank=True)
    sub_code = serializers.CharField(max_length=2, required=False, allow_blank=True)
    fields = serializers.DictField(required=False, help_text="办事指南要素：字段名 → 值")
    materials = json_rows()
    steps = json_rows()
    form_fields = json_rows()


class VersionUpdateInput(serializers.Serializer):
    fields = serializers.DictField(required=False, help_text="办事指南要素：字段名 → 值")
    materials = json_rows()
    steps = json_rows()
    special_procedures = json_rows()
    fee_items = json_rows()
    form_fields = json_rows()
    window_ids = serializers.ListField(child=serializers.IntegerField(), required=False, allow_null=True)
    theme_codes = serializers.ListField(child=serializers.CharField(max_length=20), required=False, allow_null=True,
                                        help_text="服务主题 / 人生事件编码（给出时整体替换）")


class CommentInput(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnInput(CommentInput):
    field_comments = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False,
                                           default=dict, help_text="逐项意见：要素字段名 → 意见")


class PublishInput(serializers.Serializer):
    effective_on = serializers.DateField(required=False, allow_null=True, default=None)


class NewVersionInput(serializers.Serializer):
    change_summary = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ChangeInput(serializers.Serializer):
    effective_on = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)
    document = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class DelegateInput(ChangeInput):
    to_department = serializers.IntegerField(help_text="乡镇（街道）部门ID")


class ItemChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ItemChange
        fields = ["id", "item", "kind", "effective_on", "reason", "document", "to_department", "resulting_item",
                  "recorded_at"]


class ZeroReportInput(serializers.Serializer):
    item_type = serializers.ChoiceField(choices=ItemType.choices)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    statement = serializers.CharField(allow_blank=True)


class ZeroReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = ZeroReport
        fields = ["id", "department", "item_type", "year", "statement", "filed_at"]


class StatsSerializer(serializers.Serializer):
    """zwfw.catalog.stats.catalog_stats: counts by type code, initiated-by, department, 四办 and shares."""

    total = serializers.IntegerField()
    by_type = serializers.DictField(child=serializers.IntegerField(), help_text="事项类型代码 → 数量")
    by_type_label = serializers.DictField(child=serializers.IntegerField())
    by_initiated = serializers.DictField(child=serializers.IntegerField())
    by_department = serializers.ListField(child=serializers.DictField())
    fast_track = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))
    at_most_one_visit = serializers.IntegerField()
    at_most_one_visit_share = serializers.FloatField()
    online = serializers.IntegerField()
    online_share = serializers.FloatField()
    fully_online = serializers.IntegerField()
    fully_online_share = serializers.FloatField()
    speedup_mean = serializers.FloatField(allow_null=True)
    speedup_items = serializers.IntegerField()
    delegated_to_towns = serializers.IntegerField()


class ConsistencySerializer(serializers.Serializer):
    scope = serializers.CharField()
    problem_count = serializers.IntegerField()
    mismatches = serializers.ListField(child=serializers.DictField())
    missing = serializers.ListField(child=serializers.DictField())
    invalid_codes = serializers.ListField(child=serializers.DictField())
