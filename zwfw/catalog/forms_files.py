"""Blank forms and filled samples of a material (七公开: 申报材料 “空白表格、示例样表”).

Files are content-addressed (`catalog/forms/<sha[:2]>/<sha256>.<ext>`): the same file is stored
once and a stored file never changes, so a new version copied from a published one simply points
at the same stored files. Files are attached only to versions in the making (draft/returned):
published versions are immutable (docs/adr/0011-catalog-versions.md).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import NotFound, ValidationFailed

from .models import FormFileKind, ItemVersion, Material, MaterialFile
from .models.versions import form_file_path
from .selectors import can_view_version
from .services.permissions import can_edit_item, require
from .services.state import require_editable

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str


FILE_TYPES = {
    "pdf": FileType("pdf", "application/pdf"),
    "doc": FileType("doc", "application/msword"),
    "docx": FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xls": FileType("xls", "application/vnd.ms-excel"),
    "xlsx": FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "jpg": FileType("jpg", "image/jpeg"),
    "jpeg": FileType("jpg", "image/jpeg"),
    "png": FileType("png", "image/png"),
}


def max_bytes() -> int:
    return int(getattr(settings, "ZWFW_FORM_FILE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _zip_kind(data: bytes) -> str | None:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def sniff_kind(data: bytes, extension: str) -> str | None:
    """The file's real type from its first bytes; None when it is none of the allowed types.
    The OLE2 container is shared by .doc and .xls, so there the name's extension decides."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(OLE2_MAGIC):
        return extension if extension in ("doc", "xls") else None
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


def clean_filename(name: str) -> str:
    base = PurePath(str(name).replace("\\", "/")).name.strip().replace("\x00", "")
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 200 - len(ext) - 1] + dot + ext) if dot else base[:200]
    return base


def _read(uploaded_file) -> bytes:
    limit = max_bytes()
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise ValidationFailed.on("file", _("文件过大：不能超过 %(mb)s MB") % {"mb": round(limit / 1048576, 1)},
                                  code="file_too_large")
    data = b"".join(uploaded_file.chunks()) if hasattr(uploaded_file, "chunks") else uploaded_file.read()
    if len(data) > limit:
        raise ValidationFailed.on("file", _("文件过大：不能超过 %(mb)s MB") % {"mb": round(limit / 1048576, 1)},
                                  code="file_too_large")
    return data


def _validated(uploaded_file, kind: str) -> tuple[bytes, str, FileType]:
    if kind not in FormFileKind.values:
        raise ValidationFailed.on("kind", _("文件类型只能是空白表格或示例样表"), code="invalid_kind")
    name = clean_filename(getattr(uploaded_file, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not name or extension not in FILE_TYPES:
        raise ValidationFailed.on("file", _("只能上传 PDF、DOC、DOCX、XLS、XLSX、JPG 或 PNG 文件"),
                                  code="file_type_not_allowed")
    data = _read(uploaded_file)
    if not data:
        raise ValidationFailed.on("file", _("文件是空的"), code="file_empty")
    real = sniff_kind(data, extension)
    expected = FILE_TYPES[extension].extension
    if real is None or real != expected:
        raise ValidationFailed.on("file", _("文件内容与扩展名“.%(ext)s”不符，或不是允许的文件类型") % {"ext": extension},
                                  code="file_content_mismatch")
    return data, name, FILE_TYPES[expected]


def stored_file_save(data: bytes, *, sha256: str, extension: str) -> str:
    """Store `data` under its content address (once) and return the storage name."""
    probe = MaterialFile(sha256=sha256)
    path = form_file_path(probe, f"f.{extension}")
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(data))
    return path


def material_file_attach(*, actor, material: Material, kind: str, uploaded_file, now=None) -> MaterialFile:
    """Attach (or replace) the blank form or the filled sample of a material of a version in
    the making. Only the item's department's catalog editors may; published versions refuse."""
    now = now or clock.now()
    data, name, file_type = _validated(uploaded_file, kind)
    sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        version = ItemVersion.objects.select_for_update().select_related("item__region").get(pk=material.version_id)
        require(can_edit_item(actor, version.item), _("只有本部门的事项编辑人员可以上传表格"))
        require_editable(version)
        material = Material.objects.get(pk=material.pk)
        previous = MaterialFile.objects.filter(material=material, kind=kind).first()
        row = material_file_store(material=material, kind=kind, data=data, name=name, file_type=file_type, now=now)
        audit_record(actor=actor, action="catalog.material_file.attach", target=version, role=Role.CATALOG_EDITOR,
                     changes={"material": material.name, "kind": kind, "file": name, "sha256": sha256,
                              "size": len(data), "replaced": previous.sha256 if previous else None}, now=now)
    return row


def material_file_store(*, material: Material, kind: str, data: bytes, name: str, file_type: FileType,
                        now) -> MaterialFile:
    """Store a validated file and make it the material's file of `kind` (replacing any). No
    checks: for material_file_attach and the demo load, inside their transaction."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = stored_file_save(data, sha256=sha256, extension=file_type.extension)
    # The stored file of a replaced row stays: other versions may point at it.
    MaterialFile.objects.filter(material=material, kind=kind).delete()
    return MaterialFile.objects.create(
        material=material, kind=kind, file=path, original_name=name, content_type=file_type.content_type,
        size=len(data), sha256=sha256, uploaded_at=now,
    )


def material_files_copy(pairs: list[tuple[Material, Material]]) -> int:
    """Point the copied materials of a new version at the same stored files (content-addressed,
    never changed). Called by services.copying inside the caller's transaction."""
    by_old = {old.pk: new for old, new in pairs}
    rows = [
        MaterialFile(material=by_old[f.material_id], kind=f.kind, file=f.file.name, original_name=f.original_name,
                     content_type=f.content_type, size=f.size, sha256=f.sha256, uploaded_at=f.uploaded_at)
        for f in MaterialFile.objects.filter(material_id__in=list(by_old)).order_by("id")
    ]
    MaterialFile.objects.bulk_create(rows)
    return len(rows)


def material_file_get(*, viewer, file_id: int) -> MaterialFile:
    """A form file for download: anyone for published versions; versions in the making only for
    those who may see them (drafts never leak)."""
    row = MaterialFile.objects.select_related("material__version__item__region").filter(pk=file_id).first()
    if row is None or not can_view_version(viewer, row.material.version):
        raise NotFound(_("表格文件不存在"))
    return row
