"""The window's pages (一窗受理): the acceptance queue, opening a walk-in case, the case page with
its material checklist, and the decisions (受理 / 一次性告知 / 不予受理 / 即办 / 预审)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zwfw.accounts.models import Role
from zwfw.accounts.scope import Scope
from zwfw.cases.models import CaseMaterial, CaseStatus, Channel
from zwfw.cases.selectors import acceptance_queue, case_clocks, case_get, cases_for
from zwfw.cases.services.acceptance import (
    case_accept,
    case_pre_review_decide,
    case_reject,
    case_request_supplement,
    case_settle,
    case_supply,
)
from zwfw.cases.services.drafting import case_draft_create, case_material_file_add, case_submit
from zwfw.cases.services.state import CASE_STATES
from zwfw.cases.services.window import case_material_check, walk_in_applicant
from zwfw.catalog.models import ItemStatus, ServiceItem
from zwfw.core.errors import DomainError, PermissionDenied
from zwfw.core.masking import mask_text
from zwfw.core.views import show_on_forms
from zwfw.documents.models import OfficialDocument

from ..views import staff_required
from .forms import AcceptForm, PreReviewForm, RejectForm, RevisionForm, SettleForm, SupplementForm, WalkInForm


def _clerk(request) -> None:
    if not request.user.has_role(Role.WINDOW_CLERK):
        raise PermissionDenied(_("只有窗口人员可以受理办件"))


def _items_for(viewer) -> list[tuple[int, str]]:
    """Every item in force in the clerk's jurisdiction, whatever its department (无差别全科受理)."""
    scope = Scope.for_viewer(viewer)
    rows = (ServiceItem.objects.filter(scope.region_q(), status=ItemStatus.ACTIVE, current_version__isnull=False,
                                       department__isnull=False)
            .select_related("current_version", "department").order_by("department__name", "current_version__name"))
    return [(i.pk, f"{i.current_version.name}（{i.department.name}）") for i in rows]


@staff_required
def queue(request):
    _clerk(request)
    rows = list(acceptance_queue(request.user)[:200])
    recent = cases_for(request.user).exclude(status=CaseStatus.DRAFT).order_by("-received_at")[:20]
    return render(request, "workbench/cases/queue.html", {"queue": rows, "recent": recent})


@staff_required
def walk_in(request):
    _clerk(request)
    form = WalkInForm(request.POST or None, items=_items_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = ServiceItem.objects.select_related("region", "department").get(pk=data["item"])
            applicant = walk_in_applicant(actor=request.user, kind=data["kind"], number=data["number"],
                                          name=data["name"], phone=data["phone"],
                                          legal_representative=data["legal_representative"])
            case = case_draft_create(actor=request.user, item=item, applicant=applicant,
                                     channel=data["channel"] or Channel.WINDOW, window=request.user.window)
        except DomainError as exc:
            show_on_forms(request, exc, form)
        else:
            messages.success(request, _("已为申请人建立窗口收件，请逐项核验材料。"))
            return redirect("workbench:case", case.pk)
    return render(request, "workbench/cases/walk_in.html", {"form": form})


def _display_form(case, own: bool) -> list[tuple[str, object]]:
    return [(k, v if own or not isinstance(v, str) else mask_text(v)) for k, v in case.form_data.items()]


@staff_required
def detail(request, case_id: int):
    from .decision_views import decision_page_context  # imports this module's helpers

    case = case_get(viewer=request.user, case_id=case_id)
    materials = list(case.materials.prefetch_related("files__stored_file"))
    initial = {"revision": case.revision}
    actions = set(CASE_STATES.actions(case.status))
    notices = OfficialDocument.objects.filter(owner_type="cases.case", owner_id=str(case.pk)).order_by("id")
    return render(request, "workbench/cases/detail.html", {
        "case": case, "materials": materials, "form_rows": _display_form(case, own=False),
        "events": case.events.select_related("actor", "document"), "notices": notices,
        "clocks": case_clocks(case), "actions": actions,
        "is_clerk": request.user.has_role(Role.WINDOW_CLERK),
        "accept_form": AcceptForm(initial=initial), "supplement_form": SupplementForm(initial=initial),
        "reject_form": RejectForm(initial=initial), "settle_form": SettleForm(initial=initial),
        "pre_review_form": PreReviewForm(initial=initial), "revision_form": RevisionForm(initial=initial),
        "supplement": getattr(case, "supplement", None),
        "missing": [m for m in materials if m.missing],
        **decision_page_context(case, request.user),
    })


def _act(request, case_id: int, form_class, run, success: str):
    """Parse the action's form, run one service, report in Chinese and return to the case."""
    case = case_get(viewer=request.user, case_id=case_id)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("提交的内容有误：%(errors)s") % {
            "errors": "；".join(f"{form.fields[k].label or k}：{'、'.join(v)}" if k in form.fields else "、".join(v)
                               for k, v in form.errors.items())})
        return redirect("workbench:case", case.pk)
    try:
        run(case, form.cleaned_data)
    except DomainError as exc:
        show_on_forms(request, exc)
    else:
        messages.success(request, success)
    return redirect("workbench:case", case.pk)


