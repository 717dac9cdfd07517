"""Blank forms and filled samples of a material (七公开: 申报材料 “空白表格、示例样表”).

The bytes live in the private file store (zwfw.files, purpose "catalog.form_file"), which
decides the type by content, enforces the size limit and keeps each content once. This module is
the catalog's side: who may attach (the item's department's editors, to versions in the making
only — published versions are immutable, docs/adr/0011-catalog-versions.md) and who may read
(anyone for a published version, those who may see the version otherwise).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import NotFound, ValidationFailed
from zwfw.files.models import StoredFile
from zwfw.files.purposes import MB, OFFICE_AND_SCANS, Purpose, purpose_register
from zwfw.files.services import file_store

from .models import FormFileKind, ItemVersion, Material, MaterialFile
from .selectors import can_view_version
from .services.permissions import can_edit_item, require
from .services.state import require_editable

FORM_FILE = "catalog.form_file"


def form_file_readable(viewer, stored_file: StoredFile) -> bool:
    """A stored form file may be read by whoever may see one of the versions using it."""
    rows = MaterialFile.objects.filter(stored_file=stored_file).select_related("material__version__item__region")
    return any(can_view_version(viewer, row.material.version) for row in rows)


def register_form_file_purpose() -> None:
    purpose_register(Purpose(
        code=FORM_FILE, label=gettext_lazy("空白表格和示例样表"), types=OFFICE_AND_SCANS,
        max_bytes=10 * MB, max_bytes_setting="ZWFW_FORM_FILE_MAX_BYTES", reader=form_file_readable,
    ))


def material_file_attach(*, actor, material: Material, kind: str, uploaded_file, now=None) -> MaterialFile:
    """Attach (or replace) the blank form or the filled sample of a material of a version in
    the making. Only the item's department's catalog editors may; published versions refuse."""
    now = now or clock.now()
    if kind not in FormFileKind.values:
        raise ValidationFailed.on("kind", _("文件类型只能是空白表格或示例样表"), code="invalid_kind")
    with transaction.atomic():
        version = ItemVersion.objects.select_for_update().select_related("item__region").get(pk=material.version_id)
        require(can_edit_item(actor, version.item), _("只有本部门的事项编辑人员可以上传表格"))
        require_editable(version)
        material = Material.objects.get(pk=material.pk)
        previous = MaterialFile.objects.filter(material=material, kind=kind).select_related("stored_file").first()
        stored = file_store(content=uploaded_file, purpose=FORM_FILE, name=getattr(uploaded_file, "name", ""),
                            actor=actor, owner=material, now=now)
        row = material_file_set(material=material, kind=kind, stored_file=stored)
        audit_record(actor=actor, action="catalog.material_file.attach", target=version, role=Role.CATALOG_EDITOR,
                     changes={"material": material.name, "kind": kind, "file": stored.original_name,
                              "sha256": stored.sha256, "size": stored.size,
                              "replaced": previous.stored_file.sha256 if previous else None}, now=now)
    return row


def material_file_set(*, material: Material, kind: str, stored_file: StoredFile) -> MaterialFile:
    """Make a stored file the material's file of `kind` (replacing any). No checks: for
    material_file_attach and the demo load, inside their transaction."""
    # The stored file of a replaced row stays: other versions may point at it.
    MaterialFile.objects.filter(material=material, kind=kind).delete()
    return MaterialFile.objects.create(material=material, kind=kind, stored_file=stored_file)


def material_files_copy(pairs: list[tuple[Material, Material]]) -> int:
    """Point the copied materials of a new version at the same stored files (never changed).
    Called by services.copying inside the caller's transaction."""
    by_old = {old.pk: new for old, new in pairs}
    rows = [
        MaterialFile(material=by_old[f.material_id], kind=f.kind, stored_file_id=f.stored_file_id)
        for f in MaterialFile.objects.filter(material_id__in=list(by_old)).order_by("id")
    ]
    MaterialFile.objects.bulk_create(rows)
    return len(rows)


def material_file_get(*, viewer, file_id: int) -> MaterialFile:
    """A form file for download: anyone for published versions; versions in the making only for
    those who may see them (drafts never leak)."""
    row = (MaterialFile.objects.select_related("material__version__item__region", "stored_file")
           .filter(pk=file_id).first())
    if row is None or not can_view_version(viewer, row.material.version):
        raise NotFound(_("表格文件不存在"))
    return row
