"""Inbox API: the signed-in account's own messages."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors, services

TAG = ["inbox"]


class InboxMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    link = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


UNREAD = OpenApiParameter("unread", bool, description="只返回未读消息")
COUNT = inline_serializer("InboxUnreadCount", {"unread": serializers.IntegerField()})
MARKED = inline_serializer("InboxMarked", {"marked": serializers.IntegerField()})


class InboxListView(ListAPIView):
    serializer_class = InboxMessageSerializer

    @extend_schema(tags=TAG, operation_id="inbox_list", summary="我的站内消息（最新在前）", parameters=[UNREAD])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        unread = self.request.query_params.get("unread", "").lower() in ("1", "true", "yes")
        return selectors.inbox_messages(viewer=self.request.user, unread_only=unread)


class UnreadCountView(APIView):
    @extend_schema(tags=TAG, operation_id="inbox_unread_count", summary="未读消息数", responses=COUNT)
    def get(self, request):
        return Response({"unread": selectors.inbox_unread_count(viewer=request.user)})


class MarkReadView(APIView):
    @extend_schema(tags=TAG, operation_id="inbox_mark_read", summary="将一条消息标为已读", request=None,
                   responses=InboxMessageSerializer)
    def post(self, request, pk: int):
        message = selectors.inbox_message_get(viewer=request.user, pk=pk)
        services.inbox_mark_read(actor=request.user, message_ids=[message.pk])
        message.refresh_from_db()
        return Response(InboxMessageSerializer(message).data)


class MarkAllReadView(APIView):
    @extend_schema(tags=TAG, operation_id="inbox_mark_all_read", summary="全部标为已读", request=None,
                   responses=MARKED)
    def post(self, request):
        return Response({"marked": services.inbox_mark_read(actor=request.user)})


def register(router):
    return [
        path("inbox", InboxListView.as_view(), name="inbox-list"),
        path("inbox/unread-count", UnreadCountView.as_view(), name="inbox-unread-count"),
        path("inbox/read-all", MarkAllReadView.as_view(), name="inbox-mark-all-read"),
        path("inbox/<int:pk>/read", MarkReadView.as_view(), name="inbox-mark-read"),
    ]
