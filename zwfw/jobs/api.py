"""Outbox dead letters and job runs for the system administrator."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from zwfw.accounts.models import Role
from zwfw.core.errors import PermissionDenied

from . import selectors, services

TAG = ["jobs"]


def _require_admin(user) -> None:
    if not user.has_role(Role.SYSTEM_ADMIN):
        raise PermissionDenied()


class OutboxMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    dedupe_key = serializers.CharField()
    status = serializers.CharField()
    attempts = serializers.IntegerField()
    last_error = serializers.CharField()
    created_at = serializers.DateTimeField()
    next_attempt_at = serializers.DateTimeField()


class JobRunSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    label = serializers.CharField()
    status = serializers.CharField()
    total = serializers.IntegerField()
    done = serializers.IntegerField()
    changed = serializers.IntegerField()
    percent = serializers.IntegerField()
    error = serializers.CharField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


class DeadLetterListView(ListAPIView):
    serializer_class = OutboxMessageSerializer

    @extend_schema(tags=TAG, operation_id="outbox_dead_list", summary="投递失败的消息（系统管理员）")
    def get(self, request, *args, **kwargs):
        _require_admin(request.user)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.outbox_dead_letters(viewer=self.request.user)


class RetryView(APIView):
    @extend_schema(tags=TAG, operation_id="outbox_retry", summary="重新投递一条失败的消息（系统管理员）",
                   request=None, responses=OutboxMessageSerializer)
    def post(self, request, pk: int):
        message = selectors.outbox_message_get(viewer=request.user, pk=pk)
        message = services.outbox_retry(actor=request.user, message=message)
        return Response(OutboxMessageSerializer(message).data)


class JobRunListView(ListAPIView):
    serializer_class = JobRunSerializer

    @extend_schema(tags=TAG, operation_id="job_run_list", summary="后台任务及进度（系统管理员）")
    def get(self, request, *args, **kwargs):
        _require_admin(request.user)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.job_runs(viewer=self.request.user)


class JobRunView(APIView):
    @extend_schema(tags=TAG, operation_id="job_run_get", summary="一个后台任务的进度（系统管理员）",
                   responses=JobRunSerializer)
    def get(self, request, pk: int):
        return Response(JobRunSerializer(selectors.job_run_get(viewer=request.user, pk=pk)).data)


def register(router):
    return [
        path("outbox/dead", DeadLetterListView.as_view(), name="outbox-dead"),
        path("outbox/<int:pk>/retry", RetryView.as_view(), name="outbox-retry"),
        path("jobs/runs", JobRunListView.as_view(), name="job-runs"),
        path("jobs/runs/<int:pk>", JobRunView.as_view(), name="job-run"),
    ]
