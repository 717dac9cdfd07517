"""Staff workbench: one entry page per role the signed-in staff member holds."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.accounts.models import AccountKind, Role
from zwfw.calendar.selectors import calendar_coverage_warnings
from zwfw.core.errors import NotFound, PermissionDenied

from . import selectors, services
from .catalog.selectors import returned_drafts
from .sections import section_for


def staff_required(view):
    """Sign-in required; citizens and enterprises are sent to the portal."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if request.user.kind != AccountKind.STAFF:
            messages.info(request, _("工作台仅供工作人员使用。"))
            return redirect("portal:home")
        return view(request, *args, **kwargs)

    return wrapper


def _render_role(request, role: Role | None, extra: dict | None = None):
    roles = selectors.workbench_roles(viewer=request.user)
    # Role itself goes to the templates so that they compare with Role.X, not with a role's name.
    context = {"Role": Role, "roles": roles, "active_role": role, "section_template": None,
               "calendar_warnings": calendar_coverage_warnings(viewer=request.user),
               "returned_drafts": returned_drafts(viewer=request.user)}
    if role is not None:
        template, section = section_for(role, request.user)
        context.update(section, section_template=template)
    context.update(extra or {})
    return render(request, "workbench/home.html", context)


@staff_required
def home(request):
    roles = selectors.workbench_roles(viewer=request.user)
    return _render_role(request, roles[0] if roles else None)


@staff_required
def role_page(request, role: str):
    if role not in Role.values:
        raise NotFound()
    if not request.user.has_role(role):
        raise PermissionDenied()
    return _render_role(request, Role(role))


@staff_required
@require_POST
def audit_verify(request):
    if not request.user.has_role(Role.SECURITY_AUDITOR):
        raise PermissionDenied()
    check = services.audit_chain_check(actor=request.user)
    if request.headers.get("HX-Request") == "true":
        return render(request, "workbench/roles/_audit_result.html", {"check": check})
    return _render_role(request, Role.SECURITY_AUDITOR, {"check": check})


@staff_required
@require_POST
def sign_in_unlock(request, pk: int):
    """The security administrator lifts a sign-in lock (issue 13, finding 2); audited."""
    from zwfw.accounts.services.throttle import sign_in_lock_get
    from zwfw.accounts.services.throttle import sign_in_unlock as unlock

    unlock(actor=request.user, throttle=sign_in_lock_get(viewer=request.user, pk=pk))
    messages.success(request, _("已解除锁定。"))
    return redirect("workbench:role", role=Role.SECURITY_ADMIN)


@staff_required
@require_POST
def api_token_revoke(request, pk: int):
    """The security administrator revokes someone's API token (issue 13, finding 11); audited."""
    from zwfw.accounts.tokens import api_token_get
    from zwfw.accounts.tokens import api_token_revoke as revoke

    if not request.user.has_role(Role.SECURITY_ADMIN):
        raise PermissionDenied()
    revoke(actor=request.user, token=api_token_get(request.user, pk))
    messages.success(request, _("已吊销接口令牌。"))
    return redirect("workbench:role", role=Role.SECURITY_ADMIN)
