import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zwfw.files.models import StoredFile
from zwfw.files.purposes import APPLICANT_MATERIAL, Purpose, purpose_register
from zwfw.files.services import file_read, file_store
from zwfw.files.storage import private_storage
from zwfw.files.types import FileRefused

from . import samples

pytestmark = pytest.mark.django_db


def stored_names() -> list[str]:
    storage = private_storage()
    if not storage.exists(""):
        return []
    folders, _files = storage.listdir("")
    return sorted(f"{folder}/{name}" for folder in folders for name in storage.listdir(folder)[1])


def test_store_records_the_content_address_and_keeps_the_bytes_once(django_user_model):
    user = django_user_model.objects.create(username="applicant1")
    first = file_store(content=SimpleUploadedFile("营业执照.pdf", samples.PDF), purpose=APPLICANT_MATERIAL,
                       name="营业执照.pdf", actor=user)
    second = file_store(content=samples.PDF, purpose=APPLICANT_MATERIAL, name="另一份.pdf", actor=user)
    import hashlib

    sha = hashlib.sha256(samples.PDF).hexdigest()
    assert (first.sha256, first.size, first.file_type, first.content_type) == (sha, len(samples.PDF), "pdf",
                                                                               "application/pdf")
    assert (first.original_name, first.purpose, first.created_by) == ("营业执照.pdf", APPLICANT_MATERIAL, user)
    assert first.storage_name == second.storage_name == f"{sha[:2]}/{sha}.pdf"
    assert StoredFile.objects.count() == 2
    assert stored_names() == [f"{sha[:2]}/{sha}.pdf"]
    assert file_read(second) == samples.PDF


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("表格.png", samples.PDF, "表格.pdf"),
    ("表格", samples.PDF, "表格.pdf"),
    ("照片.JPEG", samples.jpeg_with_gps(), "照片.JPEG"),
    ("../../etc/报表.docx", samples.office("xl"), "报表.xlsx"),
    ("", samples.ofd(), "文件.ofd"),
])
def test_the_type_comes_from_the_content_and_the_name_follows_it(name, data, expected):
    row = file_store(content=data, purpose=APPLICANT_MATERIAL, name=name)
    assert row.original_name == expected


@pytest.mark.parametrize(("name", "data", "code"), [
    ("申请表.pdf", samples.HTML, "file_active_content"),
    ("图.png", samples.SVG, "file_active_content"),
    ("申请表.pdf", b"", "file_empty"),
    ("申请表.pdf", samples.PDF.replace(b"%%EOF", b"<script>alert(1)</script>%%EOF"), "file_polyglot"),
])
def test_refused_uploads_leave_nothing_behind(name, data, code):
    with pytest.raises(FileRefused) as refused:
        file_store(content=SimpleUploadedFile(name, data, content_type="application/pdf"),
                   purpose=APPLICANT_MATERIAL, name=name)
    assert refused.value.code == code
    assert StoredFile.objects.count() == 0 and stored_names() == []


def test_the_size_limit_is_per_purpose_and_read_no_further(settings):
    settings.ZWFW_APPLICANT_FILE_MAX_BYTES = 40
    upload = SimpleUploadedFile("a.pdf", samples.PDF)
    with pytest.raises(FileRefused) as refused:
        file_store(content=upload, purpose=APPLICANT_MATERIAL, name="a.pdf")
    assert refused.value.code == "file_too_large"
    assert refused.value.message == "文件过大：不能超过 0.00 MB"
    settings.ZWFW_APPLICANT_FILE_MAX_BYTES = 10 * 1024 * 1024
    with pytest.raises(FileRefused) as refused:
        file_store(content=b"%PDF-" + b"0" * (10 * 1024 * 1024), purpose=APPLICANT_MATERIAL, name="big.pdf")
    assert refused.value.message == "文件过大：不能超过 10 MB"
    assert StoredFile.objects.count() == 0 and stored_names() == []


def test_a_stream_is_cut_off_at_the_limit(settings):
    settings.ZWFW_APPLICANT_FILE_MAX_BYTES = 1024

    class Endless(io.RawIOBase):
        reads = 0

        def read(self, n=-1):
            Endless.reads += 1
            return b"%PDF-" + b"0" * 65531

    with pytest.raises(FileRefused) as refused:
        file_store(content=Endless(), purpose=APPLICANT_MATERIAL, name="a.pdf")
    assert refused.value.code == "file_too_large" and Endless.reads == 1


def test_a_purpose_allows_only_its_types():
    purpose_register(Purpose(code="test.pdf_only", label="测试", types=frozenset({"pdf"}), max_bytes=1024))
    with pytest.raises(FileRefused) as refused:
        file_store(content=samples.office("word"), purpose="test.pdf_only", name="a.docx")
    assert refused.value.code == "file_type_not_allowed" and refused.value.message == "只能上传 PDF 文件"
    assert StoredFile.objects.count() == 0


def test_photo_metadata_is_stripped_before_storing():
    upload = samples.jpeg_with_gps()
    assert Image.open(io.BytesIO(upload)).getexif().get_ifd(samples.GPS_IFD)  # the sample really has GPS
    row = file_store(content=upload, purpose=APPLICANT_MATERIAL, name="身份证正面.jpg")
    stored = Image.open(io.BytesIO(file_read(row)))
    assert stored.format == "JPEG" and stored.size == (40, 20)
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info and "comment" not in stored.info
    assert b"PhoneMaker" not in file_read(row) and row.size == len(file_read(row))


def test_a_rotated_photo_stays_upright_without_its_orientation_tag():
    row = file_store(content=samples.jpeg_with_gps(orientation=6), purpose=APPLICANT_MATERIAL, name="a.jpg")
    stored = Image.open(io.BytesIO(file_read(row)))
    assert stored.size == (20, 40) and dict(stored.getexif()) == {}


def test_png_text_and_exif_chunks_are_dropped_and_transparency_kept():
    row = file_store(content=samples.png_with_text(), purpose=APPLICANT_MATERIAL, name="扫描件.png")
    data = file_read(row)
    stored = Image.open(io.BytesIO(data))
    assert stored.mode == "RGBA" and stored.getpixel((0, 0)) == (0, 128, 0, 128)
    assert dict(stored.getexif()) == {} and "Author" not in stored.info
    assert b"tEXt" not in data and b"eXIf" not in data and b"13912345678" not in data


def test_a_broken_image_is_refused():
    with pytest.raises(FileRefused) as refused:
        file_store(content=b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, purpose=APPLICANT_MATERIAL, name="a.png")
    assert refused.value.code == "file_damaged" and StoredFile.objects.count() == 0
