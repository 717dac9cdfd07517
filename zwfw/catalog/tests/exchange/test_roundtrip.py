"""Export → import round-trips: the published demo catalog, exported to the template and
imported into a catalog without it, gives drafts equal to the published versions field by field."""

import time

import pytest
from django.db import transaction
from openpyxl import load_workbook

from zwfw.accounts.models import Role
from zwfw.catalog.demo import (
    catalog_load_guangan,
    catalog_load_lingshan,
    guangan_departments,
    lingshan_departments,
)
from zwfw.catalog.exchange.exporting import catalog_export_xlsx
from zwfw.catalog.exchange.importing import catalog_import
from zwfw.catalog.exchange.records import item_key
from zwfw.catalog.models import Material, ServiceItem
from zwfw.catalog.snapshots import version_snapshot
from zwfw.organizations.models import Department, Region, RegionLevel

from ..conftest import make_user

pytestmark = pytest.mark.django_db


def _departments(region, pairs, prefix):
    return {name: Department.objects.create(region=region, code=f"{prefix}{i:02d}", name=name, credit_code=code)
            for i, (name, code) in enumerate(pairs)}


def _picture(item: ServiceItem, version) -> dict:
    snapshot = version_snapshot(version)
    snapshot.pop("effective_on")  # set when a version is published; drafts have none
    return {"identity": (item.department_id, item.base_code, item.implementation_code, item.sub_code, item.local_code,
                         item.variant, item_key(item.parent) if item.parent_id else None), "guide": snapshot}


def _export_then_forget(load, departments, tmp_path):
    """Load and export inside a savepoint that is rolled back: afterwards the catalog is empty
    again, and we hold one file per department and a picture of every exported item."""
    exported = {}
    with transaction.atomic():
        load()
        for department in departments:
            path = tmp_path / f"{department.code}.xlsx"
            with path.open("wb") as fh:
                count = catalog_export_xlsx(viewer=None, out=fh, department=department)
            items = ServiceItem.objects.filter(department=department, current_version__isnull=False)
            pictures = {item_key(i): _picture(i, i.current_version) for i in items}
            assert count == len(pictures)
            exported[department] = (path, pictures)
        transaction.set_rollback(True)
    assert not ServiceItem.objects.exists()
    return exported


def _import_and_compare(path, editor, pictures, now):
    with path.open("rb") as fh:
        report = catalog_import(actor=editor, source=fh, file_name=path.name, now=now)
    assert report.errors == [] and report.warnings == [] and report.updated == []
    assert sorted(e["key"] for e in report.created) == sorted(pictures)
    for item in ServiceItem.objects.filter(department=editor.department):
        version = item.versions.get()
        assert version.status == "draft"
        assert _picture(item, version) == pictures[item_key(item)]


def test_lingshan_round_trip_with_sub_item_and_special_procedures(tmp_path, now):
    region = Region.objects.create(code="450721000000", name="灵山县", level=RegionLevel.COUNTY)
    departments = _departments(region, lingshan_departments(), "ls")
    approval = departments["灵山县行政审批局"]
    loader = make_user("ls_loader", Role.CATALOG_REVIEWER, region=region)
    editor = make_user("ls_editor", Role.CATALOG_EDITOR, department=approval)
    exported = _export_then_forget(
        lambda: catalog_load_lingshan(actor=loader, region=region, departments_by_name=departments, now=now),
        [approval], tmp_path)
    path, pictures = exported[approval]
    assert len(pictures) == 3
    workbook = load_workbook(path, read_only=True)
    assert [r[0] for r in workbook["特别程序"].iter_rows(min_row=2, values_only=True)]  # real special procedures
    sub = [p for p in pictures.values() if p["identity"][3] == "02"]
    assert len(sub) == 1 and sub[0]["identity"][6] == "11450721MB155808114000141005000"  # parent key
    _import_and_compare(path, editor, pictures, now)
    promised = {v["guide"]["promised_limit"] for v in pictures.values()}
    assert 8 in promised  # item 3's current (second) published version, not its first


def test_guangan_whole_export_and_department_round_trips(tmp_path, county, now, capsys):
    departments = _departments(county, guangan_departments(), "ga")
    loader = make_user("ga_loader", Role.CATALOG_REVIEWER, region=county)
    chosen = [departments["区民政局"], departments["区烟草专卖局"]]  # the latter has no credit code
    whole = tmp_path / "whole.xlsx"

    def load():
        catalog_load_guangan(actor=loader, region=county, departments_by_name=departments, now=now)
        started = time.perf_counter()
        with whole.open("wb") as fh:
            count = catalog_export_xlsx(viewer=None, out=fh, region=county)
        elapsed = time.perf_counter() - started
        with capsys.disabled():
            print(f"\nexport of {count} items: {elapsed:.2f} s, {whole.stat().st_size // 1024} KiB")
        assert count == 1135
        workbook = load_workbook(whole, read_only=True)
        assert sum(1 for _ in workbook["事项"].iter_rows(min_row=2)) == 1135
        assert sum(1 for _ in workbook["申请材料"].iter_rows(min_row=2)) == Material.objects.count() > 1135

    exported = _export_then_forget(load, chosen, tmp_path)
    assert [len(exported[d][1]) for d in chosen] == [20, 7]
    for department in chosen:
        editor = make_user(f"editor_{department.code}", Role.CATALOG_EDITOR, department=department)
        path, pictures = exported[department]
        _import_and_compare(path, editor, pictures, now)
