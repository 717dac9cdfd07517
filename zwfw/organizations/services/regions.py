"""Loading the statistical division codes shipped in zwfw/organizations/data/regions."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from zwfw.core.audit import audit_record
from zwfw.core.errors import ValidationFailed

from ..models import Region, RegionLevel
from ._common import org_admin_required

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "regions"
BATCH_SIZE = 2000


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str
    parent_code: str | None


@dataclass(frozen=True)
class RegionLoadResult:
    created: int
    renamed: int
    unchanged: int
    by_level: dict[str, int]  # rows in the shipped data per level (province, city, county, town)

    @property
    def total(self) -> int:
        return self.created + self.renamed + self.unchanged


def _open(name: str):
    path = DATA_DIR / name
    if path.exists():
        return path.open(encoding="utf-8", newline="")
    return io.TextIOWrapper(gzip.open(path.with_name(name + ".gz")), encoding="utf-8", newline="")


def _full(code: str) -> str:
    """The 12-digit statistical form: province 2 digits, city 4, county 6, town 9, padded with zeros."""
    return code.ljust(12, "0")


def region_rows(*, province: str | None = None) -> Iterator[RegionRow]:
    """Every region of the shipped data, parents before children; one province when `province` is given."""
    levels = (
        ("provinces.csv", RegionLevel.PROVINCE, None),
        ("cities.csv", RegionLevel.CITY, "provinceCode"),
        ("areas.csv", RegionLevel.COUNTY, "cityCode"),
        ("streets.csv", RegionLevel.TOWN, "areaCode"),
    )
    for filename, level, parent_column in levels:
        with _open(filename) as handle:
            for row in csv.DictReader(handle):
                code = row["code"].strip()
                if province and not code.startswith(province):
                    continue
                parent = _full(row[parent_column].strip()) if parent_column else None
                if parent == _full(code):
                    # Cities without counties (东莞 4419, 中山 4420, 儋州 4604) repeat themselves one level
                    # down (county 441900), and 金门县 has a town 350527000: the same 12-digit code. The
                    # region is already there one level up; its children hang on it.
                    continue
                yield RegionRow(_full(code), row["name"].strip(), level, parent)


def region_load(*, actor=None, province: str | None = None, now=None) -> RegionLoadResult:
    """Insert the shipped division codes (one province, or the whole country when `province` is None).

    Idempotent: existing codes keep their row and only take the shipped name; nothing is deleted.
    `actor=None` is the command line (operator with shell access); a signed-in user must be a
    system administrator. One audit event records the counts.
    """
    if actor is not None:
        org_admin_required(actor)
    if province is not None:
        province = province.strip()
        if not (len(province) == 2 and province.isdigit()):
            raise ValidationFailed.on("province", f"省级代码 {province} 应为 2 位数字", code="province_invalid")
    rows = list(region_rows(province=province))
    if province is not None and not rows:
        raise ValidationFailed.on("province", f"行政区划代码 {province} 不存在", code="region_not_found")
    with transaction.atomic():
        existing = dict(Region.objects.values_list("code", "name"))
        new = [
            Region(code=r.code, name=r.name, level=r.level, parent_id=r.parent_code)
            for r in rows if r.code not in existing
        ]
        Region.objects.bulk_create(new, batch_size=BATCH_SIZE)
        renamed = [Region(code=r.code, name=r.name) for r in rows if r.code in existing and existing[r.code] != r.name]
        Region.objects.bulk_update(renamed, ["name"], batch_size=BATCH_SIZE)
        by_level: dict[str, int] = {}
        for r in rows:
            by_level[r.level] = by_level.get(r.level, 0) + 1
        result = RegionLoadResult(len(new), len(renamed), len(rows) - len(new) - len(renamed), by_level)
        if not (new or renamed):
            return result  # nothing changed, nothing to record
        audit_record(
            actor=actor, action="region.load", object_type="organizations.region",
            object_id=province or "all", object_repr=f"行政区划 {province or '全国'}",
            changes={"province": province, "created": result.created, "renamed": result.renamed,
                     "unchanged": result.unchanged, "by_level": by_level},
            now=now,
        )
    return result
