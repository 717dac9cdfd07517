import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from zwfw.catalog.forms_files import material_file_attach
from zwfw.catalog.models import MaterialFile
from zwfw.catalog.services import item_version_create
from zwfw.core.errors import PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent

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
    assert row.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert row.original_name == "身份证明.docx" and row.size == len(office_zip("word"))
    assert row.file.name == f"catalog/forms/{row.sha256[:2]}/{row.sha256}.docx"
    assert default_storage.exists(row.file.name)
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.action == "catalog.material_file.attach" and event.changes["sha256"] == row.sha256


def test_attach_replaces_the_file_of_the_same_kind(guides):
    material = draft_material(guides)
    material_file_attach(actor=guides.editor, material=material, kind="sample",
                         uploaded_file=upload("a.xlsx", office_zip("xl")), now=LATER)
    material_file_attach(actor=guides.editor, material=material, kind="sample",
                         uploaded_file=upload("b.pdf", PDF_BYTES), now=LATER)
    assert list(MaterialFile.objects.filter(material=material).values_list("original_name", flat=True)) == ["b.pdf"]


@pytest.mark.parametrize(("name", "data", "code"), [
    ("表格.pdf", b"MZ\x90\x00 not a pdf", "file_content_mismatch"),
    ("表格.png", PDF_BYTES, "file_content_mismatch"),
    ("表格.docx", office_zip("xl"), "file_content_mismatch"),
    ("表格.exe", b"MZ\x90\x00", "file_type_not_allowed"),
    ("表格", PDF_BYTES, "file_type_not_allowed"),
    ("表格.pdf", b"", "file_empty"),
])
def test_attach_refuses_bad_files_and_changes_nothing(guides, name, data, code):
    material = draft_material(guides)
    before = (MaterialFile.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationFailed) as error:
        material_file_attach(actor=guides.editor, material=material, kind="blank", uploaded_file=upload(name, data))
    assert error.value.code == code and error.value.field_errors["file"]
    assert (MaterialFile.objects.count(), AuditEvent.objects.count()) == before


@override_settings(ZWFW_FORM_FILE_MAX_BYTES=20)
def test_attach_refuses_files_over_the_size_limit(guides):
    with pytest.raises(ValidationFailed) as error:
        material_file_attach(actor=guides.editor, material=draft_material(guides), kind="blank",
                             uploaded_file=upload("a.pdf", PDF_BYTES))
    assert error.value.code == "file_too_large" and "不能超过" in error.value.message


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
