"""Reviewer pages: the queue, the review page (diff + field comments), approve, return, publish."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.catalog.review_queue import review_queue as catalog_review_queue
from zwfw.catalog.selectors import version_get
from zwfw.catalog.services import item_publish, item_review_approve, item_review_return
from zwfw.core.errors import DomainError
from zwfw.core.views import show_on_forms

from ..views import staff_required
from . import selectors
from .forms import ApproveForm, PublishForm, ReturnForm
from .labels import commentable_order, guide_elements


@staff_required
def review_queue(request):
    return render(request, "workbench/catalog/queue.html", {"queue": catalog_review_queue(viewer=request.user)})


def _review_context(request, version, return_form=None, approve_form=None) -> dict:
    base, changes = selectors.version_changes(viewer=request.user, version=version)
    changed = {c["field"].split("[")[0].split(".")[0] for c in changes}
    return_form = return_form or ReturnForm()
    values = {e["field"]: e for e in guide_elements(version)}
    rows = []
    for name in commentable_order():
        element = values.get(name)
        rows.append({"field": name, "label": return_form[f"fc__{name}"].label,
                     "value": element["value"] if element else None, "changed": name in changed,
                     "input": return_form[f"fc__{name}"]})
    return {
        "version": version, "item": version.item, "base": base, "changes": changes, "rows": rows,
        "return_form": return_form, "approve_form": approve_form or ApproveForm(),
        "actions": selectors.version_actions(viewer=request.user, version=version),
        "materials": list(version.materials.all()), "steps": list(version.steps.all()),
        "decisions": list(version.decisions.select_related("reviewer").order_by("decided_at", "id")),
    }


@staff_required
def review(request, version_id: int):
    version = version_get(viewer=request.user, version_id=version_id)
    return render(request, "workbench/catalog/review.html", _review_context(request, version))


@staff_required
@require_POST
def approve(request, version_id: int):
    version = version_get(viewer=request.user, version_id=version_id)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            version = item_review_approve(actor=request.user, version=version, comment=form.cleaned_data["comment"])
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            if version.status == "approved":
                messages.success(request, _("审核通过，审核链已全部通过，可以发布。"))
            else:
                messages.success(request, _("审核通过，已转下一审核环节。"))
            return redirect("workbench:catalog_queue")
    return render(request, "workbench/catalog/review.html", _review_context(request, version, approve_form=form))


@staff_required
@require_POST
def return_version(request, version_id: int):
    version = version_get(viewer=request.user, version_id=version_id)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            item_review_return(actor=request.user, version=version, comment=form.cleaned_data["comment"],
                               field_comments=form.field_comments())
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已退回起草部门修改。"))
            return redirect("workbench:catalog_queue")
    return render(request, "workbench/catalog/review.html", _review_context(request, version, return_form=form))


@staff_required
def publish(request, version_id: int):
    version = version_get(viewer=request.user, version_id=version_id)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item_publish(actor=request.user, version=version, effective_on=form.cleaned_data["effective_on"])
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已发布，办事指南已在网上办事大厅公开。"))
            return redirect("workbench:catalog_version", version_id=version.pk)
    return render(request, "workbench/catalog/publish.html", {
        "version": version, "item": version.item, "form": form,
        "actions": selectors.version_actions(viewer=request.user, version=version),
    })
