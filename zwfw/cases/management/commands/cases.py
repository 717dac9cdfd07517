"""`zwfw cases export --since <watermark|last|all> [--output FILE]`: the upward feed (ADR 0033)."""

from __future__ import annotations

import datetime as dt
import os

from django.core.management.base import BaseCommand, CommandError

from zwfw.core.errors import DomainError

from ...export.feed import cases_export, export_watermark_last


def _moment(text: str, option: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}：不是 ISO 日期时间（例如 2026-03-11T10:00:00+08:00）") from None
    if moment.tzinfo is None:
        raise CommandError(f"{option}：请写明时区，例如 2026-03-11T10:00:00+08:00")
    return moment


class Command(BaseCommand):
    help = ("办件：export 按 GB/T 39046—2020 数据元导出自水位以来变更的办件（JSON Lines），"
            "--since last 从上次导出的水位继续，--since all 导出全部")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export"])
        parser.add_argument("--since", required=True, help="ISO 日期时间、last（上次导出的水位）或 all（全部）")
        parser.add_argument("--output", help="写入的文件（默认标准输出）；文件含个人信息，仅本人可读（0600）")
        parser.add_argument("--now", help="ISO 日期时间：本次导出的截止水位（默认当前时间，用于重放）")

    def handle(self, *args, action, since, output=None, now=None, **options):
        if since == "last":
            watermark = export_watermark_last()
            if watermark is None:
                raise CommandError("尚无导出记录，请用 --since all 或给出起始时间", returncode=2)
        elif since == "all":
            watermark = None
        else:
            watermark = _moment(since, "--since")
        moment = _moment(now, "--now") if now else None
        try:
            if output:
                # The feed holds identity numbers: the file is created readable by its owner only.
                fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    batch = cases_export(out=handle, since=watermark, now=moment)
            else:
                batch = cases_export(out=self.stdout, since=watermark, now=moment)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        self.stderr.write(f"批次 {batch.pk}：导出 {batch.exported} 件，水位 {batch.until.isoformat()}")
