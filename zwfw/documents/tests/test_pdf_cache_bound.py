"""Issue 13 finding 5: the render-once PDF cache is bounded in total size; the oldest renders go
first (rows and, when nothing else uses them, the stored bytes)."""

from datetime import timedelta

import pytest

from zwfw.core import clock
from zwfw.documents.models import RenderedPdf
from zwfw.documents.rendering import pdf_cached
from zwfw.files.models import StoredFile
from zwfw.files.storage import private_storage

pytestmark = pytest.mark.django_db(transaction=True)


def _pdf(n: int, size: int = 1000) -> bytes:
    body = f"%PDF-1.4\n% render {n}\n".encode()
    return body + b"0" * (size - len(body) - 7) + b"\n%%EOF\n"


def _cache(n: int, now):
    return pdf_cached(key=f"guide:{n}:r1", purpose="portal.guide_pdf", name=f"{n}.pdf", render=lambda: _pdf(n),
                      now=now)


def test_the_cache_keeps_within_its_size_by_dropping_the_oldest(settings):
    settings.ZWFW_PDF_CACHE_MAX_BYTES = 2500  # room for two renders of 1,000 bytes
    start = clock.now()
    files = [_cache(n, start + timedelta(minutes=n)) for n in range(4)]
    assert sorted(RenderedPdf.objects.values_list("key", flat=True)) == ["guide:2:r1", "guide:3:r1"]
    assert sum(StoredFile.objects.filter(purpose="portal.guide_pdf").values_list("size", flat=True)) <= 2500
    storage = private_storage()
    assert not storage.exists(files[0].storage_name) and not storage.exists(files[1].storage_name)
    assert storage.exists(files[3].storage_name)
    # An evicted source is simply rendered again when asked for.
    _cache(0, start + timedelta(minutes=10))
    assert sorted(RenderedPdf.objects.values_list("key", flat=True)) == ["guide:0:r1", "guide:3:r1"]


def test_bytes_another_row_still_uses_are_kept(settings):
    from zwfw.files.services import file_store

    settings.ZWFW_PDF_CACHE_MAX_BYTES = 1500
    start = clock.now()
    kept = file_store(content=_pdf(0), purpose="portal.guide_pdf", name="same.pdf", now=start)
    _cache(0, start)
    _cache(1, start + timedelta(minutes=1))
    assert list(RenderedPdf.objects.values_list("key", flat=True)) == ["guide:1:r1"]
    assert private_storage().exists(kept.storage_name)


def test_the_limit_is_a_setting_with_a_default(settings):
    from django.conf import settings as live

    assert live.ZWFW_PDF_CACHE_MAX_BYTES == 2 * 1024 * 1024 * 1024
