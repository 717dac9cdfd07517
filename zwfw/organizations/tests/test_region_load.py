import csv
import io

import pytest
from django.core.management import CommandError, call_command

from zwfw.core.errors import PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Region
from zwfw.organizations.services import region_load

from .conftest import make_user

# Hainan (46) in the shipped CSV files: 1 province, 5 cities (incl. 省直辖县级行政区划), 27 counties,
# 243 towns. The county row 460400 儋州市 repeats its city's 12-digit code and is not a region of its own.
HAINAN = {"province": 1, "city": 5, "county": 26, "town": 243}


def _csv_rows(name, province):
    from zwfw.organizations.services.regions import _open

    with _open(name) as handle:
        return [r for r in csv.DictReader(handle) if r.get("provinceCode", r["code"][:2]) == province]


def test_hainan_counts_match_the_csv(db):
    assert len(_csv_rows("cities.csv", "46")) == HAINAN["city"]
    assert len(_csv_rows("areas.csv", "46")) == HAINAN["county"] + 1
    assert len(_csv_rows("streets.csv", "46")) == HAINAN["town"]


def test_load_one_province(db, now):
    result = region_load(province="46", now=now)
    assert (result.created, result.renamed, result.unchanged) == (275, 0, 0)
    assert result.by_level == HAINAN
    counts = {level: Region.objects.filter(level=level).count() for level in HAINAN}
    assert counts == HAINAN
    assert Region.objects.exclude(code__startswith="46").count() == 0
    # Codes are 12 digits; 儋州市's towns hang on the city, 三亚市 districts on their city.
    assert Region.objects.get(code="460400100000").parent_id == "460400000000"
    assert Region.objects.get(code="460202000000").parent_id == "460200000000"
    assert Region.objects.get(code="460000000000").parent_id is None
    assert Region.objects.get(code="469000000000").name == "省直辖县级行政区划"
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.object_id) == ("region.load", None, "46")
    assert event.changes["created"] == 275


def test_load_is_idempotent_and_fixes_names(db):
    region_load(province="46")
    Region.objects.filter(code="460100000000").update(name="旧名")
    result = region_load(province="46")
    assert (result.created, result.renamed, result.unchanged) == (0, 1, 274)
    assert Region.objects.get(code="460100000000").name == "海口市"
    assert Region.objects.count() == 275
    assert AuditEvent.objects.count() == 2


@pytest.mark.parametrize(("province", "code"), [("99", "region_not_found"), ("5", "province_invalid")])
def test_load_bad_province_changes_nothing(db, province, code):
    with pytest.raises(ValidationFailed) as exc:
        region_load(province=province)
    assert exc.value.code == code
    assert Region.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_load_by_non_admin_user_denied(db):
    with pytest.raises(PermissionDenied):
        region_load(actor=make_user("clerk", "window_clerk"), province="46")
    assert Region.objects.count() == 0


def test_command_output_in_chinese(db):
    out = io.StringIO()
    call_command("regions", "load", "--province", "46", stdout=out)
    text = out.getvalue()
    assert text.startswith("已载入行政区划（省级代码 46）：新增 275 条，更名 0 条，未变 0 条，共 275 条")
    assert "省级 1，市级 5，县级 26，乡镇（街道） 243" in text


def test_command_unknown_province(db):
    with pytest.raises(CommandError, match="行政区划代码 99 不存在"):
        call_command("regions", "load", "--province", "99")


def test_whole_country_loads_complete(db):
    # No time assertion: machines are shared and noisy (the load's speed is a bench matter).
    result = region_load()
    assert result.by_level == {"province": 31, "city": 342, "county": 2975, "town": 41351}
    assert Region.objects.count() == 44699
    assert Region.objects.filter(level="town", parent__isnull=True).count() == 0
