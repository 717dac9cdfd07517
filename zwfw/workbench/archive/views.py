"""The archivist's pages (档案管理员): the sealed cases of their department or region, and one
case's archive package (ADR 0033). Thin: the selector scopes, the service builds and audits."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.cases.archive.package import case_archive_package
from zwfw.cases.archive.responses import archive_response
from zwfw.cases.archive.selectors import archived_cases_for
from zwfw.core.errors import PermissionDenied

from ..views import staff_required


@staff_required
def archive_list(request):
    if not request.user.has_role(Role.ARCHIVIST):
        raise PermissionDenied(_("只有档案管理员可以查看办件档案"))
    page = Paginator(archived_cases_for(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "workbench/archive/list.html", {"page": page})


@staff_required
def archive_package(request, case_id: int):
    return archive_response(case_archive_package(actor=request.user, case_id=case_id))
