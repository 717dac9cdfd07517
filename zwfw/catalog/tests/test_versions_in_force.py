"""The catalog ↔ clock contract (issue 7, point 8): a clock starts from a published version's
limit; a version published with a later effective date is scheduled, not current, until its day;
a resubmission after a return is audited as the edge it is."""

import datetime as dt

import pytest

from zwfw.calendar.models import TimeLimitClock
from zwfw.calendar.selectors import calendar_cache_clear
from zwfw.calendar.services import calendar_seed_from_package, clock_start
from zwfw.catalog.models import ServiceItem
from zwfw.catalog.selectors import version_clock_terms, version_in_force, version_scheduled
from zwfw.catalog.services import (
    item_publish,
    item_review_approve,
    item_review_return,
    item_submit_for_review,
    item_version_create,
    item_version_update,
)
from zwfw.catalog.services.effective import catalog_versions_take_effect
from zwfw.core.errors import ValidationFailed
from zwfw.core.models import AuditEvent

pytestmark = pytest.mark.django_db

MAY_DAY = dt.date(2026, 5, 1)


def _publish_next(item, editor, reviewer, now, *, effective_on, promised_limit=2):
    version = item_version_create(actor=editor, item=item, now=now)
    item_version_update(actor=editor, version=version, fields={"promised_limit": promised_limit}, now=now)
    item_submit_for_review(actor=editor, version=version, now=now)
    item_review_approve(actor=reviewer, version=version, now=now)
    return item_publish(actor=reviewer, version=version, effective_on=effective_on, now=now)


def test_a_clock_starts_from_a_published_versions_limit(published, editor, approval_dept, now):
    calendar_cache_clear()
    calendar_seed_from_package(now=now)
    terms = version_clock_terms(published)
    assert (terms.limit, terms.unit, terms.extension_max) == (5, "working_days", 10)
    clock = clock_start(actor=editor, owner_type="cases.case", owner_id="1", purpose="promised",
                        department=approval_dept, now=now, **terms.as_kwargs())
    clock.refresh_from_db()
    # Accepted Monday 2 March 2026 (17:00 China time): five working days later is Monday 9 March.
    assert (clock.unit, clock.limit, clock.extension_max, clock.due_date) == ("working_days", 5, 10,
                                                                             dt.date(2026, 3, 9))
    calendar_cache_clear()


def test_a_version_without_the_limit_has_no_clock_terms(published):
    with pytest.raises(ValidationFailed) as info:
        version_clock_terms(published, purpose="statutory_or_what")
    assert info.value.code == "validation_failed"
    assert TimeLimitClock.objects.count() == 0


def test_a_later_effective_date_is_scheduled_not_current(published, editor, reviewer, now):
    item = published.item
    v2 = _publish_next(item, editor, reviewer, now, effective_on=MAY_DAY)
    item.refresh_from_db()
    today = now.date()
    assert item.current_version_id == published.pk
    assert version_in_force(item, on=today) == published
    assert version_scheduled(item, on=today) == v2
    assert version_in_force(item, on=MAY_DAY) == v2
    assert version_scheduled(item, on=MAY_DAY) is None
    event = AuditEvent.objects.filter(action="catalog.version.publish").latest("seq")
    assert (event.changes["scheduled"], event.changes["effective_on"]) == (True, "2026-05-01")


def test_the_daily_switch_makes_the_scheduled_version_current_on_its_day(published, editor, reviewer, now):
    item = published.item
    v2 = _publish_next(item, editor, reviewer, now, effective_on=MAY_DAY)
    day_before = dt.datetime(2026, 4, 30, 12, 0, tzinfo=dt.UTC)
    assert catalog_versions_take_effect(now=day_before) == 0
    assert ServiceItem.objects.get(pk=item.pk).current_version_id == published.pk
    on_the_day = dt.datetime(2026, 4, 30, 16, 5, tzinfo=dt.UTC)  # 00:05 on 1 May in China
    assert catalog_versions_take_effect(now=on_the_day) == 1
    assert ServiceItem.objects.get(pk=item.pk).current_version_id == v2.pk
    assert catalog_versions_take_effect(now=on_the_day) == 0  # idempotent
    event = AuditEvent.objects.get(action="catalog.version.take_effect")
    assert (event.object_id, event.changes["previous_version_id"]) == (str(v2.pk), published.pk)


def test_a_version_cannot_take_effect_before_one_already_published(published, editor, reviewer, now):
    item = published.item
    _publish_next(item, editor, reviewer, now, effective_on=MAY_DAY)
    v3 = item_version_create(actor=editor, item=item, now=now)
    assert v3.promised_limit == 2  # continued from the scheduled version, not the one in force
    item_submit_for_review(actor=editor, version=v3, now=now)
    item_review_approve(actor=reviewer, version=v3, now=now)
    with pytest.raises(ValidationFailed) as info:
        item_publish(actor=reviewer, version=v3, effective_on=dt.date(2026, 4, 1), now=now)
    assert info.value.code == "effective_before_previous"
    v3.refresh_from_db()
    assert (v3.status, ServiceItem.objects.get(pk=item.pk).current_version_id) == ("approved", published.pk)


def test_a_resubmission_is_audited_as_returned_to_submitted(draft, editor, reviewer, now):
    item_submit_for_review(actor=editor, version=draft, now=now)
    item_review_return(actor=reviewer, version=draft, comment="请补充设定依据", now=now)
    item_submit_for_review(actor=editor, version=draft, now=now)
    submits = AuditEvent.objects.filter(action="catalog.version.submit").order_by("seq")
    assert [e.changes["status"] for e in submits] == [["draft", "submitted"], ["returned", "submitted"]]
