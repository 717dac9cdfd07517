"""Accounts and roles pages (/workbench/accounts/): thin — parse a form, call one service.

Who may do what is not decided here: the three administrators read (ADR 0006, 0026), the
services refuse what the role tables in zwfw.accounts.roles do not allow, and the page offers
only what `account_get` says the viewer may do.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.accounts.models import Role
from zwfw.accounts.roles import ACCOUNT_MANAGERS, grantable_roles
from zwfw.accounts.services import (
    role_grant,
    role_revoke,
    staff_create,
    staff_deactivate,
    staff_set_password,
    staff_update,
)
from zwfw.core.errors import DomainError, PermissionDenied
from zwfw.core.views import show_on_forms

from ..views import staff_required
from . import selectors
from .forms import PasswordResetForm, RoleGrantForm, ScopeFields, StaffCreateForm


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1


@staff_required
def account_list(request):
    filters = {key: request.GET.get(key, "")[:60] for key in ("q", "department", "role", "status")}
    page = selectors.staff_page(viewer=request.user, page=_int(request.GET.get("page")), **filters)
    return render(request, "workbench/accounts/list.html", {
        "page": page, "filters": filters, "roles": list(Role),
        "departments": selectors.scope_choices()["department"],
        "can_create": request.user.has_role(*ACCOUNT_MANAGERS),
    })


@staff_required
def account_create(request):
    selectors.require_reader(request.user)
    if not request.user.has_role(*ACCOUNT_MANAGERS):
        raise PermissionDenied(_("只有安全管理员可以创建账号"))
    form = StaffCreateForm(request.POST or None, grantable=grantable_roles(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = staff_create(actor=request.user, username=data["username"], full_name=data["full_name"],
                                password=data["password"], roles=data["roles"], phone=data["phone"], **form.scope())
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已创建账号 %(name)s。") % {"name": user.full_name})
            return redirect("workbench:account", pk=user.pk)
    return render(request, "workbench/accounts/create.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def _detail(request, user, actions, **forms):
    scope_form = forms.get("scope_form") or ScopeFields(initial={
        "full_name": user.full_name,
        **{f: getattr(user, f"{f}_id") for f in ("department", "region", "service_center", "window", "service_point")},
    })
    scope_form.fields["phone"].help_text = _("当前：%(phone)s；留空表示不修改") % {"phone": user.phone or "—"}
    return render(request, "workbench/accounts/detail.html", {
        "account": user, "actions": actions, "scope_form": scope_form,
        "password_form": forms.get("password_form") or PasswordResetForm(),
        "grant_form": forms.get("grant_form") or RoleGrantForm(grantable=actions.grantable),
        "roles": [r for r in Role if r in user.role_set], "is_self": user.pk == request.user.pk,
    }, status=400 if forms else 200)


@staff_required
def account_detail(request, pk: int):
    user, actions = selectors.account_get(viewer=request.user, pk=pk)
    return _detail(request, user, actions)


@staff_required
@require_POST
def account_update(request, pk: int):
    user, actions = selectors.account_get(viewer=request.user, pk=pk)
    form = ScopeFields(request.POST)
    if form.is_valid():
        try:
            # A blank phone keeps the stored one: the page never shows a colleague's full number.
            phone = {"phone": form.cleaned_data["phone"]} if form.cleaned_data["phone"] else {}
            staff_update(actor=request.user, user=user, full_name=form.cleaned_data["full_name"], **phone,
                         **form.scope())
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("账号信息已保存。"))
            return redirect("workbench:account", pk=user.pk)
    return _detail(request, user, actions, scope_form=form)


@staff_required
@require_POST
def account_password(request, pk: int):
    user, actions = selectors.account_get(viewer=request.user, pk=pk)
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            staff_set_password(actor=request.user, user=user, password=form.cleaned_data["password"])
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已重置 %(name)s 的密码，请通过安全渠道告知本人。") % {"name": user.full_name})
            return redirect("workbench:account", pk=user.pk)
    return _detail(request, user, actions, password_form=form)


@staff_required
@require_POST
def account_deactivate(request, pk: int):
    user, _actions = selectors.account_get(viewer=request.user, pk=pk)
    staff_deactivate(actor=request.user, user=user)
    messages.success(request, _("已停用账号 %(name)s。") % {"name": user.full_name})
    return redirect("workbench:account", pk=user.pk)


@staff_required
@require_POST
def account_role_grant(request, pk: int):
    user, actions = selectors.account_get(viewer=request.user, pk=pk)
    form = RoleGrantForm(request.POST, grantable=[r for r in Role if r in grantable_roles(request.user)])
    if form.is_valid():
        try:
            role_grant(actor=request.user, user=user, role=form.cleaned_data["role"])
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已授予角色：%(role)s。") % {"role": Role(form.cleaned_data["role"]).label})
            return redirect("workbench:account", pk=user.pk)
    return _detail(request, user, actions, grant_form=form)


@staff_required
@require_POST
def account_role_revoke(request, pk: int):
    user, _actions = selectors.account_get(viewer=request.user, pk=pk)
    role = request.POST.get("role", "")
    role_revoke(actor=request.user, user=user, role=role)
    messages.success(request, _("已收回角色：%(role)s。") % {"role": Role(role).label})
    return redirect("workbench:account", pk=user.pk)
