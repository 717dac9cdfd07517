"""A date "today" is China's date (zwfw.core.clock.today), not the UTC date of an aware datetime:
between 00:00 and 08:00 Beijing time the two differ by a day."""

import datetime as dt

import pytest
from django.db import transaction

from zwfw.catalog.demo.bulk import ItemSpec, VersionSpec, bulk_publish
from zwfw.catalog.demo.republish import item_republish
from zwfw.catalog.models import ItemVersion, ServiceItem
from zwfw.core import clock
from zwfw.portal.guide_selectors import _start

from .conftest import GUIDE

pytestmark = pytest.mark.django_db

# 2026-11-29 23:30 in Beijing, and one hour later 2026-11-30 00:30 in Beijing (still the 29th in UTC).
BEFORE_MIDNIGHT = dt.datetime(2026, 11, 29, 15, 30, tzinfo=dt.UTC)
AFTER_MIDNIGHT = dt.datetime(2026, 11, 29, 16, 30, tzinfo=dt.UTC)


def test_clock_today_is_the_date_in_beijing():
    assert clock.today(BEFORE_MIDNIGHT) == dt.date(2026, 11, 29)
    assert clock.today(AFTER_MIDNIGHT) == dt.date(2026, 11, 30)


@pytest.mark.parametrize(("now", "expected"), [(BEFORE_MIDNIGHT, dt.date(2026, 11, 29)),
                                               (AFTER_MIDNIGHT, dt.date(2026, 11, 30))])
def test_demo_load_takes_effect_on_the_day_in_china(now, expected, approval_dept, reviewer):
    item = ServiceItem(catalog_level="implementation", region=approval_dept.region, department=approval_dept,
                       level="4", base_code="000104002000", local_code="A1", created_at=now)
    fields = {"name": "固定资产投资项目节能审查", "item_type": "01", **GUIDE}
    with transaction.atomic():
        bulk_publish(actor=reviewer, now=now, specs=[ItemSpec(item=item, versions=[VersionSpec(fields)])])
    assert list(ItemVersion.objects.filter(item=item).values_list("effective_on", flat=True)) == [expected]


def test_demo_republish_takes_effect_on_the_day_in_china(published, reviewer):
    with transaction.atomic():
        version = item_republish(item=ServiceItem.objects.get(pk=published.item_id), actor=reviewer, now=AFTER_MIDNIGHT,
                                 change_summary="演示数据更新", change=lambda v: None)
    version.refresh_from_db()
    assert (version.number, version.effective_on) == (2, dt.date(2026, 11, 30))


@pytest.mark.parametrize(("published_at", "expected"), [(BEFORE_MIDNIGHT, dt.date(2026, 11, 29)),
                                                        (AFTER_MIDNIGHT, dt.date(2026, 11, 30))])
def test_guide_period_without_effective_date_starts_on_the_publishing_day_in_china(published_at, expected):
    # versions loaded before effective dates were recorded: the period starts when published
    version = ItemVersion(number=1, status="published", effective_on=None, published_at=published_at)
    assert _start(version) == expected
