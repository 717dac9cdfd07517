"""Months of generated history for the demo county (issue 10 point 6), so that the supervision
dashboards show meaningful figures at first start. Generated once per county: a second
`zwfw demo` finds the GeneratedBatch and adds nothing."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from zwfw.core.clock import SHANGHAI

HISTORY_MONTHS = 6


def demo_history_load(*, region, now: dt.datetime) -> int:
    from zwfw.stats.generate import Plan, history_generate
    from zwfw.stats.models import GeneratedBatch

    if GeneratedBatch.objects.filter(region_code=region.code).exists():
        return 0
    cases = int(getattr(settings, "ZWFW_DEMO_HISTORY_CASES", 3000))
    if cases <= 0:
        return 0
    today = now.astimezone(SHANGHAI).date()
    month = today.month - HISTORY_MONTHS
    start = dt.date(today.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return history_generate(Plan(region_code=region.code, start=start, now=now, cases=cases,
                                 label="演示县生成的历史办件")).cases
