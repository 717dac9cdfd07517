"""个人空间: the signed-in citizen's or enterprise's own page on the portal (account, cases,
messages). Staff have the workbench instead; visitors are sent to the citizen sign-in."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zwfw.accounts.models import AccountKind
from zwfw.notifications.selectors import inbox_messages, inbox_unread_count

from .case_selectors import RECENT_CASES, my_cases

RECENT_MESSAGES = 5


@require_GET
@never_cache
def my_space(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("accounts:citizen_login"))
    if user.kind == AccountKind.STAFF:
        return redirect("workbench:home")
    return render(request, "portal/my_space.html", {
        "account": user, "my_cases": my_cases(viewer=user, limit=RECENT_CASES),
        "messages_recent": list(inbox_messages(viewer=user)[:RECENT_MESSAGES]),
        "messages_unread": inbox_unread_count(viewer=user),
    })
