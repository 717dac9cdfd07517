"""The step API: /api/v1/cases/{case}/steps… (list, claim, assign, opinion, pass, return, joint,
joint answer) and /api/v1/work/queue (the viewer's queue). Thin: parse, call one service or
selector, render. Every POST honours an Idempotency-Key like the other case actions."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response

from zwfw.accounts.models import AccountKind, User
from zwfw.api.pagination import PagePagination
from zwfw.api.schema import error_responses
from zwfw.core import clock
from zwfw.core.errors import ValidationFailed

from . import serializers_steps as s
from .api import IDEMPOTENCY, _idempotent, _parse
from .selectors import case_get
from .selectors_work import FILTERS, case_steps, work_queue
from .services import steps as services

ERRORS = error_responses()
CASE = OpenApiParameter("case_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="办件编号（内部 id）")


def _staff_user(pk, field: str):
    """An account named in a request (assignee, second verifier); whether it fits is the service's
    question, so any unknown id gets the same answer as an unfit one."""
    user = User.objects.filter(pk=pk, kind=AccountKind.STAFF).first() if pk is not None else None
    if pk is not None and user is None:
        raise ValidationFailed.on(field, _("所选工作人员不存在"), code=f"{field}_invalid")
    return user


class _OneObjectSchema(AutoSchema):
    """`list` here answers one object (the case's revision and its steps), not an array."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


@extend_schema(tags=["cases"], parameters=[CASE])
class CaseStepViewSet(viewsets.GenericViewSet):
    """办件环节: the steps of one case and the actions on its open step."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [JSONParser, FormParser]
    serializer_class = s.CaseStepsSerializer
    pagination_class = None  # `list` answers the case's steps in one object, not a page
    schema = _OneObjectSchema()

    def _case(self):
        return case_get(viewer=self.request.user, case_id=self.kwargs["case_pk"])

    def _steps(self, case) -> dict:
        case = self._case() if case is None else case_get(viewer=self.request.user, case_id=case.pk)
        staff = getattr(self.request.user, "kind", None) == AccountKind.STAFF
        return {"case": case.pk, "revision": case.revision,
                "steps": s.StepSerializer(case_steps(case), many=True, context={"staff": staff}).data}

    def _act(self, request, serializer_class, run) -> Response:
        data = _parse(serializer_class, request.data)
        case = self._case()

        def work():
            run(case, data)
            return 200, self._steps(case)

        return _idempotent(request, work)

    @extend_schema(responses={200: s.CaseStepsSerializer, **ERRORS}, summary="办件环节列表")
    def list(self, request, case_pk=None):
        return Response(self._steps(None))

    @extend_schema(request=s.StepRevisionInput, responses={200: s.CaseStepsSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="认领当前环节")
    @action(detail=False, methods=["post"])
    def claim(self, request, case_pk=None):
        return self._act(request, s.StepRevisionInput, lambda case, d: services.step_claim(
            actor=request.user, case=case, revision=d.get("revision")))

    @extend_schema(request=s.AssignInput, responses={200: s.CaseStepsSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="分派当前环节（部门负责人）")
    @action(detail=False, methods=["post"])
    def assign(self, request, case_pk=None):
        return self._act(request, s.AssignInput, lambda case, d: services.step_assign(
            actor=request.user, case=case, assignee=_staff_user(d["assignee"], "assignee"),
            revision=d.get("revision")))

    @extend_schema(request=s.OpinionInput, responses={200: s.CaseStepsSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="填写办理意见")
    @action(detail=False, methods=["post"])
    def opinion(self, request, case_pk=None):
        return self._act(request, s.OpinionInput, lambda case, d: services.step_opinion(
            actor=request.user, case=case, opinion=d["opinion"], revision=d.get("revision")))

    @extend_schema(request=s.PassInput, responses={200: s.CaseStepsSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="通过（转下一环节；现场核查须有共同核查人）")
    @action(detail=False, methods=["post"], url_path="pass")
    def pass_step(self, request, case_pk=None):
        return self._act(request, s.PassInput, lambda case, d: services.step_pass(
            actor=request.user, case=case, opinion=d["opinion"],
            second_verifier=_staff_user(d["second_verifier"], "second_verifier"), revision=d.get("revision")))

    @extend_schema(request=s.StepReturnInput, responses={200: s.CaseStepsSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="退回上一环节")
    @action(detail=False, methods=["post"], url_path="return")
    def return_step(self, request, case_pk=None):
        return self._act(request, s.StepReturnInput, lambda case, d: services.step_return(
            actor=request.user, case=case, reason=d["reason"], revision=d.get("revision")))

    @extend_schema(request=s.JointInput, responses={200: s.CaseStepsSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="送会签部门")
    @action(detail=False, methods=["post"])
    def joint(self, request, case_pk=None):
        return self._act(request, s.JointInput, lambda case, d: services.step_joint_request(
            actor=request.user, case=case, note=d["note"], revision=d.get("revision")))

    @extend_schema(request=s.JointAnswerInput, responses={200: s.CaseStepsSerializer, **ERRORS},
                   parameters=[IDEMPOTENCY], summary="会签答复（会签部门）")
    @action(detail=False, methods=["post"], url_path="joint-answer")
    def joint_answer(self, request, case_pk=None):
        return self._act(request, s.JointAnswerInput, lambda case, d: services.step_joint_answer(
            actor=request.user, case=case, agreed=d["agreed"], opinion=d["opinion"], revision=d.get("revision")))


@extend_schema(tags=["cases"])
class WorkQueueViewSet(viewsets.GenericViewSet):
    """待办: the open steps waiting for the viewer's post, red → yellow → due date."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.WorkQueueEntrySerializer
    pagination_class = PagePagination

    @extend_schema(parameters=[OpenApiParameter("show", OpenApiTypes.STR, enum=list(FILTERS),
                                                description="all 全部 / mine 我认领的 / unclaimed 待认领 / joint 会签")],
                   responses={200: s.WorkQueueEntrySerializer(many=True)}, summary="我的待办（按紧急程度排序）")
    def list(self, request):
        show = request.query_params.get("show", "all")
        if show not in FILTERS:
            raise ValidationFailed.on("show", _("筛选条件应为全部、我认领的、待认领或会签"), code="show_invalid")
        page = self.paginate_queryset(work_queue(request.user, now=clock.now(), show=show))
        return self.get_paginated_response(s.WorkQueueEntrySerializer(page, many=True).data)


def register(router):
    router.register(r"cases/(?P<case_pk>\d+)/steps", CaseStepViewSet, basename="case-steps")
    router.register("work/queue", WorkQueueViewSet, basename="work-queue")
    return []
