"""Fixtures of the applicant's case pages: the case tests' county, hall, clerk, citizens and
published item, and the pages' clock frozen at the case tests' NOW (a working day)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from zwfw.cases.tests.conftest import (  # noqa: F401 — fixtures shared with the case tests
    NOW,
    approval_dept,
    calendar,
    citizen,
    clerk,
    county,
    draft,
    editor,
    hall,
    item,
    now,
    other_citizen,
    other_dept,
    published,
    reviewer,
    window,
)


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    """The pages' clock, set to NOW; `frozen["now"] = …` moves it."""
    state = {"now": NOW}
    monkeypatch.setattr("zwfw.core.clock.now", lambda: state["now"])
    cache.clear()
    yield state
    cache.clear()
