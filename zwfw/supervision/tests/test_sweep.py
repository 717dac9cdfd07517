"""The sweep: normal → yellow → red over working days, each level carded once, by the stored
moments; 即办件 untimed; paused clocks not carded; cards record their rule and version."""

from __future__ import annotations

from django.core.management import call_command

from zwfw.calendar.models import ClockStatus, TimeLimitClock
from zwfw.core.models import AuditEvent
from zwfw.notifications.models import Notification
from zwfw.supervision.models import Card, CardStatus, Level, SupervisionRule, Target, ThresholdKind
from zwfw.supervision.services import rule_set, supervision_sweep

from .conftest import at, received_case


def _cards(case, purpose="promised"):
    return list(Card.objects.filter(owner_type="cases.case", owner_id=str(case.pk), clock__purpose=purpose)
                .order_by("level").values_list("level", "status"))


def test_promised_limit_goes_yellow_then_red_each_once(case, clerk):
    clock = TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="promised")
    assert clock.due_date.isoformat() == "2026-03-10"  # 5 working days from Tue 3 March
    # Fri 6 March: two working days left — past the calendar's warn_at, but not the 90 % / 1 day rule.
    assert clock.warn_at <= at(6)
    supervision_sweep(now=at(6))
    assert _cards(case) == []
    # Mon 9 March: one working day left → yellow, issued to the clerk who accepted the case.
    result = supervision_sweep(now=at(9))
    assert result.raised == 1
    assert _cards(case) == [(Level.YELLOW, CardStatus.ISSUED)]
    card = Card.objects.get(clock=clock, level=Level.YELLOW)
    assert card.responsible == clerk
    assert (card.rule_code, card.rule_version) == ("case_promised.yellow", 1)
    assert card.rule.source.startswith("电子监察通行做法")
    assert card.feedback_due_at.date().isoformat() == "2026-03-11"
    assert Notification.objects.filter(recipient=clerk, template="supervision.card_issued").count() == 1
    # Again the same day: nothing new.
    assert supervision_sweep(now=at(9, 15)).raised == 0
    # Tue 10 March during office hours: still due today, not red.
    supervision_sweep(now=at(10, 11))
    assert _cards(case) == [(Level.YELLOW, CardStatus.ISSUED)]
    # Wed 11 March: exceeded → red, once.
    assert supervision_sweep(now=at(11)).raised == 1
    assert supervision_sweep(now=at(12)).raised == 0
    assert _cards(case) == [(Level.RED, CardStatus.ISSUED), (Level.YELLOW, CardStatus.ISSUED)]
    assert Notification.objects.filter(recipient=clerk, template="supervision.card_issued").count() == 2
    assert AuditEvent.objects.filter(action="card.raise").count() == 2
    assert AuditEvent.objects.filter(action="card.issue").count() == 2


def test_weekend_is_not_counted(case):
    # Sat 7 and Sun 8 March are rest days: on Sunday two working days are still left.
    supervision_sweep(now=at(8))
    assert _cards(case) == []


def test_immediate_cases_are_not_timed(citizen, immediate_item, hall, clerk):
    case = received_case(citizen, immediate_item)
    supervision_sweep(now=at(30))
    assert not TimeLimitClock.objects.filter(owner_id=str(case.pk), purpose__in=["promised", "statutory"]).exists()
    assert Card.objects.filter(owner_id=str(case.pk)).exclude(clock__purpose="acceptance").count() == 0


def test_unaccepted_case_gets_acceptance_cards(citizen, item, hall, clerk):
    # Received on Tue 3 March, never decided: the 5-day acceptance limit (行政许可法第三十二条).
    case = received_case(citizen, item)
    supervision_sweep(now=at(9))
    assert _cards(case, "acceptance") == [(Level.YELLOW, CardStatus.ISSUED)]
    card = Card.objects.get(owner_id=str(case.pk), clock__purpose="acceptance")
    assert card.responsible is None  # received online: no clerk yet → the department's heads are told


