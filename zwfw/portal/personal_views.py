"""个人空间: the signed-in citizen's or enterprise's own page on the portal (account, cases,
messages). Staff have the workbench instead; visitors are sent to the citizen sign-in."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zwfw.accounts.models import AccountKind, Applicant, ApplicantKind
from zwfw.core.masking import mask_text
from zwfw.notifications.selectors import inbox_messages, inbox_unread_count

RECENT_MESSAGES = 5


def _sign_in_identity(user) -> tuple[str, str]:
    """(label, value) of what the account signs in with, as its owner knows it: the masked ID
    number of a person, the credit code of an enterprise; never the internal username."""
    applicant = Applicant.objects.filter(user=user).first()
    if applicant is not None and applicant.kind == ApplicantKind.PERSON and applicant.id_number:
        return _("身份证号码"), applicant.id_number.masked
    if applicant is not None and applicant.credit_code:
        return _("统一社会信用代码"), applicant.credit_code
    return _("登录账号"), mask_text(user.get_username())


@require_GET
@never_cache
def my_space(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("accounts:citizen_login"))
    if user.kind == AccountKind.STAFF:
        return redirect("workbench:home")
    # Cases are not built yet: the list stays empty ("暂无办件") until the cases context exists.
    return render(request, "portal/my_space.html", {
        "account": user, "cases": [], "identity": _sign_in_identity(user),
        "messages_recent": list(inbox_messages(viewer=user)[:RECENT_MESSAGES]),
        "messages_unread": inbox_unread_count(viewer=user),
    })
