import io
import zipfile

import pytest
from django.test import override_settings

from zwfw.catalog.forms_files import material_file_attach
from zwfw.catalog.models import MaterialFile
from zwfw.catalog.services import item_version_create
from zwfw.core.errors import PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.files.models import StoredFile
from zwfw.files.storage import private_storage

from .guides import LATER, PDF_BYTES, build_guides, upload
from .network import build_network, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides():
    return build_guides(build_network())


def office_zip(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{folder}/document.xml", "<x/>")
    return buffer.getvalue()


def draft_material(guides, position=1):
    return guides.household_draft.materials.get(position=position)


def test_attach_stores_content_addressed_and_audits(guides):
    material = draft_material(guides)
    before = AuditEvent.objects.count()
    row = material_file_attach(actor=guides.editor, material=material, kind="blank",
                               uploaded_file=upload("身份证明.docx", office_zip("word")), now=LATER)
    stored = row.stored_file
    assert stored.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert stored.original_name == "身份证明.docx" and stored.size == len(office_zip("word"))
    assert (stored.purpose, stored.owner_type, stored.owner_id) == ("catalog.form_file", "catalog.material",
                                                                    str(material.pk))
    assert stored.storage_name == f"{stored.sha256[:2]}/{stored.sha256}.docx"
    assert private_storage().exists(stored.storage_name)
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.action == "catalog.material_file.attach" and event.changes["sha256"] == row.sha256


def test_attach_replaces_the_file_of_the_same_kind(guides):
    material = draft_material(guides)
    material_file_attach(actor=guides.editor, material=material, kind="sample",
                         uploaded_file=upload("a.xlsx", office_zip("xl")), now=LATER)
    material_file_attach(actor=guides.editor, material=material, kind="sample",
                         uploaded_file=upload("b.pdf", PDF_BYTES), now=LATER)
    assert list(MaterialFile.objects.filter(material=material).values_list("stored_file__original_name", flat=True)) == ["b.pdf"]


def stored_state():
    storage = private_storage()
    folders = storage.listdir("")[0] if storage.exists("") else []
    names = sorted(f"{d}/{n}" for d in folders for n in storage.listdir(d)[1])
    return MaterialFile.objects.count(), StoredFile.objects.count(), AuditEvent.objects.count(), names


@pytest.mark.parametrize(("name", "data", "code"), [
    ("表格.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "file_active_content"),
    ("表格.pdf", b"MZ\x90\x00 not a pdf", "file_active_content"),
    ("表格.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "file_active_content"),
    ("表格.exe", b"MZ\x90\x00", "file_active_content"),
    ("表格.pdf", PDF_BYTES.replace(b"%%EOF", b"<script>alert(1)</script>\n%%EOF"), "file_polyglot"),
    ("表格.txt", b"plain text", "file_type_not_allowed"),
    ("表格.pdf", b"", "file_empty"),
])
def test_attach_refuses_bad_files_and_changes_nothing(guides, name, data, code):
    material = draft_material(guides)
    before = stored_state()
    with pytest.raises(ValidationFailed) as error:
        material_file_attach(actor=guides.editor, material=material, kind="blank",
                             uploaded_file=upload(name, data, content_type="application/pdf"))
    assert error.value.code == code and error.value.field_errors["file"] == [error.value.message]
    assert stored_state() == before


def test_a_renamed_html_file_uploaded_as_pdf_gets_a_chinese_error(guides):
    with pytest.raises(ValidationFailed) as error:
        material_file_attach(actor=guides.editor, material=draft_material(guides), kind="blank",
                             uploaded_file=upload("申请表.pdf", b"<html><body>\xe7\x94\xb3\xe8\xaf\xb7</body></html>",
                                                  content_type="application/pdf"))
    assert (error.value.code, error.value.message) == ("file_active_content", "不能上传网页、SVG 图片、脚本或可执行文件")


def test_an_unknown_file_is_told_the_types_this_use_allows(guides):
    with pytest.raises(ValidationFailed) as error:
        material_file_attach(actor=guides.editor, material=draft_material(guides), kind="blank",
                             uploaded_file=upload("说明.txt", "纯文本说明".encode()))
    assert (error.value.code, error.value.message) == (
        "file_type_not_allowed", "只能上传 PDF、OFD、JPG、PNG、DOC、XLS、DOCX、XLSX 文件")


@pytest.mark.parametrize(("name", "data", "stored_name", "file_type"), [
    ("表格.png", PDF_BYTES, "表格.pdf", "pdf"),
    ("表格.docx", office_zip("xl"), "表格.xlsx", "xlsx"),
    ("表格", PDF_BYTES, "表格.pdf", "pdf"),
])
def test_the_content_decides_the_type_not_the_name(guides, name, data, stored_name, file_type):
    row = material_file_attach(actor=guides.editor, material=draft_material(guides), kind="blank",
                               uploaded_file=upload(name, data), now=LATER)
    assert (row.stored_file.original_name, row.stored_file.file_type) == (stored_name, file_type)


@override_settings(ZWFW_FORM_FILE_MAX_BYTES=1024 * 1024)
def test_attach_refuses_files_over_the_size_limit_and_changes_nothing(guides):
    before = stored_state()
    with pytest.raises(ValidationFailed) as error:
        material_file_attach(actor=guides.editor, material=draft_material(guides), kind="blank",
                             uploaded_file=upload("a.pdf", PDF_BYTES + b"%" * (1024 * 1024)))
    assert (error.value.code, error.value.message) == ("file_too_large", "文件过大：不能超过 1 MB")
    assert stored_state() == before


def test_attach_refuses_unknown_kind(guides):
    with pytest.raises(ValidationFailed) as error:
        material_file_attach(actor=guides.editor, material=draft_material(guides), kind="other",
                             uploaded_file=upload("a.pdf", PDF_BYTES))
    assert error.value.code == "invalid_kind"


def test_published_versions_refuse_files(guides):
    material = guides.household_v2.materials.get(position=1)
    before = MaterialFile.objects.count()
    with pytest.raises(StateError):
        material_file_attach(actor=guides.editor, material=material, kind="blank",
                             uploaded_file=upload("a.pdf", PDF_BYTES))
    assert MaterialFile.objects.count() == before


@pytest.mark.parametrize("who", ["other_department_editor", "reviewer", "clerk"])
def test_only_the_departments_editors_may_attach(guides, who):
    network_dept = guides.household.department
    from zwfw.organizations.models import Department

    other = Department.objects.exclude(pk=network_dept.pk).first()
    actor = {
        "other_department_editor": lambda: make_user("ed2", "catalog_editor", department=other),
        "reviewer": lambda: guides.reviewer,
        "clerk": lambda: make_user("ck", "window_clerk", department=network_dept),
    }[who]()
    before = MaterialFile.objects.count()
    with pytest.raises(PermissionDenied):
        material_file_attach(actor=actor, material=draft_material(guides), kind="blank",
                             uploaded_file=upload("a.pdf", PDF_BYTES))
    assert MaterialFile.objects.count() == before


def test_new_version_keeps_the_files_of_the_published_one(guides):
    published = {(f.material.position, f.kind): f.sha256
                 for f in MaterialFile.objects.filter(material__version=guides.household_v2)}
    copied = {(f.material.position, f.kind): f.sha256
              for f in MaterialFile.objects.filter(material__version=guides.household_draft)}
    assert published == copied == {
        (0, "blank"): published[(0, "blank")], (0, "sample"): published[(0, "sample")]}
    # The first version's rows are untouched and still point at the same stored file.
    assert MaterialFile.objects.filter(material__version=guides.household_v1).count() == 2


def test_copy_without_files_copies_nothing(guides):
    from zwfw.catalog.services import item_publish, item_review_approve, item_submit_for_review

    social = guides.social.current_version
    assert not MaterialFile.objects.filter(material__version=social).exists()
    item_submit_for_review(actor=guides.editor, version=guides.household_draft, now=LATER)
    item_review_approve(actor=guides.reviewer, version=guides.household_draft, now=LATER)
    item_publish(actor=guides.reviewer, version=guides.household_draft, now=LATER)
    version = item_version_create(actor=guides.editor, item=guides.social, now=LATER)
    assert not MaterialFile.objects.filter(material__version=version).exists()
