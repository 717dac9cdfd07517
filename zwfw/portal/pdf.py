"""Printable PDF of a guide, rendered by the documents rendering service and kept in the private
file store once per published version (docs/adr/0013-guide-pdf.md, docs/adr/0018).

The cache key is the version and the print layout's revision only: the QR code points at the
configured public address (ZWFW_SITE_URL), not at whatever Host header a request carried, so the
number of cached PDFs is bounded by the number of published versions.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zwfw.catalog.models import ItemVersion
from zwfw.catalog.selectors import can_view_version
from zwfw.documents.models import RenderedPdf
from zwfw.documents.rendering import absolute_url, pdf_cached, pdf_render, qr_data_uri
from zwfw.files.models import StoredFile
from zwfw.files.purposes import MB, Purpose, purpose_register

from .guide_selectors import Guide

# Bump when templates/portal/guide_print.html or the guide body changes: old cached PDFs are
# then simply not found any more.
PRINT_LAYOUT_REVISION = "2"  # 2: table headers no longer break mid-word
GUIDE_PDF = "portal.guide_pdf"


def guide_pdf_readable(viewer, stored_file: StoredFile) -> bool:
    version = ItemVersion.objects.select_related("item__region").filter(pk=stored_file.owner_id or None).first()
    return version is not None and can_view_version(viewer, version)


def register_guide_pdf_purpose() -> None:
    purpose_register(Purpose(code=GUIDE_PDF, label=_("办事指南PDF"), types=frozenset({"pdf"}), max_bytes=50 * MB,
                             reader=guide_pdf_readable))


def guide_public_url(guide: Guide) -> str:
    if guide.is_current:
        path = reverse("portal:guide", args=[guide.item.pk])
    else:
        path = reverse("portal:guide_version", args=[guide.item.pk, guide.version.number])
    return absolute_url(path)


def guide_pdf_key(guide: Guide) -> str:
    return _key(guide.version.pk)


def _key(version_id: int) -> str:
    return f"guide:{version_id}:r{PRINT_LAYOUT_REVISION}"


def guide_pdf_stored(version_id: int) -> StoredFile | None:
    """The PDF already rendered for a published version, without building its guide (one query)."""
    row = RenderedPdf.objects.select_related("stored_file").filter(key=_key(version_id)).first()
    return row.stored_file if row is not None else None


def guide_pdf(guide: Guide, *, context: dict) -> StoredFile:
    """The stored PDF of a published guide version, rendered the first time it is asked for."""
    url = guide_public_url(guide)
    v = guide.version
    return pdf_cached(
        key=guide_pdf_key(guide), purpose=GUIDE_PDF, name=f"{v.name}办事指南（第{v.number}版）.pdf", owner=v,
        render=lambda: pdf_render("portal/guide_print.html", {**context, "qr_uri": qr_data_uri(url),
                                                               "guide_url": url}),
    )
