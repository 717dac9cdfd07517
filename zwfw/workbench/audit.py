"""The security auditor's audit trail page (issue 12 point 12): Chinese names, filters by who,
what, when and object, paging, CSV/Excel export, and the last chain verification with its time.
Only the security auditor reads the trail (三员分立, ADR 0006)."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit_labels import action_choices, action_label
from zwfw.core.audit_runs import audit_verification_last
from zwfw.core.errors import PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent

from . import audit_export, selectors, services
from .views import staff_required

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000
FORMATS = ("csv", "xlsx")


def _auditor_only(user) -> None:
    if not user.has_role(Role.SECURITY_AUDITOR):
        raise PermissionDenied()


class AuditFilterForm(forms.Form):
    who = forms.CharField(label=gettext_lazy("操作人"), required=False, max_length=60,
                          widget=forms.TextInput(attrs={"placeholder": gettext_lazy("姓名或账号")}))
    action = forms.ChoiceField(label=gettext_lazy("操作"), required=False)
    date_from = forms.DateField(label=gettext_lazy("起始日期"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=gettext_lazy("截止日期"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    object_type = forms.ChoiceField(label=gettext_lazy("对象类型"), required=False)
    object = forms.CharField(label=gettext_lazy("对象"), required=False, max_length=200,
                             widget=forms.TextInput(attrs={"placeholder": gettext_lazy("名称或ID")}))

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        registered = dict(action_choices())
        # Codes in the trail that have no label yet are still filterable (shown as unregistered).
        present = AuditEvent.objects.values_list("action", flat=True).distinct()
        extra = [(code, action_label(code)) for code in present if code not in registered]
        self.fields["action"].choices = [("", _("全部操作")), *action_choices(), *sorted(extra)]
        self.fields["object_type"].choices = [("", _("全部对象")), *selectors.audit_object_types(viewer=viewer)]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", forms.ValidationError(_("截止日期不能早于起始日期"), code="date_range"))
        return data

    def filters(self) -> selectors.AuditFilters:
        """The valid fields only: an invalid one is reported beside its field and not applied."""
        data = self.cleaned_data if self.is_bound else {}
        return selectors.AuditFilters(**{name: data[name] for name in self.fields if data.get(name)})


@staff_required
def audit_log(request):
    _auditor_only(request.user)
    form = AuditFilterForm(request.GET or None, viewer=request.user)
    if form.is_bound:
        form.is_valid()
    events = selectors.audit_events(viewer=request.user, filters=form.filters())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": selectors.audit_rows(page.object_list),
        "last_run": audit_verification_last(),
        "now": clock.now(),
    }
    return render(request, "workbench/audit/log.html", context)


@staff_required
def audit_export_view(request):
    _auditor_only(request.user)
    file_format = request.GET.get("format", "csv")
    if file_format not in FORMATS:
        raise ValidationFailed.on("format", _("导出格式只能是 CSV 或 Excel"), code="export_format")
    form = AuditFilterForm(request.GET, viewer=request.user)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        raise ValidationFailed(_("筛选条件有误：%(error)s") % {"error": first}, code="audit_filter_invalid")
    filters = form.filters()
    events = selectors.audit_events(viewer=request.user, filters=filters)
    count = events.count()
    if count > EXPORT_LIMIT:
        raise ValidationFailed(
            _("符合条件的记录有 %(n)s 条，超过单次导出上限 %(limit)s 条，请缩小筛选范围")
            % {"n": count, "limit": EXPORT_LIMIT},
            code="export_too_large",
        )
    now = clock.now()
    services.audit_export_record(actor=request.user, filters={k: str(v) for k, v in vars(filters).items() if v},
                                 file_format=file_format, rows=count, now=now)
    rows = _rows_in_batches(events)
    name = f"audit-{clock.today(now):%Y%m%d}.{file_format}"
    if file_format == "csv":
        # Built whole (at most EXPORT_LIMIT rows), like the Excel file: simpler for every client
        # and for the page crawls that check exports for unmasked personal data.
        response = HttpResponse("".join(audit_export.csv_lines(rows)), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            audit_export.xlsx_bytes(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _rows_in_batches(events, size: int = 1000):
    """Rows in batches of `size` events (one query for the events and one for the names each)."""
    last = None
    while True:
        batch = list((events.filter(seq__lt=last) if last is not None else events)[:size])
        if not batch:
            return
        yield from selectors.audit_rows(batch)
        last = batch[-1].seq
