"""Applying online (网上申请) from a published guide: start a draft, fill the one-table form and
the contact, upload each material, save, ask for pre-review where offered, submit, and the
receipt (收件回执). Thin: parse, call one service or selector, render; refusals are shown on the
page in Chinese and change nothing."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from zwfw.accounts.models import AccountKind
from zwfw.cases.form_view import application_form, form_answers
from zwfw.cases.models import CaseStatus, Channel
from zwfw.cases.services.drafting import (
    WALK_IN,
    case_draft_create,
    case_draft_save,
    case_material_file_add,
    case_material_file_remove,
)
from zwfw.cases.services.online import case_draft_delete, case_draft_finish
from zwfw.core import clock
from zwfw.core.errors import DomainError, NotFound, PermissionDenied
from zwfw.core.views import show_on_forms
from zwfw.documents.rendering import pdf_render, qr_data_uri, qr_svg
from zwfw.ratings.tokens import rating_qr_url

from . import case_selectors as cs
from .case_forms import ContactForm, RevisionForm, UploadForm

MOBILE_MARKS = ("Mobile", "Android", "iPhone", "iPad")


def applicant_required(view):
    """Citizens and enterprises only: visitors sign in first, staff work in the workbench."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:citizen_login"))
        if user.kind == AccountKind.STAFF:
            return redirect("workbench:home")
        return never_cache(view)(request, *args, **kwargs)
    return wrapper


def _channel(request) -> str:
    agent = request.headers.get("User-Agent", "")
    return Channel.MOBILE if any(mark in agent for mark in MOBILE_MARKS) else Channel.PC


def _revision(request) -> int:
    """The case revision the page showed; a form without one counts as stale (0 never matches)."""
    form = RevisionForm(request.POST)
    return form.cleaned_data["revision"] if form.is_valid() else 0


@applicant_required
@require_http_methods(["GET", "POST"])
def apply_start(request, item_id: int):
    start = cs.apply_start_get(viewer=request.user, item_id=item_id, on=clock.today())
    if request.method == "POST" and not start.refusal:
        try:
            case = case_draft_create(actor=request.user, item=start.item, channel=_channel(request))
        except DomainError as exc:
            show_on_forms(request, exc)
        else:
            messages.success(request, _("已创建申请草稿，请填写申请表并上传材料。"))
            return redirect("portal:application", case_id=case.pk)
    return render(request, "portal/apply/start.html", {"start": start})


def _application_context(case, form, contact, upload_errors=None) -> dict:
    return {
        "case": case, "form": form, "contact": contact, "materials": list(case.materials.all()),
        "pre_review_offered": bool(getattr(case.version, "pre_review_offered", False)),
        "upload_errors": upload_errors or {},
    }


@applicant_required
@require_http_methods(["GET", "POST"])
def application(request, case_id: int):
    case = cs.application_get(viewer=request.user, case_id=case_id)
    action = request.POST.get("action", "save")
    if case.status != CaseStatus.DRAFT or case.channel in WALK_IN:
        if request.method == "POST" and action == "submit" and case.number:
            # The same submission posted twice (a double click, a retry): the first one's receipt.
            messages.info(request, _("该申请已提交，以下是收件回执。"))
            return redirect("portal:receipt", case_id=case.pk)
        return redirect("portal:my_case", case_id=case.pk)
    data = request.POST if request.method == "POST" else None
    # A draft keeps what is answered so far; submitting checks the whole form.
    form = application_form(case, data=data, draft=data is not None and action == "save")
    contact = ContactForm(data, initial={"contact_name": case.contact_name}, saved_phone=case.contact_phone,
                          prefix="c")
    if data is not None:
        if form.is_valid() & contact.is_valid():
            fields = {"form_data": form_answers(form), **contact.contact(), "revision": _revision(request)}
            try:
                if action in ("submit", "pre_review"):
                    case_draft_finish(actor=request.user, case=case, pre_review=action == "pre_review", **fields)
                else:
                    case_draft_save(actor=request.user, case=case, **fields)
            except DomainError as exc:
                show_on_forms(request, exc, form)
            else:
                if action == "submit":
                    return redirect("portal:receipt", case_id=case.pk)
                if action == "pre_review":
                    messages.success(request, _("已提交网上预审，工作人员将在1个工作日内反馈。"))
                    return redirect("portal:my_case", case_id=case.pk)
                messages.success(request, _("草稿已保存，可随时在个人空间继续填写。"))
                return redirect("portal:application", case_id=case.pk)
        else:
            messages.error(request, _("申请表填写有误，请按提示修改；本次修改未保存。"))
    return render(request, "portal/apply/application.html", _application_context(case, form, contact))


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _back_to(case) -> str:
    name = "portal:application" if case.status == CaseStatus.DRAFT else "portal:my_case"
    return reverse(name, kwargs={"case_id": case.pk}) + "#materials"


