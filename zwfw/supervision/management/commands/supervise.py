"""`zwfw supervise`: run the supervision sweep once (the worker runs it every five minutes)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from zwfw.supervision.services import supervision_sweep


class Command(BaseCommand):
    help = "Raise the supervision cards (预警/黄牌/红牌) due now; safe to run repeatedly or concurrently."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="ISO moment with offset to sweep at (default: now), e.g. for a replay")

    def handle(self, *args, now=None, **options):
        moment = None
        if now:
            try:
                moment = dt.datetime.fromisoformat(now)
            except ValueError:
                raise CommandError("--now: not an ISO date-time") from None
            if moment.tzinfo is None:
                raise CommandError("--now: give a UTC offset, e.g. 2026-03-11T10:00:00+08:00")
        result = supervision_sweep(now=moment)
        self.stdout.write(f"supervise: candidates {result.candidates}, raised {result.raised}")
