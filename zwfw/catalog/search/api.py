"""GET /api/v1/catalog/search?q=&department=&theme=&audience=&level=&item_type=&region=&page=&page_size=

Public (七公开): anonymous callers get the same answer as signed-in ones."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.fields import ProhibitNullCharactersValidator
from rest_framework.response import Response

from zwfw.core.errors import ValidationFailed
from zwfw.core.text import has_control_chars
from zwfw.organizations.models import Department, Region

from ..models import ItemLevel, ItemType
from ..models.codes import Audience
from .selectors import AUDIENCE_GROUPS, MAX_PAGE_SIZE, catalog_search


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="", max_length=100,
                              help_text=_("检索词；为空时按筛选条件浏览"))
    region = serializers.RegexField(r"^\d{12}$", required=False, help_text=_("区划代码（12位），含下级"))
    department = serializers.IntegerField(required=False, min_value=1, help_text=_("实施主体（部门）ID"))
    theme = serializers.IntegerField(required=False, min_value=1, help_text=_("主题ID（含人生事件、企业事件）"))
    audience = serializers.ChoiceField(
        required=False, choices=[*AUDIENCE_GROUPS, *Audience.values],
        help_text=_("服务对象代码，或 person（个人）/ enterprise（法人）"))
    level = serializers.ChoiceField(required=False, choices=ItemLevel.choices)
    item_type = serializers.ChoiceField(required=False, choices=ItemType.choices)
    page = serializers.IntegerField(required=False, default=1, min_value=1)
    page_size = serializers.IntegerField(required=False, default=20, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # DRF's own NUL check answers in English; ours names every control character in Chinese.
        self.fields["q"].validators = [v for v in self.fields["q"].validators
                                       if not isinstance(v, ProhibitNullCharactersValidator)]

    def validate_q(self, value: str) -> str:
        if has_control_chars(value):
            raise serializers.ValidationError(_("检索词含有控制字符，请删除后重试"), code="control_characters")
        return value


class SearchHitSerializer(serializers.Serializer):
    item_id = serializers.IntegerField()
    version_id = serializers.IntegerField()
    name = serializers.CharField()
    department_name = serializers.CharField()
    item_type = serializers.CharField()
    score = serializers.IntegerField()
    highlight = serializers.CharField(help_text=_("事项名称（已做HTML转义），命中部分以<mark>标出"))


@extend_schema_serializer(many=False)  # the list action answers one page object, not an array
class SearchPageSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    total_capped = serializers.BooleanField(help_text=_("为真时实际条数多于 total（显示为“1000+”）"))
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    results = SearchHitSerializer(many=True)


@extend_schema(tags=["catalog"])
class CatalogSearchViewSet(viewsets.ViewSet):
    permission_classes = [permissions.AllowAny]

    @extend_schema(parameters=[SearchQuerySerializer], responses=SearchPageSerializer,
                   summary="事项检索（网上办事大厅）")
    def list(self, request):
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        p = query.validated_data
        region = department = None
        if "region" in p and (region := Region.objects.filter(code=p["region"]).first()) is None:
            raise ValidationFailed.on("region", _("区划不存在"))
        if "department" in p and (department := Department.objects.filter(pk=p["department"]).first()) is None:
            raise ValidationFailed.on("department", _("部门不存在"))
        page = catalog_search(viewer=request.user, query=p["q"], region=region, department=department,
                              theme=p.get("theme"), audience=p.get("audience"), level=p.get("level"),
                              item_type=p.get("item_type"), page=p["page"], page_size=p["page_size"])
        return Response(SearchPageSerializer(page).data)
