"""Generated history: bulk rows whose rollups equal a rebuild from the cases."""

from __future__ import annotations

import datetime as dt

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.cases.models import Case
from zwfw.stats.generate import Plan, history_generate
from zwfw.stats.models import GeneratedBatch
from zwfw.stats.rollups import rollup_rebuild
from zwfw.stats.selectors import dashboard_where, drill_cases, figures_total
from zwfw.supervision.models import Card

from .conftest import at
from .test_rollups import table


def test_generated_history_is_consistent(march, supervisor, county, hall, now):
    before = Case.objects.count()
    result = history_generate(Plan(region_code=county.code, start=dt.date(2025, 10, 1), now=at(12, 10), cases=600,
                                   seed=7))
    assert result.cases == 600 == Case.objects.count() - before
    generated = Case.objects.filter(pk__gte=result.first_id)
    assert all(n.startswith("G511602") for n in generated.values_list("number", flat=True))
    assert GeneratedBatch.objects.get().cases == 600
    assert result.by_status.get("concluded", 0) > 300 and result.by_status.get("accepted", 0) > 0
    assert TimeLimitClock.objects.filter(status=ClockStatus.RUNNING).count() >= result.open > 0
    assert Card.objects.count() == result.cards > 0
    # The merged facts equal a rebuild from the rows written.
    merged = table()
    rollup_rebuild(now=now)
    assert table() == merged
    where = dashboard_where(supervisor, start=dt.date(2025, 10, 1), end=dt.date(2026, 3, 31))
    f = figures_total(where, now=at(12, 10))
    assert f["received"] == 605
    assert 0 < f["late"] < f["timed"] and f.cards_raised == result.cards
    assert drill_cases(supervisor, where, metric="overdue_now", now=at(12, 10)).count() == f.overdue_now
    # New cases after the generated ones take the next ids.
    from .conftest import accepted_case

    assert accepted_case  # imported for the fixture chain
    assert Case.objects.order_by("-pk").first().pk == result.last_id
