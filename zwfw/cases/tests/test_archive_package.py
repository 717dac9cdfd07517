"""The archive package (ADR 0033): one zip per sealed case with its whole file and a manifest of
SHA-256 hashes, for an authorised archivist only, through the page and the API, audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.test import Client

from zwfw.accounts.models import Role
from zwfw.cases.archive.package import case_archive_package
from zwfw.cases.archive.selectors import archived_cases_for
from zwfw.cases.models import Case
from zwfw.cases.services.acceptance import case_accept, case_reject, case_request_supplement, case_supply
from zwfw.cases.services.drafting import case_material_file_add, case_submit
from zwfw.core.errors import Conflict, NotFound
from zwfw.core.models import AuditEvent
from zwfw.documents.models import OfficialDocument
from zwfw.files.services import file_read
from zwfw.files.storage import private_storage
from zwfw.files.tests import samples
from zwfw.jobs.testing import outbox_drain

from .conftest import FORM, ID_NUMBER, NOW, make_user
from .test_acceptance import _pdf, online_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived(citizen, item, clerk, empty_queue):
    """Received online, told once to supplement, supplied, then refused; both notices issued after
    commit, and with the last one the case is sealed."""
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    form = case.materials.get(name="申请书")
    case_request_supplement(actor=clerk, case=case, missing=[{"material": form.pk, "note": "须本人签字"}],
                            supply_by=dt.date(2026, 3, 20), now=NOW + dt.timedelta(hours=1))
    case_material_file_add(actor=citizen, material=form, content=_pdf("签字申请书.pdf"), name="签字申请书.pdf",
                           now=NOW + dt.timedelta(days=1))
    case_supply(actor=citizen, case=case, now=NOW + dt.timedelta(days=1))
    case_reject(actor=clerk, case=case, reasons="申请事项依法不需要取得行政许可", now=NOW + dt.timedelta(days=2))
    outbox_drain(now=NOW + dt.timedelta(days=2, hours=1))
    case = Case.objects.get(pk=case.pk)
    assert case.archived_at is not None
    return case


@pytest.fixture
def archivist(approval_dept):
    return make_user("archivist_dept", Role.ARCHIVIST, department=approval_dept)


def _open(package) -> tuple[zipfile.ZipFile, dict]:
    archive = zipfile.ZipFile(io.BytesIO(package.file.read()))
    return archive, json.loads(archive.read("manifest.json"))


def test_the_package_holds_the_whole_file_and_every_hash_recomputes(archived, archivist):
    package = case_archive_package(actor=archivist, case_id=archived.pk, now=NOW + dt.timedelta(days=3))
    archive, manifest = _open(package)
    # Every member but the manifest is listed once, and every listed hash is the member's own.
    members = set(archive.namelist()) - {"manifest.json"}
    assert sorted(f["path"] for f in manifest["files"]) == sorted(members)
    for entry in manifest["files"]:
        content = archive.read(entry["path"])
        assert hashlib.sha256(content).hexdigest() == entry["sha256"], entry["path"]
        assert len(content) == entry["size"]
    assert manifest["format"] == "zwfw-case-archive/1" and manifest["case_number"] == archived.number
    assert manifest["hash_algorithm"] == "SHA-256" and manifest["built_by"] == "archivist_dept"
    kinds = {f["kind"] for f in manifest["files"]}
    assert kinds == {"case", "materials", "material", "supplement", "timeline", "documents", "document", "audit"}
    # The material files are the bytes handed in (two uploads: the first application and the signed one).
    material_files = [f for f in manifest["files"] if f["kind"] == "material"]
    assert len(material_files) == 2
    assert {f["sha256"] for f in material_files} == {hashlib.sha256(samples.PDF).hexdigest()}
    # The notices: the supplement notice and the refusal, byte for byte as issued.
    documents = OfficialDocument.objects.filter(owner_id=str(archived.pk)).order_by("pk")
    assert {d.kind for d in documents} == {"notice.supplement", "notice.reject"}
    listed = {f["sha256"] for f in manifest["files"] if f["kind"] == "document"}
    assert listed == {d.sha256 for d in documents} == {hashlib.sha256(file_read(d.stored_file)).hexdigest()
                                                       for d in documents}
    # The archivist is authorised: the file is complete, identity number and form answers unmasked.
    record = json.loads(archive.read("case.json"))
    assert record["办件"]["申请人"]["公民身份号码"] == ID_NUMBER
    assert record["申请表"] == {**FORM, **record["申请表"]} and record["申请表"]["application_note"] == "新办"
    assert record["GB/T 39046—2020"]["办结"]["办结结果类型名称"] == "不予受理"
    timeline = json.loads(archive.read("timeline.json"))
    assert [e["动作"] for e in timeline] == ["submit", "request_supplement", "supply", "reject"]
    assert timeline[-1]["文书"] == documents.get(kind="notice.reject").number
    audit = json.loads(archive.read("audit.json"))
    actions = [e["操作"] for e in audit]
    assert {"cases.case.submit", "cases.case.reject", "cases.case.archive"} <= set(actions)
    assert audit == sorted(audit, key=lambda e: e["序号"])
    # The build is audited with the manifest's digest: the saved package matches the trail.
    event = AuditEvent.objects.get(action="cases.case.archive_package", object_id=str(archived.pk))
    assert event.changes["manifest_sha256"] == package.manifest_sha256
    assert package.manifest_sha256 == hashlib.sha256(archive.read("manifest.json")).hexdigest()


def test_only_an_archivist_of_the_cases_department_or_region_gets_it(archived, archivist, clerk, county, other_dept,
                                                                     citizen, item, empty_queue):
    region_archivist = make_user("archivist_region", Role.ARCHIVIST, region=county)
    other_archivist = make_user("archivist_other", Role.ARCHIVIST, department=other_dept)
    assert list(archived_cases_for(archivist)) == [archived] == list(archived_cases_for(region_archivist))
    case_archive_package(actor=region_archivist, case_id=archived.pk, now=NOW)
    for stranger in (other_archivist, clerk, citizen, None):
        with pytest.raises(NotFound):
            case_archive_package(actor=stranger, case_id=archived.pk, now=NOW)
    # A case still open is not the archive's yet.
    open_case = online_case(citizen, item)
    case_submit(actor=citizen, case=open_case, now=NOW)
    case_accept(actor=clerk, case=open_case, now=NOW)
    with pytest.raises(NotFound):
        case_archive_package(actor=archivist, case_id=open_case.pk, now=NOW)
    assert AuditEvent.objects.filter(action="cases.case.archive_package").count() == 1


def test_an_altered_stored_file_stops_the_package(archived, archivist):
    stored = archived.materials.get(name="申请书").files.first().stored_file
    storage = private_storage()
    storage.delete(stored.storage_name)
    storage.save(stored.storage_name, io.BytesIO(samples.PDF + b"%tampered"))
    with pytest.raises(Conflict) as err:
        case_archive_package(actor=archivist, case_id=archived.pk, now=NOW)
    assert err.value.code == "archive_file_altered"
    assert not AuditEvent.objects.filter(action="cases.case.archive_package").exists()


def test_the_page_and_the_api_serve_it_as_an_attachment(archived, archivist, clerk):
    client = Client()
    client.force_login(archivist)
    listing = client.get("/workbench/archive/")
    assert listing.status_code == 200 and archived.number in listing.content.decode()
    for path in (f"/workbench/archive/{archived.pk}/package/", f"/api/v1/archive/cases/{archived.pk}/package"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        body = b"".join(response.streaming_content)
        manifest = json.loads(zipfile.ZipFile(io.BytesIO(body)).read("manifest.json"))
        assert hashlib.sha256(zipfile.ZipFile(io.BytesIO(body)).read("manifest.json")).hexdigest() == \
            response["X-Manifest-SHA256"]
        assert manifest["case_id"] == archived.pk
    api_list = client.get("/api/v1/archive/cases").json()
    assert [r["number"] for r in api_list["results"]] == [archived.number]
    client.force_login(clerk)
    assert client.get(f"/api/v1/archive/cases/{archived.pk}/package").status_code == 404
    assert client.get(f"/workbench/archive/{archived.pk}/package/").status_code == 404
    assert client.get("/workbench/archive/").status_code == 403
    assert client.get("/api/v1/archive/cases").json()["results"] == []
