"""The materials of a case: one row per material the item's version asks for (a snapshot, so a
later version of the guide does not change what this applicant was asked), plus what was handed
in for it. GB/T 39046—2020 table 5: material name, collected or not, how, count, when, attachment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MaterialForm(models.TextChoices):
    """How a material reached the case (收取方式)."""

    ELECTRONIC = "electronic", _("电子件")
    ORIGINAL_SEEN = "original_seen", _("原件核验")
    COPY_KEPT = "copy_kept", _("复印件留存")
    SHARED = "shared", _("共享获取（免提交）")
    PENDING = "pending", _("容缺后补")


class CaseMaterial(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey("catalog.Material", verbose_name=_("事项材料"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("材料名称"), max_length=300)
    required = models.BooleanField(_("必要"), default=True)
    condition = models.CharField(_("适用情形"), max_length=300, blank=True)
    tolerance_allowed = models.BooleanField(_("允许容缺"), default=False)
    electronic_accepted = models.BooleanField(_("接受电子材料"), default=True)
    # What was handed in. Several may hold at once (the original seen and a copy kept).
    original_seen = models.BooleanField(_("原件已核验"), default=False)
    copy_kept = models.BooleanField(_("复印件已留存"), default=False)
    shared_source = models.CharField(_("共享来源"), max_length=200, blank=True,
                                     help_text=_("由平台已有数据或本平台签发的证照取得，不再要求申请人提交"))
    pending_until = models.DateField(_("容缺补交期限"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核验人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(_("核验时间"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "position", "id"]
        verbose_name = _("办件材料")
        verbose_name_plural = _("办件材料")

    def __str__(self) -> str:
        return self.name

    @property
    def file_count(self) -> int:
        cached = getattr(self, "_prefetched_objects_cache", {}).get("files")
        return len(cached) if cached is not None else self.files.count()

    @property
    def supplied(self) -> bool:
        """Handed in by one of the ways that count (a pending 容缺 promise does not)."""
        return bool(self.original_seen or self.copy_kept or self.shared_source or self.file_count)

    @property
    def missing(self) -> bool:
        return self.required and not self.supplied

    @property
    def forms(self) -> list[str]:
        out = []
        if self.file_count:
            out.append(MaterialForm.ELECTRONIC.label)
        if self.original_seen:
            out.append(MaterialForm.ORIGINAL_SEEN.label)
        if self.copy_kept:
            out.append(MaterialForm.COPY_KEPT.label)
        if self.shared_source:
            out.append(MaterialForm.SHARED.label)
        if self.pending_until and not self.supplied:
            out.append(MaterialForm.PENDING.label)
        return [str(f) for f in out]


class CaseMaterialFile(models.Model):
    """An electronic file handed in for a material, kept in the private file store."""

    material = models.ForeignKey(CaseMaterial, on_delete=models.CASCADE, related_name="files")
    stored_file = models.ForeignKey("files.StoredFile", verbose_name=_("文件"), on_delete=models.PROTECT,
                                    related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("上传时间"))

    class Meta:
        ordering = ["material_id", "added_at", "id"]
        verbose_name = _("材料文件")
        verbose_name_plural = _("材料文件")
        constraints = [models.UniqueConstraint(fields=["material", "stored_file"], name="case_material_file_once")]

    def __str__(self) -> str:
        return str(self.stored_file_id)
