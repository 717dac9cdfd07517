"""The public verification page a document's QR code opens. Thin: select, render."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from zwfw.core.errors import NotFound

from .selectors import document_verify


@require_GET
def document_verify_page(request, token: str):
    verification = document_verify(token=token[:64])
    if verification is None:
        raise NotFound(_("文书不存在"))
    response = render(request, "documents/verify.html", {"verification": verification})
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
