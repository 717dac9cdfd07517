"""Editor pages: item list, item and version pages, create a draft, edit it, submit it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.accounts.models import Role
from zwfw.catalog import scope as catalog_scope_module
from zwfw.catalog.forms_html import form_class_for
from zwfw.catalog.forms_spec import form_fields_for, form_initial
from zwfw.catalog.models import CatalogLevel, ItemStatus, ServiceItem, VersionStatus
from zwfw.catalog.selectors import version_get
from zwfw.catalog.services import (
    item_draft_create,
    item_submit_for_review,
    item_version_create,
    item_version_update,
)
from zwfw.core.errors import DomainError, PermissionDenied
from zwfw.core.views import show_on_forms

from ..views import staff_required
from . import selectors
from .forms import CHILD_TITLES, ItemCreateForm, VersionForm, child_formsets, child_rows
from .labels import guide_elements


def _int(value, default: int = 1) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@staff_required
def item_list(request):
    q, status = request.GET.get("q", ""), request.GET.get("status", "")
    scope, page = selectors.item_page(viewer=request.user, q=q, status=status, page=_int(request.GET.get("page")))
    return render(request, "workbench/catalog/items.html", {
        "scope": scope, "page": page, "q": q, "status": status, "statuses": VersionStatus.choices,
        "can_create": request.user.has_role(Role.CATALOG_EDITOR) and request.user.department_id is not None,
    })


@staff_required
def item_detail(request, item_id: int):
    item = catalog_scope_module.item_get(viewer=request.user, item_id=item_id)
    return render(request, "workbench/catalog/item.html", {"detail": selectors.item_detail(viewer=request.user,
                                                                                            item=item)})


@staff_required
def item_create(request):
    department = request.user.department
    if department is None or not request.user.has_role(Role.CATALOG_EDITOR):
        raise PermissionDenied(_("只有本部门的事项编辑人员可以起草事项"))
    base_items = (ServiceItem.objects.filter(catalog_level=CatalogLevel.BASE, status=ItemStatus.ACTIVE,
                                             region__code__in=department.region.ancestor_codes()).select_related("current_version").order_by("base_code"))
    form = ItemCreateForm(request.POST or None, base_items=base_items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = item_draft_create(
                actor=request.user, department=department, base_code=data["base_code"], name=data["name"],
                item_type=data["item_type"], base_item=data["base_item"], local_code=data["local_code"],
            )
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已创建事项草稿，请完善办事指南后提交审核。"))
            return redirect("workbench:catalog_version_edit", version_id=version.pk)
    return render(request, "workbench/catalog/item_create.html", {"form": form, "department": department})


@staff_required
@require_POST
def version_new(request, item_id: int):
    item = catalog_scope_module.item_get(viewer=request.user, item_id=item_id)
    try:
        version = item_version_create(actor=request.user, item=item,
                                      change_summary=request.POST.get("change_summary", "")[:300])
    except DomainError as exc:
        show_on_forms(request, exc)
        return redirect("workbench:catalog_item", item_id=item.pk)
    messages.success(request, _("已新建版本 v%s 草稿。") % version.number)
    return redirect("workbench:catalog_version_edit", version_id=version.pk)


@staff_required
def version_detail(request, version_id: int):
    version = version_get(viewer=request.user, version_id=version_id)
    base, changes = selectors.version_changes(viewer=request.user, version=version)
    return render(request, "workbench/catalog/version.html", {
        "version": version, "item": version.item, "elements": guide_elements(version),
        "children": _children(version), "base": base, "changes": changes,
        "actions": selectors.version_actions(viewer=request.user, version=version),
        "decisions": list(version.decisions.select_related("reviewer").order_by("decided_at", "id")),
        "trail": selectors.version_trail(version),
        "comments": selectors.return_comments(version),
    })


def _children(version) -> list[tuple[str, str, list]]:
    return [(key, title, list(getattr(version, key).all())) for key, title in CHILD_TITLES.items()]


@staff_required
def version_edit(request, version_id: int):
    version = version_get(viewer=request.user, version_id=version_id)
    actions = selectors.version_actions(viewer=request.user, version=version)
    if not actions.edit:
        messages.error(request, _("该版本当前不能修改（已提交审核、已发布，或您不是本部门的事项编辑人员）。"))
        return redirect("workbench:catalog_version", version_id=version.pk)
    data = request.POST if request.method == "POST" else None
    form = VersionForm(data, instance=version, item=version.item)
    formsets = child_formsets(data, version=version)
    if data is not None:
        valid = form.is_valid() & all([fs.is_valid() for fs in formsets.values()])
        if valid:
            rows = {key: child_rows(fs) for key, fs in formsets.items()}
            try:
                item_version_update(
                    actor=request.user, version=version, fields=form.guide_fields(),
                    window_ids=form.window_ids(), theme_codes=form.theme_codes(),
                    **{key: r[0] for key, r in rows.items()},
                )
            except DomainError as exc:
                show_on_forms(request, exc, form, {key: (formsets[key], r[1]) for key, r in rows.items()})
            else:
                if "submit" in request.POST:
                    return _submit(request, version)
                messages.success(request, _("草稿已保存。"))
                return redirect("workbench:catalog_version_edit", version_id=version.pk)
        else:
            messages.error(request, _("提交的内容有误，请按提示修改；本次修改未保存。"))
    return render(request, "workbench/catalog/version_edit.html", {
        "version": version, "item": version.item, "form": form,
        "formsets": [(key, CHILD_TITLES[key], fs) for key, fs in formsets.items()],
        "comments": selectors.return_comments(version), "decision": selectors.latest_return(version),
    })


@staff_required
def version_form_preview(request, version_id: int):
    """The version's one-table form as an applicant will see it, with the editor's own profile
    as defaults; posting checks the answers with the engine (nothing is stored)."""
    version = version_get(viewer=request.user, version_id=version_id)
    fields = form_fields_for(version)
    profile = {"name": request.user.full_name, "phone": getattr(request.user, "phone", "") or ""}
    form_class = form_class_for(fields)
    form = form_class(request.POST or None, initial=form_initial(fields, profile), profile=profile)
    if request.method == "POST" and form.is_valid():
        messages.success(request, _("预览：申请表填写正确（未保存）。"))
    return render(request, "workbench/catalog/form_preview.html", {
        "version": version, "item": version.item, "form": form, "uses_defaults": not version.form_fields.exists(),
    })


def _submit(request, version):
    try:
        item_submit_for_review(actor=request.user, version=version)
    except DomainError as exc:
        show_on_forms(request, exc)
        return redirect("workbench:catalog_version", version_id=version.pk)
    messages.success(request, _("已提交审核。"))
    return redirect("workbench:catalog_version", version_id=version.pk)


@staff_required
@require_POST
def version_submit(request, version_id: int):
    return _submit(request, version_get(viewer=request.user, version_id=version_id))
