"""Catalog Excel pages: download the template, export the published catalog, import a filled
template (catalog editors, for their own department). Thin: the rules and the every-bad-cell
report are zwfw.catalog.exchange's, the same services as `zwfw catalog import|export` and the API."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.accounts.models import Role
from zwfw.catalog.exchange.exporting import catalog_export_xlsx, template_xlsx
from zwfw.catalog.exchange.importing import ImportFailed, catalog_import
from zwfw.core.errors import DomainError, PermissionDenied
from zwfw.core.views import show_on_forms
from zwfw.organizations.home import home_region

from ..views import staff_required
from .forms_exchange import ImportForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(buffer: io.BytesIO, filename: str) -> HttpResponse:
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def _can_import(user) -> bool:
    return user.has_role(Role.CATALOG_EDITOR) and user.department_id is not None


def _page(request, *, form=None, report=None, failed=None, status=200):
    region = home_region()
    return render(request, "workbench/catalog/exchange.html", {
        "form": form or ImportForm(), "can_import": _can_import(request.user), "report": report,
        "failed": failed, "home_region": region, "department": request.user.department,
    }, status=status)


@staff_required
def exchange(request):
    return _page(request)


@staff_required
def template_download(request):
    buffer = io.BytesIO()
    template_xlsx(buffer)
    return _xlsx(buffer, "catalog-template.xlsx")


@staff_required
def export_download(request):
    """The published catalog of the home region, or of the viewer's own department (?department=own)."""
    department = request.user.department if request.GET.get("department") == "own" else None
    if request.GET.get("department") == "own" and department is None:
        raise PermissionDenied(_("您的账号不属于任何部门"))
    buffer = io.BytesIO()
    catalog_export_xlsx(viewer=request.user, out=buffer, region=None if department else home_region(),
                        department=department)
    return _xlsx(buffer, "catalog-export.xlsx")


@staff_required
@require_POST
def import_upload(request):
    if not _can_import(request.user):
        raise PermissionDenied(_("只有部门的事项编辑人员可以导入事项"))
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        report = catalog_import(actor=request.user, source=upload, file_name=upload.name[:200],
                                good_rows_only=form.cleaned_data["good_rows_only"])
    except ImportFailed as exc:
        messages.error(request, exc.message)
        return _page(request, form=form, failed=exc.report, status=400)
    except DomainError as exc:
        show_on_forms(request, exc, form)
        return _page(request, form=form, status=400)
    messages.success(request, _("导入完成：新建 %(c)s 个、更新 %(u)s 个、未变化 %(n)s 个、跳过 %(s)s 个事项。") % {
        "c": len(report.created), "u": len(report.updated), "n": len(report.unchanged), "s": len(report.skipped)})
    return _page(request, report=report)
