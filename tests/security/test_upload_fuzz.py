"""Upload fuzz tests (issue 13): bombs, polyglots, mislabelled, oversized and malformed files sent
to every upload path; each is refused with a 400 (a Chinese message and a code) and nothing is
written — no catalog row, no audit event, no stored file, no bytes in the private store.

Upload paths: the catalog import (POST /api/v1/catalog/import and `zwfw catalog import`) reads the
workbook; the private file store (`file_store`, behind form files, applicant materials, documents
and the guide PDF cache) keeps files without parsing them, so it is fuzzed for every purpose it
knows with the files that must never be kept there.
"""

from __future__ import annotations

import io
import os

import pytest
from rest_framework.test import APIClient

from zwfw.catalog.models import ItemVersion, ServiceItem
from zwfw.core.errors import ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.files.models import StoredFile

from . import hostile

pytestmark = pytest.mark.django_db


def _written(settings) -> tuple:
    private = settings.STORAGES["private"].get("OPTIONS", {}).get("location", "")
    stored = sum(len(files) for _, _, files in os.walk(private)) if private and os.path.isdir(private) else 0
    return (ServiceItem.objects.count(), ItemVersion.objects.count(), AuditEvent.objects.count(),
            StoredFile.objects.count(), stored)


@pytest.fixture(scope="module")
def hostile_xlsx():
    """Every hostile spreadsheet, built once (the bomb takes a second or two)."""
    return {name: make() for name, make in hostile.XLSX_HOSTILE.items()}


@pytest.fixture
def editor(people):
    return people["editor_a"]


@pytest.mark.parametrize("name", sorted(hostile.XLSX_HOSTILE))
def test_catalog_import_api_refuses_and_writes_nothing(settings, editor, hostile_xlsx, name):
    before = _written(settings)
    client = APIClient()
    client.force_authenticate(editor)
    response = client.post("/api/v1/catalog/import", {"file": io.BytesIO(hostile_xlsx[name])}, format="multipart")
    assert response.status_code == 400, (name, response.status_code, response.content[:200])
    body = response.json()
    assert body["code"] and body["message"], body
    if body["code"] != "import_failed":  # (wide rows: a readable file, its columns reported missing)
        assert list(body["fields"]) == ["file"], body
    assert _written(settings) == before


@pytest.mark.parametrize("name", ["shared_string_bomb", "xxe", "truncated_sheet", "html_polyglot", "empty"])
def test_catalog_import_command_refuses_and_writes_nothing(settings, editor, hostile_xlsx, name, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "hostile.xlsx"
    path.write_bytes(hostile_xlsx[name])
    before = _written(settings)
    with pytest.raises((CommandError, ValidationFailed, SystemExit)):
        call_command("catalog", "import", str(path), "--user", editor.username)
    assert _written(settings) == before


STORE_HOSTILE = {
    **{f"xlsx_{n}": n for n in ("html_polyglot", "pdf_zip_polyglot", "broken_zip", "empty", "many_entries")},
    "html": b"<!doctype html><html><script>alert(1)</script></html>",
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "exe": b"MZ\x90\x00" + b"\x00" * 200,
    "script": b"#!/bin/sh\nrm -rf /\n",
    "pdf_with_script": b"%PDF-1.4\n<script>alert(1)</script>\n%%EOF\n",
    "jpeg_with_zip": b"\xff\xd8\xff\xe0" + b"\x00" * 100 + b"\xff\xd9",  # completed below with a zip
    "png_truncated": b"\x89PNG\r\n\x1a\n\x00\x00",
    "pdf_unterminated": b"%PDF-1.4\n1 0 obj<<>>endobj\n",
    "ofd_xxe": "ofd_xxe",
    "docx_bomb": "docx_bomb",
}


@pytest.fixture(scope="module")
def store_payloads(hostile_xlsx):
    return {name: _store_payload(name, hostile_xlsx) for name in STORE_HOSTILE}


def _store_payload(name: str, hostile_xlsx) -> bytes:
    value = STORE_HOSTILE[name]
    if isinstance(value, str) and value in hostile_xlsx:
        return hostile_xlsx[value]
    if name == "jpeg_with_zip":
        return value + hostile.template_bytes()
    if name == "ofd_xxe":
        out = io.BytesIO()
        import zipfile

        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("OFD.xml", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                        '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016">&x;</ofd:OFD>')
        return out.getvalue()
    if name == "docx_bomb":
        # The probe's 500 MiB shared string, in a file the store would otherwise take as .xlsx.
        return hostile.shared_string_bomb(520 * hostile.MIB)
    return value


def _purposes() -> list[str]:
    from zwfw.files.purposes import _PURPOSES  # every purpose registered by the apps' ready()

    return sorted(_PURPOSES)


@pytest.mark.parametrize("purpose", _purposes())
@pytest.mark.parametrize("name", sorted(STORE_HOSTILE))
def test_file_store_refuses_for_every_purpose_and_writes_nothing(settings, store_payloads, purpose, name):
    from zwfw.files.services import file_store
    from zwfw.files.types import FileRefused

    data = store_payloads[name]
    before = _written(settings)
    with pytest.raises(FileRefused) as refused:
        file_store(content=data, purpose=purpose, name="表格.xlsx")
    assert refused.value.code.startswith("file_") and refused.value.message
    assert _written(settings) == before
