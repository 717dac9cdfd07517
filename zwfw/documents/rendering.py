"""Rendering service: Django template → HTML → PDF (WeasyPrint), QR codes (segno, inline SVG),
and a render-once cache in the private store for PDFs of immutable sources.

CJK glyphs come from Debian's fonts-noto-cjk / fonts-wqy-microhei (scripts/bootstrap.sh), found
by fontconfig and embedded as subsets. The renderer fetches nothing but data: URLs, so a
template can never make the server request an address (the pages carry their CSS inline).
"""

from __future__ import annotations

from collections.abc import Callable

import segno
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from zwfw.core import clock
from zwfw.files.models import StoredFile
from zwfw.files.services import file_store

from .models import RenderedPdf


def absolute_url(path: str) -> str:
    """An address on the public site, from the configured ZWFW_SITE_URL (never the Host header,
    which any client can set)."""
    return settings.ZWFW_SITE_URL + path


def qr_svg(url: str, *, scale: int = 3) -> SafeString:
    """A QR code (error correction M) for `url`, as inline SVG."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, title=url, svgclass="qr")
    return mark_safe(svg)  # noqa: S308 (segno escapes the title; the rest is generated paths)


def qr_data_uri(url: str, *, scale: int = 3) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=scale)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is really rendered
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",))).write_pdf()


def pdf_render(template_name: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))


def pdf_cached(*, key: str, purpose: str, name: str, render: Callable[[], bytes], owner=None,
               now=None) -> StoredFile:
    """The stored PDF for `key`, rendered by `render()` and stored only the first time.

    `key` must name an immutable source (e.g. "guide:<version id>:r<layout revision>"); two
    requests racing on a first render both render, one row wins, both answer the same file.
    The cache keeps within ZWFW_PDF_CACHE_MAX_BYTES: storing a render drops the oldest others.
    """
    cached = RenderedPdf.objects.select_related("stored_file").filter(key=key).first()
    if cached is not None:
        return cached.stored_file
    data = render()
    now = now or clock.now()
    try:
        with transaction.atomic():
            stored = file_store(content=data, purpose=purpose, name=name, owner=owner, now=now)
            RenderedPdf.objects.create(key=key, stored_file=stored, created_at=now)
            pdf_cache_trim(keep=key)
    except IntegrityError:
        return RenderedPdf.objects.select_related("stored_file").get(key=key).stored_file
    return stored


def pdf_cache_trim(*, keep: str = "") -> int:
    """Drop the oldest cached renders (other than `keep`) until the cache's stored bytes are
    within ZWFW_PDF_CACHE_MAX_BYTES; returns how many were dropped. Their bytes leave storage
    after commit unless another stored-file row uses the same content. A dropped source is
    rendered again the next time it is asked for, so this only ever costs time."""
    limit = settings.ZWFW_PDF_CACHE_MAX_BYTES
    total = RenderedPdf.objects.aggregate(total=Sum("stored_file__size"))["total"] or 0
    dropped = 0
    if total <= limit:
        return dropped
    oldest = RenderedPdf.objects.exclude(key=keep).order_by("created_at", "id").values_list(
        "pk", "stored_file_id", "stored_file__size", "stored_file__storage_name")
    for pk, file_id, size, storage_name in oldest.iterator(chunk_size=200):
        RenderedPdf.objects.filter(pk=pk).delete()
        StoredFile.objects.filter(pk=file_id).delete()
        transaction.on_commit(lambda name=storage_name: _storage_drop_unused(name))
        dropped += 1
        total -= size
        if total <= limit:
            break
    return dropped


def _storage_drop_unused(storage_name: str) -> None:
    from zwfw.files.storage import private_storage

    if not StoredFile.objects.filter(storage_name=storage_name).exists():
        private_storage().delete(storage_name)
