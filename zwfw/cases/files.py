"""Who may read a case's files and notices: whoever may see the case (zwfw.cases.selectors)."""

from __future__ import annotations

from zwfw.documents.purposes import document_reader_register
from zwfw.files.purposes import (
    APPLICANT_MATERIAL,
    MB,
    OFFICE_AND_SCANS,
    Purpose,
    purpose_register,
    uploader_only,
)


def _case_visible(viewer, owner_type: str, owner_id: str) -> bool:
    from .selectors import cases_for

    if owner_type != "cases.case" or not owner_id:
        return False
    return cases_for(viewer).filter(pk=int(owner_id)).exists()


def material_readable(viewer, stored_file) -> bool:
    return uploader_only(viewer, stored_file) or _case_visible(viewer, stored_file.owner_type, stored_file.owner_id)


def notice_readable(viewer, document) -> bool:
    return _case_visible(viewer, document.owner_type, document.owner_id)


def register_case_file_readers() -> None:
    from django.utils.translation import gettext_lazy as _

    purpose_register(Purpose(
        code=APPLICANT_MATERIAL, label=_("申请材料"), types=OFFICE_AND_SCANS,
        max_bytes=20 * MB, max_bytes_setting="ZWFW_APPLICANT_FILE_MAX_BYTES", reader=material_readable,
    ))
    document_reader_register("cases.case", notice_readable)
