"""The signed-in user's inbox (staff and applicants alike)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import selectors, services

PAGE_SIZE = 20


@login_required
def inbox(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(selectors.inbox_messages(viewer=request.user, unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def mark_read(request, pk: int):
    message = selectors.inbox_message_get(viewer=request.user, pk=pk)
    services.inbox_mark_read(actor=request.user, message_ids=[message.pk])
    if message.link and request.POST.get("open") == "1":
        return redirect(message.link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    services.inbox_mark_read(actor=request.user)
    return redirect("notifications:inbox")
