"""`zwfw regions load --province 51 | --all`: load the shipped statistical division codes."""

import time

from django.core.management.base import BaseCommand, CommandError

from zwfw.core.errors import DomainError
from zwfw.organizations.models import RegionLevel
from zwfw.organizations.services import region_load


class Command(BaseCommand):
    help = "载入国家统计局行政区划代码（省、市、县、乡镇四级）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="载入一个省或全国的行政区划（可重复执行）")
        group = load.add_mutually_exclusive_group(required=True)
        group.add_argument("--province", help="省级代码前两位，如 51（四川省）")
        group.add_argument("--all", action="store_true", help="载入全国")

    def handle(self, *args, action, province=None, all=False, **options):
        started = time.monotonic()
        try:
            result = region_load(actor=None, province=None if all else province)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        seconds = time.monotonic() - started
        levels = "，".join(
            f"{label} {result.by_level[value]}" for value, label in RegionLevel.choices if value in result.by_level
        )
        scope = "全国" if all else f"省级代码 {province}"
        self.stdout.write(
            f"已载入行政区划（{scope}）：新增 {result.created} 条，更名 {result.renamed} 条，"
            f"未变 {result.unchanged} 条，共 {result.total} 条（{levels}），用时 {seconds:.1f} 秒。"
        )
