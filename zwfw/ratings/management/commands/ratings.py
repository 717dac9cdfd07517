"""`zwfw ratings export|invite|defaults`: the table 9 export as JSON lines, and the two periodic
jobs run once (the worker runs them daily)."""

from __future__ import annotations

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.organizations.models import Region

from ...export import ratings_export_rows
from ...services import ratings_default_due, ratings_invite_due


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--{name}: not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "好差评: export ratings (GB/T 39046 table 9) as JSON lines; send due invitations; record default ratings."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="ratings as JSON lines (one object per rating)")
        export.add_argument("--since", help="first China date (YYYY-MM-DD)")
        export.add_argument("--until", help="last China date (YYYY-MM-DD)")
        export.add_argument("--region", help="12-digit region code: that region and below")
        export.add_argument("--output", help="file to write (default: standard output)")
        sub.add_parser("invite", help="send the SMS rating invitations due now")
        sub.add_parser("defaults", help="record the default ratings due now (regions that turned them on)")

    def handle(self, *args, action, **options):
        if action == "invite":
            self.stdout.write(f"ratings invite: {ratings_invite_due()} sent")
            return
        if action == "defaults":
            self.stdout.write(f"ratings defaults: {ratings_default_due()} recorded")
            return
        since, until = _date(options.get("since"), "since"), _date(options.get("until"), "until")
        prefix = ""
        if options.get("region"):
            region = Region.objects.filter(pk=options["region"]).first()
            if region is None:
                raise CommandError("--region: unknown region code")
            prefix = region.prefix
        now = clock.now()
        batch = now.strftime("%Y%m%dT%H%M%S")
        out = open(options["output"], "w", encoding="utf-8") if options.get("output") else sys.stdout  # noqa: SIM115
        count = 0
        try:
            for row in ratings_export_rows(since=since, until=until, region_prefix=prefix, batch=batch):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        finally:
            if out is not sys.stdout:
                out.close()
        audit_record(actor=None, action="rating.export", now=now,
                     changes={"since": str(since or ""), "until": str(until or ""), "region": options.get("region")
                              or "", "rows": count})
        self.stderr.write(f"ratings export: {count} rows")