@staff_required
@require_POST
def materials(request, case_id: int):
    """Tick the checklist (original seen / copy kept) and keep scanned files, all rows at once."""
    case = case_get(viewer=request.user, case_id=case_id)
    revision = request.POST.get("revision")
    try:
        for material in CaseMaterial.objects.filter(case=case):
            key = str(material.pk)
            checked = (f"orig_{key}" in request.POST, f"copy_{key}" in request.POST)
            if checked != (material.original_seen, material.copy_kept):
                case_material_check(actor=request.user, material=material, original_seen=checked[0],
                                    copy_kept=checked[1], shared_source=material.shared_source,
                                    note=request.POST.get(f"note_{key}", material.note),
                                    revision=int(revision) if revision and revision.isdigit() else None)
            upload = request.FILES.get(f"file_{key}")
            if upload is not None:
                case_material_file_add(actor=request.user, material=material, content=upload, name=upload.name)
    except DomainError as exc:
        show_on_forms(request, exc)
    else:
        messages.success(request, _("材料核验情况已保存。"))
    return redirect("workbench:case", case.pk)


@staff_required
@require_POST
def submit(request, case_id: int):
    return _act(request, case_id, RevisionForm,
                lambda case, d: case_submit(actor=request.user, case=case, revision=d["revision"]),
                _("已收件：办件编号和查询码已生成，视为受理期限开始计算。"))


def _pending(request, case) -> dict:
    out = {}
    for material in case.materials.filter(tolerance_allowed=True):
        value = (request.POST.get(f"pending_{material.pk}") or "").strip()
        if value:
            try:
                out[material.pk] = dt.date.fromisoformat(value)
            except ValueError:
                out[material.pk] = value  # the service refuses it with a message
    return out


@staff_required
@require_POST
def accept(request, case_id: int):
    return _act(request, case_id, AcceptForm,
                lambda case, d: case_accept(actor=request.user, case=case, revision=d["revision"], note=d["note"],
                                            pending=_pending(request, case)),
                _("已受理。受理通知书正在生成，稍后可在本页下载打印。"))


@staff_required
@require_POST
def supplement(request, case_id: int):
    def run(case, d):
        missing = [{"material": m.pk, "note": request.POST.get(f"missing_note_{m.pk}", "")}
                   for m in case.materials.all() if f"missing_{m.pk}" in request.POST]
        missing += [{"name": line.strip()} for line in d["other"].splitlines() if line.strip()]
        case_request_supplement(actor=request.user, case=case, missing=missing, supply_by=d["supply_by"],
                                note=d["note"], revision=d["revision"])

    return _act(request, case_id, SupplementForm, run,
                _("已一次性告知需补正的全部内容；补正材料通知书正在生成。"))


@staff_required
@require_POST
def supply(request, case_id: int):
    """The applicant brought what the notice listed to the window: back to the decision."""
    return _act(request, case_id, RevisionForm,
                lambda case, d: case_supply(actor=request.user, case=case, revision=d["revision"]),
                _("补正材料已收齐，视为受理期限恢复计算，请作出受理决定。"))


@staff_required
@require_POST
def reject(request, case_id: int):
    return _act(request, case_id, RejectForm,
                lambda case, d: case_reject(actor=request.user, case=case, reasons=d["reasons"],
                                            not_competent=d["not_competent"], refer_to=d["refer_to"],
                                            revision=d["revision"]),
                _("已决定不予受理；不予受理通知书正在生成。"))


@staff_required
@require_POST
def settle(request, case_id: int):
    return _act(request, case_id, SettleForm,
                lambda case, d: case_settle(actor=request.user, case=case, result_note=d["result_note"],
                                            revision=d["revision"]),
                _("即办件已当场办结。"))


@staff_required
@require_POST
def pre_review(request, case_id: int):
    return _act(request, case_id, PreReviewForm,
                lambda case, d: case_pre_review_decide(actor=request.user, case=case,
                                                       passed=d["decision"] == "pass", comment=d["comment"],
                                                       revision=d["revision"]),
                _("预审意见已送达申请人。"))
