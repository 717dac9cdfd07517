"""Issuing an official document: number, render, store once, record, audit — one transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping

from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import ValidationFailed
from zwfw.files.services import file_store, stored_file_set_owner
from zwfw.numbering.services import number_next

from .kinds import KINDS, REMEDY, DocumentKind
from .models import OfficialDocument
from .purposes import OFFICIAL_DOCUMENT
from .rendering import absolute_url, html_to_pdf, qr_svg

ISSUE_ACTION = "documents.document.issue"


def _kind(code: str, context: Mapping) -> DocumentKind:
    spec = KINDS.get(code)
    if spec is None:
        raise ValidationFailed.on("kind", _("未知的文书种类"), code="document_kind_unknown")
    missing = [key for key in spec.required if context.get(key) in (None, "", [], ())]
    if missing:
        raise ValidationFailed(_("文书内容不完整：缺少 %(keys)s") % {"keys": "、".join(missing)},
                               code="document_context_incomplete")
    return spec


def document_issue(*, actor, kind: str, region_code: str, issuer_name: str, issuer_short_name: str,
                   context: Mapping, owner: models.Model | None = None, on: dt.date | None = None,
                   now: dt.datetime | None = None) -> OfficialDocument:
    """Issue a numbered official document of `kind` (zwfw.documents.kinds) and return its row.

    Gives the next number of the kind for `region_code` (`issuer_short_name` fills the 机关 part,
    e.g. 广安区政务), renders the kind's template with `context` plus the document's own facts and
    a QR code of its public verification page, stores the PDF in the private store, and records
    the document with an audit event carrying the PDF's SHA-256 — all in one transaction, so a
    failure anywhere gives the number back. The caller checks that `actor` may issue it.

    Rendering happens while the number's sequence row is locked (the number is printed in the
    PDF): issues of one kind in one region queue behind each other for about a render each.
    """
    now = now or clock.now()
    spec = _kind(kind, context)
    issued_on = on or clock.today(now)
    with transaction.atomic():
        number = number_next(kind=spec.number_kind, scope=region_code, on=issued_on,
                             values={"机关": issuer_short_name})
        token = secrets.token_urlsafe(24)
        verify_url = absolute_url(reverse("documents:verify", args=[token]))
        facts = {"number": number.text, "title": spec.title, "issuer_name": issuer_name, "issued_on": issued_on,
                 "legal_basis": spec.legal_basis, "verify_url": verify_url}
        html = render_to_string(spec.template, {**context, "document": facts, "remedy": REMEDY,
                                                 "qr": qr_svg(verify_url, scale=2)})
        stored = file_store(content=html_to_pdf(html), purpose=OFFICIAL_DOCUMENT,
                            name=f"{spec.title}（{number.text}）.pdf", actor=actor, now=now)
        document = OfficialDocument.objects.create(
            kind=kind, title=spec.title, number=number.text, issuer_name=issuer_name, region_code=region_code,
            issued_on=issued_on, stored_file=stored, sha256=stored.sha256, verify_token=token,
            **OfficialDocument.owner_fields(owner), created_by=actor if getattr(actor, "pk", None) else None, created_at=now,
        )
        stored_file_set_owner(stored, document)
        audit_record(actor=actor, action=ISSUE_ACTION, target=document, now=now, changes={
            "number": number.text, "kind": kind, "sha256": stored.sha256, "size": stored.size,
            "owner": f"{document.owner_type}:{document.owner_id}" if owner is not None else "",
        })
    return document
