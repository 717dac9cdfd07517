"""The public verification page a document's QR code opens. Thin: select, render."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .selectors import document_verify


@require_GET
def document_verify_page(request, token: str):
    verification = document_verify(token=token[:64])
    if verification is None:
        raise Http404("文书不存在")
    response = render(request, "documents/verify.html", {"verification": verification})
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
