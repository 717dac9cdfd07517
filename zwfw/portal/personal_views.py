"""个人空间: the signed-in citizen's own page on the portal (account, enterprises, cases,
messages), and the enterprise pages of a legal representative (agents: authorise, revoke).
Staff have the workbench instead; visitors are sent to the citizen sign-in."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zwfw.accounts.acting import (
    applicants_acting_for,
    authorisation_get,
    authorisations_visible_to,
    enterprise_get,
    enterprises_held,
    is_legal_representative,
)
from zwfw.accounts.forms import AgentAuthoriseForm, EnterpriseOpenForm
from zwfw.accounts.models import AccountKind, Applicant, ApplicantKind
from zwfw.accounts.services import agent_authorisation_revoke, agent_authorise, enterprise_account_open
from zwfw.core.errors import DomainError, NotFound, ValidationFailed
from zwfw.core.masking import mask_text
from zwfw.core.views import show_on_forms
from zwfw.notifications.selectors import inbox_messages, inbox_unread_count

from .case_selectors import RECENT_CASES, my_cases
from .personal_selectors import item_published_by_code

RECENT_MESSAGES = 5


def applicant_page(view):
    """Signed-in citizens only: visitors go to the citizen sign-in, staff to the workbench."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:citizen_login"))
        if user.kind == AccountKind.STAFF:
            return redirect("workbench:home")
        return view(request, *args, **kwargs)

    return wrapped


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
@applicant_page
def my_space(request):
    user = request.user
    own = getattr(user, "applicant", None) if user.kind == AccountKind.CITIZEN else None
    held = list(enterprises_held(user))
    acting = list(applicants_acting_for(user).filter(kind="enterprise").exclude(pk__in=[e.pk for e in held])
                  .distinct())
    return render(request, "portal/my_space.html", {
        "account": user, "own_applicant": own, "identity": _sign_in_identity(user),
        "my_cases": my_cases(viewer=user, limit=RECENT_CASES),
        "enterprises_held": held, "enterprises_acting": acting,
        "messages_recent": list(inbox_messages(viewer=user)[:RECENT_MESSAGES]),
        "messages_unread": inbox_unread_count(viewer=user),
    })


@require_http_methods(["GET", "POST"])
@never_cache
@applicant_page
def enterprise_open(request):
    form = EnterpriseOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = enterprise_account_open(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("法人账号已开通。"))
            return redirect("portal:my_enterprise", enterprise_id=account.applicant_id)
    return render(request, "portal/enterprise_open.html", {"form": form})


@require_http_methods(["GET", "POST"])
@never_cache
@applicant_page
def my_enterprise(request, enterprise_id: int):
    enterprise = enterprise_get(request.user, enterprise_id)
    representative = is_legal_representative(request.user, enterprise)
    form = AgentAuthoriseForm(request.POST or None) if representative else None
    if request.method == "POST":
        if form is None:
            raise ValidationFailed(_("只有法定代表人可以授权经办人。"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = item_published_by_code(data["item_code"])
                if data["item_code"].strip() and item is None:
                    raise ValidationFailed.on("item_code", _("未找到该实施编码的已发布事项。"), code="item_not_found")
                agent_authorise(actor=request.user, enterprise=enterprise, agent_id_number=data["agent_id_number"],
                                agent_name=data["agent_name"], item=item, valid_until=data["valid_until"])
            except DomainError as exc:
                show_on_forms(request, exc, form)
            else:
                messages.success(request, _("已授权经办人%(name)s。") % {"name": data["agent_name"].strip()})
                return redirect("portal:my_enterprise", enterprise_id=enterprise.pk)
    return render(request, "portal/my_enterprise.html", {
        "enterprise": enterprise, "representative": representative, "form": form,
        "authorisations": list(authorisations_visible_to(request.user, enterprise)),
    })


@require_POST
@applicant_page
def agent_revoke(request, enterprise_id: int, authorisation_id: int):
    grant = authorisation_get(request.user, authorisation_id)
    if grant.enterprise_id != int(enterprise_id):
        raise NotFound()
    agent_authorisation_revoke(actor=request.user, authorisation=grant)
    messages.success(request, _("已撤销对%(name)s的授权。") % {"name": grant.agent.full_name})
    return redirect("portal:my_enterprise", enterprise_id=grant.enterprise_id)