def test_paused_clock_is_not_carded(case):
    clock = TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="promised")
    from zwfw.calendar.services.clock import clock_pause

    clock_pause(actor=None, clock=clock, kind="supplement", reason="补正材料", legal_basis="行政许可法第三十二条",
                now=at(4))
    supervision_sweep(now=at(20))
    assert TimeLimitClock.objects.get(pk=clock.pk).status == ClockStatus.PAUSED
    assert _cards(case) == []


def test_region_rule_version_is_used_and_recorded(case, supervisor, county):
    # The county's supervisor makes yellow earlier: 2 working days left → yellow on Fri 6 March.
    rule = rule_set(actor=supervisor, region=county, target=Target.CASE_PROMISED, level=Level.YELLOW,
                    threshold=ThresholdKind.NEAR, working_days_left=2,
                    share_used_percent=None, now=at(4))
    assert rule.version == 1 and rule.region == county
    rule = rule_set(actor=supervisor, region=county, target=Target.CASE_PROMISED, level=Level.YELLOW,
                    threshold=ThresholdKind.NEAR, working_days_left=2,
                    share_used_percent=95, now=at(5))
    assert rule.version == 2
    supervision_sweep(now=at(6))
    card = Card.objects.get(clock__owner_id=str(case.pk), clock__purpose="promised", level=Level.YELLOW)
    assert (card.rule_id, card.rule_version) == (rule.pk, 2)
    assert SupervisionRule.objects.filter(code="case_promised.yellow").count() == 3  # default + 2 versions
    assert AuditEvent.objects.filter(action="supervision_rule.set").count() == 2


def test_command_runs_the_sweep_once(case, capsys):
    call_command("supervise", "--now", "2026-03-11T10:00:00+08:00")
    call_command("supervise", "--now", "2026-03-11T10:00:00+08:00")
    out = capsys.readouterr().out
    assert Card.objects.filter(clock__owner_id=str(case.pk), clock__purpose="promised").count() == 1  # red only
    assert "raised 1" in out and "raised 0" in out


def test_working_days_across_labour_day_and_its_make_up_saturday(citizen, item, clerk, hall):
    # Accepted Wed 29 April 2026; 1–5 May is the Labour Day holiday and Sat 9 May a make-up
    # working day (国务院办公厅 2026 arrangement, zwfw/calendar/data/2026.json): the 5 working
    # days are 30 April, 6, 7, 8 and 9 May.
    from .conftest import accepted_case

    case = accepted_case(citizen, item, clerk, now=at(29, month=4))
    clock = TimeLimitClock.objects.get(owner_id=str(case.pk), purpose="promised")
    assert clock.due_date.isoformat() == "2026-05-09"
    for day in (4, 5, 6, 7):  # by calendar days it would be red from 5 May
        supervision_sweep(now=at(day, month=5))
        assert _cards(case) == [], day
    supervision_sweep(now=at(8, month=5))  # Friday: one working day (the make-up Saturday) left
    assert _cards(case) == [(Level.YELLOW, CardStatus.ISSUED)]
    supervision_sweep(now=at(9, month=5))  # the make-up Saturday is the last day: not yet red
    assert _cards(case) == [(Level.YELLOW, CardStatus.ISSUED)]
    supervision_sweep(now=at(10, month=5))
    assert _cards(case) == [(Level.RED, CardStatus.ISSUED), (Level.YELLOW, CardStatus.ISSUED)]
    card = Card.objects.get(clock=clock, level=Level.RED)
    assert card.feedback_due_at.date().isoformat() == "2026-05-11"  # 1 working day after Sunday 10 May


def test_periodic_job_runs_the_sweep(case, monkeypatch):
    from huey.contrib.djhuey import HUEY

    from zwfw.core import clock as core_clock
    from zwfw.supervision.tasks import supervision_sweep_task

    assert "zwfw.supervision.sweep" in {task.__name__ for task in HUEY._registry._periodic_tasks}
    monkeypatch.setattr(core_clock, "now", lambda: at(11))
    supervision_sweep_task.call_local()
    assert _cards(case) == [(Level.RED, CardStatus.ISSUED)]
