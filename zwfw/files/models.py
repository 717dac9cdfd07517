"""A stored file: one use of some content (an upload, a rendered document) in the private store.

The bytes live once per content in the private storage under their SHA-256
(`<sha[:2]>/<sha256>.<ext>`); every use is a row naming its purpose and owner, so two uploads of
the same scan are two rows and one stored object. Rows are never changed after creation except to
name the owner the caller creates afterwards.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OwnedRecord(models.Model):
    """The record a row belongs to ("catalog.material", "documents.officialdocument" …), kept as
    strings so that shared services depend on no app that uses them."""

    owner_type = models.CharField(_("所属对象类型"), max_length=80, blank=True)
    owner_id = models.CharField(_("所属对象ID"), max_length=64, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def owner_fields(owner: models.Model | None) -> dict[str, str]:
        if owner is None:
            return {"owner_type": "", "owner_id": ""}
        return {"owner_type": owner._meta.label_lower, "owner_id": str(owner.pk)}


class StoredFile(OwnedRecord):
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    file_type = models.CharField(_("文件格式"), max_length=8)
    content_type = models.CharField(_("内容类型"), max_length=100)
    original_name = models.CharField(_("文件名"), max_length=200)
    purpose = models.CharField(_("用途"), max_length=40, db_index=True)
    storage_name = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("上传时间"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("存储文件")
        verbose_name_plural = _("存储文件")
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="files_owner_idx")]

    def __str__(self) -> str:
        return self.original_name
