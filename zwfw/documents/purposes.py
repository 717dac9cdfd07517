"""The file purposes of official documents, registered with the store at start-up."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from zwfw.files.purposes import MB, Purpose, purpose_register

OFFICIAL_DOCUMENT = "documents.official"

# Who may download an issued document is decided by what it was issued for: the case apps
# register a reader per owner type ("cases.case": the applicant and the handling staff).
_OWNER_READERS: dict[str, Callable] = {}


def document_reader_register(owner_type: str, reader: Callable) -> None:
    """`reader(viewer, document) -> bool` for documents issued for records of `owner_type`."""
    _OWNER_READERS[owner_type] = reader


def official_document_readable(viewer, stored_file) -> bool:
    from .models import OfficialDocument

    document = OfficialDocument.objects.filter(stored_file=stored_file).first()
    if document is None or not getattr(viewer, "is_authenticated", False):
        return False
    if document.created_by_id == viewer.pk:
        return True
    reader = _OWNER_READERS.get(document.owner_type)
    return bool(reader and reader(viewer, document))


def register_document_purposes() -> None:
    purpose_register(Purpose(
        code=OFFICIAL_DOCUMENT, label=_("文书"), types=frozenset({"pdf"}), max_bytes=20 * MB,
        reader=official_document_readable,
    ))
