"""Printable PDF of a guide (WeasyPrint) and the QR code that links to the guide page.

A published version never changes, so its PDF is rendered once and kept in MEDIA_ROOT under a
name made of the item, version, the print layout's revision and the public address the QR code
points at (docs/adr/0013-guide-pdf.md). CJK glyphs come from Debian's fonts-noto-cjk /
fonts-wqy-microhei (scripts/bootstrap.sh), found by fontconfig and embedded as subsets.
"""

from __future__ import annotations

import hashlib

import segno
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .guide_selectors import Guide

# Bump when templates/portal/guide_print.html or the guide body changes: old cached PDFs are
# then simply not found any more.
PRINT_LAYOUT_REVISION = "2"  # 2: table headers no longer break mid-word


def qr_svg(url: str, *, scale: int = 3) -> SafeString:
    """A QR code (segno, error correction M) for `url`, as inline SVG."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, title=url, svgclass="qr")
    return mark_safe(svg)  # noqa: S308 (segno escapes the title; the rest is generated paths)


def qr_data_uri(url: str, *, scale: int = 3) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=scale)


def pdf_storage_name(guide: Guide, guide_url: str) -> str:
    address = hashlib.sha256(guide_url.encode("utf-8")).hexdigest()[:12]
    v = guide.version
    return f"guides/pdf/{guide.item.pk}/v{v.number}-{v.pk}-r{PRINT_LAYOUT_REVISION}-{address}.pdf"


def guide_pdf(guide: Guide, *, guide_url: str, context: dict) -> bytes:
    """The PDF of a published guide version, from the cache or freshly rendered."""
    name = pdf_storage_name(guide, guide_url)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as fh:
            return fh.read()
    from weasyprint import HTML  # heavy import: only when a PDF is really rendered

    html = render_to_string("portal/guide_print.html", {**context, "qr_uri": qr_data_uri(guide_url),
                                                         "guide_url": guide_url})
    data = HTML(string=html, base_url=guide_url).write_pdf()
    if not default_storage.exists(name):  # a concurrent request may have stored it meanwhile
        default_storage.save(name, ContentFile(data))
    return data
