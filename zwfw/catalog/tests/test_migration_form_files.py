"""Migration 0006 moves the form files kept in media storage into the private file store."""

import datetime as dt
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("catalog", "0006_limit_unit_and_extension_max")]
AFTER = [("catalog", "0007_form_files_in_store")]
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def migrate(targets):
    """As `zwfw migrate` does: the cases' freeze triggers (ADR 0033) lifted while SQLite rebuilds
    tables, installed again after (the command does it by its pre/post_migrate signals)."""
    from zwfw.cases.freeze_triggers import freeze_install, freeze_lift

    freeze_lift(connection)
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    freeze_install(connection)
    return executor.loader.project_state(targets).apps


def old_material(apps):
    Region = apps.get_model("organizations", "Region")
    Department = apps.get_model("organizations", "Department")
    ServiceItem = apps.get_model("catalog", "ServiceItem")
    ItemVersion = apps.get_model("catalog", "ItemVersion")
    Material = apps.get_model("catalog", "Material")
    region = Region.objects.create(code="511602000000", name="广安区", level="county")
    department = Department.objects.create(region=region, code="D1", name="公安分局")
    item = ServiceItem.objects.create(catalog_level="implementation", region=region, department=department,
                                      level="3", base_code="000107001000", created_at=NOW)
    version = ItemVersion.objects.create(item=item, number=1, status="draft", name="户籍迁移登记", item_type="07",
                                         created_at=NOW)
    return Material.objects.create(version=version, position=0, name="户口迁移申请表"), version


@pytest.mark.django_db(transaction=True)
def test_form_files_move_into_the_private_store_and_leave_media():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = migrate(BEFORE)
        material, version = old_material(apps)
        Material = apps.get_model("catalog", "Material")
        second = Material.objects.create(version=version, position=1, name="居民身份证")
        MaterialFile = apps.get_model("catalog", "MaterialFile")
        sha = hashlib.sha256(PDF).hexdigest()
        media_name = default_storage.save(f"catalog/forms/{sha[:2]}/{sha}.pdf", ContentFile(PDF))
        for owner, kind in ((material, "blank"), (second, "blank")):
            MaterialFile.objects.create(material=owner, kind=kind, file=media_name, original_name="申请表.pdf",
                                        content_type="application/pdf", size=len(PDF), sha256=sha, uploaded_at=NOW)
        MaterialFile.objects.create(material=material, kind="sample", file="catalog/forms/ab/gone.pdf",
                                    original_name="样表.pdf", content_type="application/pdf", size=3,
                                    sha256="ab" * 32, uploaded_at=NOW)

        apps = migrate(AFTER)
        StoredFile = apps.get_model("files", "StoredFile")
        rows = list(apps.get_model("catalog", "MaterialFile").objects.order_by("id").values_list(
            "material_id", "kind", "stored_file_id"))
        stored = StoredFile.objects.get()
        assert rows == [(material.pk, "blank", stored.pk), (second.pk, "blank", stored.pk)]
        assert (stored.sha256, stored.size, stored.file_type, stored.original_name, stored.purpose,
                stored.storage_name, stored.owner_type, stored.owner_id) == (
            sha, len(PDF), "pdf", "申请表.pdf", "catalog.form_file", f"{sha[:2]}/{sha}.pdf", "catalog.material",
            str(material.pk))
        with storages["private"].open(stored.storage_name, "rb") as handle:
            assert handle.read() == PDF
        assert not default_storage.exists(media_name)
    finally:
        migrate(latest)
