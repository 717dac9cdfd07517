"""API resources of the organisations context (/api/v1/regions, departments, service-centers, …).

Reads are open to every signed-in user (the network is public information); writes go through
the services, which only system administrators may call.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from zwfw.api.schema import error_responses
from zwfw.core.errors import ValidationFailed

from . import selectors, services
from . import serializers as s

ERRORS = error_responses()


def _responses(ok_status: int, ok) -> dict:
    return {ok_status: ok, **ERRORS}


class OrgWritePermission(permissions.BasePermission):
    """Signed in to read; system administrator to write (checked by the services' own rule)."""

    def has_permission(self, request, view) -> bool:
        if request.method not in permissions.SAFE_METHODS:
            services.org_admin_required(request.user)
        return True


def parse(serializer_class, data) -> dict:
    """Validated input (only the fields given, plus declared defaults)."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class OrgViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated, OrgWritePermission]
    http_method_names = ["get", "post", "patch", "head", "options"]
    detail_serializer_class: type | None = None

    def get_serializer_class(self):
        if self.action != "list" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return self.serializer_class

    def filters(self) -> dict:
        """Query-parameter filters of a list, with region codes and ids resolved for the viewer."""
        if self.action != "list":
            return {}
        params = parse(s.PlaceFilter, self.request.query_params)
        viewer = self.request.user
        if "region" in params:
            params["region"] = services.region_resolve(params["region"])
        if "department" in params:
            params["department"] = ref(selectors.departments_visible(viewer), params["department"], "department")
        if "center" in params:
            params["center"] = ref(selectors.service_centers_visible(viewer), params["center"], "center")
        return params

    def render(self, obj, status_code=status.HTTP_200_OK) -> Response:
        serializer = self.get_serializer_class()(obj, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)


LABELS = {"department": "部门", "center": "中心", "parent": "上级中心", "point": "代办点",
          "chief_representative": "工作人员"}


def ref(queryset, pk, field: str):
    """The object a request names by id, looked up among what the viewer may see."""
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise ValidationFailed.on(field, f"{LABELS[field]} {pk} 不存在", code=f"{field}_not_found")
    return obj


def pick(params: dict, *names: str) -> dict:
    return {k: params[k] for k in names if k in params}


REGION_LIST = extend_schema(summary="行政区划列表", parameters=[s.RegionFilter], responses=_responses(200, s.RegionSerializer(many=True)))


@extend_schema_view(list=REGION_LIST,
                    retrieve=extend_schema(summary="行政区划", responses=_responses(200, s.RegionSerializer)))
class RegionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.RegionSerializer
    lookup_field = "code"
    lookup_value_regex = "[0-9]{6,12}"

    def get_queryset(self):
        if self.action != "list":
            return selectors.regions_list(viewer=self.request.user)
        params = parse(s.RegionFilter, self.request.query_params)
        if "parent" in params:
            params["parent"] = services.region_resolve(params["parent"], field="parent")
        return selectors.regions_list(viewer=self.request.user, **params)

    def retrieve(self, request, code=None):
        return Response(s.RegionSerializer(selectors.region_get(viewer=request.user, code=code)).data)


def _list_schema(summary: str, serializer, list_serializer=None) -> dict:
    """A list answers the list serializer's rows (no stationed staff); one object the detail."""
    rows = (list_serializer or serializer)(many=True)
    return {
        "list": extend_schema(summary=summary + "列表", parameters=[s.PlaceFilter], responses=_responses(200, rows)),
        "retrieve": extend_schema(summary=summary, responses=_responses(200, serializer)),
    }


@extend_schema_view(**_list_schema("部门", s.DepartmentDetailSerializer, s.DepartmentSerializer))
class DepartmentViewSet(OrgViewSet):
    serializer_class = s.DepartmentSerializer
    detail_serializer_class = s.DepartmentDetailSerializer

    def get_queryset(self):
        return selectors.departments_visible(self.request.user, **pick(self.filters(), "region", "q"))

    @extend_schema(summary="新增部门", request=s.DepartmentCreateInput, responses=_responses(201, s.DepartmentDetailSerializer))
    def create(self, request):
        data = parse(s.DepartmentCreateInput, request.data)
        return self.render(services.department_create(actor=request.user, **data), status.HTTP_201_CREATED)

    @extend_schema(summary="修改部门", request=s.DepartmentUpdateInput, responses=_responses(200, s.DepartmentDetailSerializer))
    def partial_update(self, request, pk=None):
        data = parse(s.DepartmentUpdateInput, request.data)
        return self.render(services.department_update(actor=request.user, department=self.get_object(), **data))

    @extend_schema(summary="停用部门", request=None, responses=_responses(200, s.DepartmentDetailSerializer))
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        return self.render(services.department_deactivate(actor=request.user, department=self.get_object()))


@extend_schema_view(**_list_schema("政务服务中心", s.ServiceCenterDetailSerializer, s.ServiceCenterSerializer))
class ServiceCenterViewSet(OrgViewSet):
    serializer_class = s.ServiceCenterSerializer
    detail_serializer_class = s.ServiceCenterDetailSerializer

    def get_queryset(self):
        return selectors.service_centers_visible(self.request.user, **pick(self.filters(), "region", "kind", "department"))

    def _refs(self, data: dict) -> dict:
        viewer = self.request.user
        if "department" in data:
            data["department"] = ref(selectors.departments_visible(viewer), data["department"], "department")
        if "parent" in data:
            data["parent"] = ref(selectors.service_centers_visible(viewer), data["parent"], "parent")
        return data

    @extend_schema(summary="新增中心", request=s.ServiceCenterCreateInput, responses=_responses(201, s.ServiceCenterDetailSerializer))
    def create(self, request):
        data = self._refs(parse(s.ServiceCenterCreateInput, request.data))
        return self.render(services.service_center_create(actor=request.user, **data), status.HTTP_201_CREATED)

    @extend_schema(summary="修改中心", request=s.ServiceCenterUpdateInput, responses=_responses(200, s.ServiceCenterDetailSerializer))
    def partial_update(self, request, pk=None):
        data = self._refs(parse(s.ServiceCenterUpdateInput, request.data))
        return self.render(services.service_center_update(actor=request.user, center=self.get_object(), **data))


@extend_schema_view(**_list_schema("窗口", s.WindowDetailSerializer, s.WindowSerializer))
class WindowViewSet(OrgViewSet):
    serializer_class = s.WindowSerializer
    detail_serializer_class = s.WindowDetailSerializer

    def get_queryset(self):
        return selectors.windows_visible(
            self.request.user, **pick(self.filters(), "region", "kind", "department", "center")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        page = getattr(self, "_page", None)
        objs = page if page is not None else [getattr(self, "_object", None)]
        ids = [w.chief_representative_id for w in objs if w is not None]
        context["visible_staff_ids"] = selectors.staff_visible_ids(viewer=self.request.user, ids=ids)
        return context

    def paginate_queryset(self, queryset):
        self._page = super().paginate_queryset(queryset)
        return self._page

    def render(self, obj, status_code=status.HTTP_200_OK) -> Response:
        self._object = obj
        return super().render(obj, status_code)

    def retrieve(self, request, pk=None):
        return self.render(self.get_object())

    def _refs(self, data: dict) -> dict:
        viewer = self.request.user
        if "center" in data:
            data["center"] = ref(selectors.service_centers_visible(viewer), data["center"], "center")
        if "department" in data:
            data["department"] = ref(selectors.departments_visible(viewer), data["department"], "department")
        if data.get("chief_representative") is not None:
            pk = data["chief_representative"]
            data["chief_representative"] = selectors.staff_member_for_assignment(viewer=viewer, pk=pk)
            if data["chief_representative"] is None:
                raise ValidationFailed.on("chief_representative", f"工作人员 {pk} 不存在",
                                          code="chief_representative_not_found")
        return data

    @extend_schema(summary="新增窗口", request=s.WindowCreateInput, responses=_responses(201, s.WindowDetailSerializer))
    def create(self, request):
        data = self._refs(parse(s.WindowCreateInput, request.data))
        return self.render(services.window_create(actor=request.user, **data), status.HTTP_201_CREATED)

    @extend_schema(summary="修改窗口", request=s.WindowUpdateInput, responses=_responses(200, s.WindowDetailSerializer))
    def partial_update(self, request, pk=None):
        data = self._refs(parse(s.WindowUpdateInput, request.data))
        return self.render(services.window_update(actor=request.user, window=self.get_object(), **data))


@extend_schema_view(**_list_schema("代办点", s.ServicePointDetailSerializer, s.ServicePointSerializer))
class ServicePointViewSet(OrgViewSet):
    serializer_class = s.ServicePointSerializer
    detail_serializer_class = s.ServicePointDetailSerializer

    def get_queryset(self):
        return selectors.service_points_visible(self.request.user, **pick(self.filters(), "region", "center"))

    @extend_schema(summary="新增代办点", request=s.ServicePointCreateInput, responses=_responses(201, s.ServicePointDetailSerializer))
    def create(self, request):
        data = parse(s.ServicePointCreateInput, request.data)
        data["center"] = ref(selectors.service_centers_visible(request.user), data["center"], "center")
        return self.render(services.service_point_create(actor=request.user, **data), status.HTTP_201_CREATED)


@extend_schema_view(**_list_schema("自助终端", s.KioskSerializer))
class KioskViewSet(OrgViewSet):
    serializer_class = s.KioskSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.kiosks_visible(self.request.user, **pick(self.filters(), "region", "center"))

    @extend_schema(summary="登记自助终端", request=s.KioskCreateInput, responses=_responses(201, s.KioskSerializer))
    def create(self, request):
        data = parse(s.KioskCreateInput, request.data)
        data["center"] = ref(selectors.service_centers_visible(request.user), data["center"], "center")
        data["point"] = ref(selectors.service_points_visible(request.user), data["point"], "point")
        return self.render(services.kiosk_create(actor=request.user, **data), status.HTTP_201_CREATED)


def register(router):
    router.register("regions", RegionViewSet, basename="region")
    router.register("departments", DepartmentViewSet, basename="department")
    router.register("service-centers", ServiceCenterViewSet, basename="service-center")
    router.register("windows", WindowViewSet, basename="window")
    router.register("service-points", ServicePointViewSet, basename="service-point")
    router.register("kiosks", KioskViewSet, basename="kiosk")
    return []
