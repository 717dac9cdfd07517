"""Reading stored files: only through the purpose's reader, which the owning service supplies."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zwfw.core.errors import NotFound

from .models import StoredFile
from .purposes import purpose_get


def stored_file_get(*, viewer, file_id: int) -> StoredFile:
    """The file for `viewer` to download. A missing and an unreadable file both answer NotFound,
    so nobody learns which ids exist."""
    row = StoredFile.objects.filter(pk=file_id).first()
    if row is None or not purpose_get(row.purpose).reader(viewer, row):
        raise NotFound(_("文件不存在，或您无权下载"), code="file_not_found")
    return row
