"""Issue 13 findings 3 and 4: a spreadsheet bomb or malformed XML inside an .xlsx is refused with a
400, a Chinese message and a stable code, quickly and without the memory a parse would take;
nothing is written."""

import io
import time
import tracemalloc

import pytest
from rest_framework.test import APIClient

from tests.security import hostile
from zwfw.catalog.models import ServiceItem
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _post(editor, data: bytes):
    client = APIClient()
    client.force_authenticate(editor)
    return client.post("/api/v1/catalog/import", {"file": io.BytesIO(data)}, format="multipart")


def _refused(response, code):
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body["code"] == code
    assert list(body["fields"]) == ["file"] and body["message"]
    assert ServiceItem.objects.count() == 0 and AuditEvent.objects.count() == 0
    return body


@pytest.mark.parametrize(("make", "code"), [
    (lambda: hostile.shared_string_bomb(100 * hostile.MIB), "xlsx_too_large"),
    (hostile.many_entries, "xlsx_too_many_entries"),
    (hostile.long_cell, "xlsx_cell_too_long"),
])
def test_spreadsheet_bombs_are_refused_before_they_cost_memory(editor, make, code):
    data = make()
    tracemalloc.start()
    started = time.monotonic()
    response = _post(editor, data)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    _refused(response, code)
    assert elapsed < 5, f"{elapsed:.1f} s"
    assert peak < 32 * hostile.MIB, f"{peak / hostile.MIB:.0f} MiB"


@pytest.mark.parametrize("make", [lambda: hostile.blank_rows(60000), hostile.far_row])
def test_blank_and_skipped_rows_count_against_the_row_limit(editor, make):
    started = time.monotonic()
    body = _refused(_post(editor, make()), "xlsx_too_many_rows")
    assert body["message"] == "“事项”表超过50000行（空白行也计入），请删除空白行或分文件导入"
    # The probe's 100 MiB of blank rows took 40 s; 50,000 rows take about 4 s on a busy CI machine.
    assert time.monotonic() - started < 20


def test_wide_rows_are_read_only_as_far_as_the_template_goes(editor):
    started = time.monotonic()
    response = _post(editor, hostile.wide_rows())
    assert time.monotonic() - started < 5
    assert response.status_code == 400 and response.json()["code"] == "import_failed"


@pytest.mark.parametrize("make", [hostile.xxe, hostile.billion_laughs, hostile.truncated_sheet])
def test_malformed_xml_inside_the_archive_is_a_400(editor, make):
    response = _post(editor, make())
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "xlsx_malformed"
    assert "root:" not in str(body)  # never a resolved entity
    assert ServiceItem.objects.count() == 0 and AuditEvent.objects.count() == 0


@pytest.mark.parametrize("make", [hostile.html_polyglot, hostile.pdf_zip_polyglot, hostile.pdf_named_xlsx,
                                  hostile.broken_zip])
def test_polyglots_and_mislabelled_files_are_not_read(editor, make):
    response = _post(editor, make())
    assert response.status_code == 400
    assert response.json()["code"] == "unreadable_file"
