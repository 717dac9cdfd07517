"""`zwfw stats rebuild [--region CODE]`: recompute the dashboard rollups from the cases (repair)."""

from django.core.management.base import BaseCommand, CommandError

from zwfw.core import clock


class Command(BaseCommand):
    help = "监察统计：rebuild 从办件重建汇总表（修复用）"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])
        parser.add_argument("--region", default="", help="只重建该区划（代码前缀）下的办件")

    def handle(self, *args, action, region, **options):
        from zwfw.stats.rollups import rollup_rebuild

        if region and not region.isdigit():
            raise CommandError("区划代码只能是数字", returncode=2)
        rows = rollup_rebuild(now=clock.now(), region_prefix=region)
        self.stdout.write(f"已重建监察统计汇总：{rows} 行")
