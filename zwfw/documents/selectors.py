"""The public verification of an official document: facts printed on it, no personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zwfw.core.models import AuditEvent
from zwfw.files.services import file_digest

from .models import OfficialDocument


@dataclass(frozen=True)
class Verification:
    number: str
    title: str
    issuer_name: str
    issued_on: dt.date
    sha256: str
    # The stored PDF's bytes hash to the SHA-256 recorded at issue, both on the document row and
    # in the audit event (which the audit chain protects).
    file_intact: bool


def _audited_sha256(document: OfficialDocument) -> str | None:
    from .services import ISSUE_ACTION

    changes = (AuditEvent.objects.filter(action=ISSUE_ACTION, object_type=document._meta.label_lower,
                                         object_id=str(document.pk))
               .values_list("changes", flat=True).first())
    return (changes or {}).get("sha256")


def document_verify(*, token: str) -> Verification | None:
    """What the verification page shows for `token`; None when no document has it."""
    document = OfficialDocument.objects.select_related("stored_file").filter(verify_token=token).first()
    if document is None:
        return None
    intact = file_digest(document.stored_file) == document.sha256 == _audited_sha256(document)
    return Verification(number=document.number, title=document.title, issuer_name=document.issuer_name,
                        issued_on=document.issued_on, sha256=document.sha256, file_intact=intact)
