import pytest

from zwfw.files.sniffing import sniff
from zwfw.files.types import FileRefused

from . import samples


@pytest.mark.parametrize(("data", "code"), [
    (samples.PDF, "pdf"),
    (samples.jpeg_with_gps(), "jpeg"),
    (samples.png_with_text(), "png"),
    (samples.office("word"), "docx"),
    (samples.office("xl"), "xlsx"),
    (samples.office("ppt"), "pptx"),
    (samples.ofd(), "ofd"),
    (samples.compound("WordDocument", "1Table"), "doc"),
    (samples.compound("Workbook"), "xls"),
    (samples.compound("Book"), "xls"),
])
def test_type_comes_from_the_content(data, code):
    assert sniff(data).code == code


@pytest.mark.parametrize(("data", "code"), [
    (samples.HTML, "file_active_content"),
    (b"\xef\xbb\xbf  " + samples.HTML, "file_active_content"),
    (samples.SVG, "file_active_content"),
    (samples.SCRIPT, "file_active_content"),
    (samples.EXE, "file_active_content"),
    (b"just some text", "file_type_not_allowed"),
    (samples.zip_of({"readme.txt": "hello"}), "file_type_not_allowed"),
    (samples.compound("Contents"), "file_type_not_allowed"),
    # Polyglots: an allowed type that also carries markup or opens as a zip archive.
    (samples.PDF.replace(b"%%EOF", b"<html><script>x</script></html>\n%%EOF"), "file_polyglot"),
    (samples.PDF + samples.zip_of({"a.html": "<html></html>"}), "file_polyglot"),
    (samples.jpeg_with_gps(comment=b"<script src=//evil></script>"), "file_polyglot"),
    (samples.jpeg_with_gps() + samples.zip_of({"x.js": "alert(1)"}), "file_polyglot"),
    (samples.png_with_text() + b"<svg onload=alert(1)>", "file_polyglot"),
    # Structure that does not hold.
    (b"%PDF-1.7\n" + b"\x00" * 64, "file_damaged"),
    (b"PK\x03\x04" + b"\x00" * 64, "file_damaged"),
    (samples.ofd(root="html"), "file_damaged"),
    (samples.compound("WordDocument")[:600], "file_damaged"),
    (samples.office("word", macro=True), "file_macros"),
    (samples.compound("WordDocument", "Macros"), "file_macros"),
])
def test_refusals_have_a_stable_code_and_a_chinese_message(data, code):
    with pytest.raises(FileRefused) as refused:
        sniff(data)
    assert refused.value.code == code
    assert refused.value.field_errors == {"file": [refused.value.message]}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.message)


def test_a_pdf_with_a_zip_appended_after_its_end_is_a_polyglot():
    data = samples.PDF + samples.zip_of({"a.html": "<p>"}) + b"\n%%EOF\n"
    with pytest.raises(FileRefused) as refused:
        sniff(data)
    assert refused.value.code == "file_polyglot"


def test_an_archive_that_unpacks_too_large_is_refused(monkeypatch):
    from zwfw.files import sniffing

    monkeypatch.setattr(sniffing, "MAX_ARCHIVE_UNPACKED", 10)
    with pytest.raises(FileRefused) as refused:
        sniff(samples.office("word"))
    assert refused.value.code == "file_archive_too_large"
