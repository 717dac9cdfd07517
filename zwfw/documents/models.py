"""Official documents (numbered, verifiable) and the cache of unnumbered renders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zwfw.files.models import OwnedRecord


class OfficialDocument(OwnedRecord):
    """A numbered document issued to someone: 受理通知书, 不予受理通知书, 补正材料通知书 …
    Its owner is the record it was issued for (a case).

    The PDF is kept once in the private store; its SHA-256 is recorded here and in the audit
    event of the issue, and the public verification page (by `verify_token`, printed as a QR
    code) compares them with the stored bytes. Rows are never changed.
    """

    kind = models.CharField(_("文书种类"), max_length=40)
    title = models.CharField(_("文书名称"), max_length=60)
    number = models.CharField(_("文号"), max_length=80, unique=True)
    issuer_name = models.CharField(_("发文机关"), max_length=100)
    region_code = models.CharField(_("区划代码"), max_length=12)
    issued_on = models.DateField(_("发文日期"))
    stored_file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField(max_length=64)
    verify_token = models.CharField(max_length=43, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签发人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("生成时间"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="documents_owner_idx")]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"


class RenderedPdf(models.Model):
    """An unnumbered PDF rendered once per immutable source (a published guide version), keyed by
    what it was rendered from. The number of keys is bounded by the sources, not by requests."""

    key = models.CharField(max_length=120, unique=True)
    stored_file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("已生成的PDF")
        verbose_name_plural = _("已生成的PDF")

    def __str__(self) -> str:
        return self.key
