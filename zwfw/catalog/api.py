"""Catalog API (read-only this round): /api/v1/catalog/items, /api/v1/catalog/versions.

Published items and versions are public (七公开); drafts only reach those the selectors allow.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zwfw.core.errors import NotFound
from zwfw.organizations.models import Region

from . import api_write, selectors
from . import serializers as s
from .api_queue import ReviewQueueView
from .exchange.api import CatalogExchangeViewSet
from .models import ServiceItem
from .search.api import CatalogSearchViewSet


def _parse(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema(tags=["catalog"])
class ItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]
    lookup_value_regex = r"\d+"
    serializer_class = s.ItemSerializer

    def get_queryset(self):
        if self.action != "list":
            return selectors.item_list(viewer=self.request.user, include_cancelled=True)
        params = _parse(s.ItemFilterSerializer, self.request.query_params)
        region = None
        if "region" in params:
            region = Region.objects.filter(code=params["region"]).first()
            if region is None:
                raise NotFound("区划不存在")
        return selectors.item_list(viewer=self.request.user, region=region, item_type=params.get("item_type"))

    @extend_schema(parameters=[OpenApiParameter("region", str), OpenApiParameter("item_type", str)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.VersionSummarySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)  # every published version, not a page
    def versions(self, request, pk=None):
        item = ServiceItem.objects.filter(pk=pk).first()
        if item is None:
            raise NotFound()
        versions = selectors.version_list(viewer=request.user, item=item)
        if not versions:
            raise NotFound()
        return Response(s.VersionSummarySerializer(versions, many=True).data)


@extend_schema(tags=["catalog"])
class VersionViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]
    lookup_value_regex = r"\d+"
    serializer_class = s.VersionSerializer

    def retrieve(self, request, pk=None):
        version = selectors.version_get(viewer=request.user, version_id=int(pk))
        return Response(s.VersionSerializer(version).data)

    @extend_schema(parameters=[s.DiffQuerySerializer], responses=s.DiffEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        params = _parse(s.DiffQuerySerializer, request.query_params)
        changes = selectors.version_diff(viewer=request.user, old_id=params["against"], new_id=int(pk))
        return Response(s.DiffEntrySerializer(changes, many=True).data)


def register(router):
    router.register("catalog/items", ItemViewSet, basename="catalog-item")
    router.register("catalog/versions", VersionViewSet, basename="catalog-version")
    router.register("catalog/search", CatalogSearchViewSet, basename="catalog-search")
    router.register("catalog", CatalogExchangeViewSet, basename="catalog-exchange")  # template, export, import
    from django.urls import path

    queue = path("catalog/review-queue", ReviewQueueView.as_view(), name="catalog-review-queue")
    return [*api_write.register(router), queue]  # staff write API and reports (drafts, review, stats, …)
