"""办件查询: anyone with a case number and its 6-digit query code (printed on the receipt, or in
the receipt's QR code) sees the status and the dates, nothing personal. Wrong guesses are braked
per address (zwfw.portal.track_lookup)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from zwfw.core.context import client_ip
from zwfw.core.errors import NotFound

from .case_forms import TrackForm
from .case_selectors import public_status
from .track_lookup import LookupThrottled, track_lookup


def _answer(request, form: TrackForm):
    status, code = None, 200
    if form.is_bound and form.is_valid():
        try:
            case = track_lookup(number=form.cleaned_data["number"], query_code=form.cleaned_data["code"],
                                address=client_ip(request))
        except (NotFound, LookupThrottled) as exc:
            form.add_error(None, exc.message)
            code = exc.status
        else:
            status = public_status(case)
    return render(request, "portal/track/track.html", {"form": form, "status": status}, status=code)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    return _answer(request, TrackForm(request.POST if request.method == "POST" else None))


@never_cache
@require_http_methods(["GET"])
def track_case(request, number: str):
    """The receipt's QR code: /track/<number>/?code=<query code>."""
    return _answer(request, TrackForm({"number": number, "code": request.GET.get("code", "")}))