def _refusal(exc: DomainError) -> str:
    """The message of a refused upload or removal (a page error is raised as a page)."""
    if isinstance(exc, NotFound | PermissionDenied):
        raise exc
    return exc.message


def _material_answer(request, case, material_id: int, error: str):
    """htmx: the material's row again (its files, or the refusal under it); else back to the page."""
    if _htmx(request):
        case = cs.application_get(viewer=request.user, case_id=case.pk)
        material = next(m for m in case.materials.all() if m.pk == int(material_id))
        return render(request, "portal/apply/_material_row.html",
                      {"case": case, "material": material, "upload_error": error, "editable": True})
    if error:
        messages.error(request, error)
    return redirect(_back_to(case))


@applicant_required
@require_POST
def material_upload(request, case_id: int, material_id: int):
    material = cs.material_get(viewer=request.user, case_id=case_id, material_id=material_id)
    form = UploadForm(request.POST, request.FILES)
    error = ""
    if not form.is_valid():
        error = form.errors["file"][0]
    else:
        upload = form.cleaned_data["file"]
        try:
            case_material_file_add(actor=request.user, material=material, content=upload, name=upload.name)
        except DomainError as exc:
            error = _("“%(name)s”未上传：%(reason)s") % {"name": material.name, "reason": _refusal(exc)}
    if not error and not _htmx(request):
        messages.success(request, _("已上传“%(name)s”。") % {"name": material.name})
    return _material_answer(request, material.case, material.pk, error)


@applicant_required
@require_POST
def material_file_remove(request, case_id: int, file_id: int):
    attachment = cs.attachment_get(viewer=request.user, case_id=case_id, file_id=file_id)
    case, material_id = attachment.material.case, attachment.material_id
    error = ""
    try:
        case_material_file_remove(actor=request.user, attachment=attachment)
    except DomainError as exc:
        error = _refusal(exc)
    return _material_answer(request, case, material_id, error)


@applicant_required
@require_POST
def application_delete(request, case_id: int):
    case = cs.application_get(viewer=request.user, case_id=case_id)
    try:
        case_draft_delete(actor=request.user, case=case, revision=_revision(request))
    except DomainError as exc:
        show_on_forms(request, exc)
        return redirect("portal:application", case_id=case.pk)
    messages.success(request, _("草稿已删除。"))
    return redirect("portal:my_cases")


@applicant_required
def receipt(request, case_id: int):
    r = cs.receipt_get(viewer=request.user, case_id=case_id)
    return render(request, "portal/apply/receipt.html", {"receipt": r, "case": r.case, "qr": qr_svg(r.tracking_url),
                                                         "rating_qr": qr_svg(rating_qr_url(r.case.pk))})


@applicant_required
def receipt_pdf(request, case_id: int):
    r = cs.receipt_get(viewer=request.user, case_id=case_id)
    pdf = pdf_render("portal/apply/receipt_print.html", {"receipt": r, "case": r.case,
                                                          "qr_uri": qr_data_uri(r.tracking_url),
                                                          "rating_qr_uri": qr_data_uri(rating_qr_url(r.case.pk))})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename=receipt-{r.case.number}.pdf"
    response["Cache-Control"] = "private, no-store"
    return response
