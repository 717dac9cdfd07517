"""`zwfw bench NAME [ARGS]`: run the benchmark module bench/NAME.py (dashes become underscores).

Each benchmark prints its figures and, as its last line, one JSON object of them.
"""

import importlib
import pkgutil

from django.core.management.base import BaseCommand, CommandError

import bench


def available() -> list[str]:
    return sorted(m.name.replace("_", "-") for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))


class Command(BaseCommand):
    help = "运行性能基准（bench/ 下的模块）"

    def run_from_argv(self, argv):
        # Everything after the bench's name is the bench's own (`zwfw bench seed --cases N`); the
        # older form with `--` before the options keeps working.
        if len(argv) > 3 and not argv[2].startswith("-") and argv[3] != "--":
            argv = [*argv[:3], "--", *argv[3:]]
        return super().run_from_argv(argv)

    def add_arguments(self, parser):
        parser.add_argument("name", help="基准名称，如 calendar、catalog-search")
        parser.add_argument("args", nargs="*", help="传给基准的参数")

    def handle(self, *args, name, **options):
        if name not in available():
            raise CommandError(f"未知的基准 {name!r}；可用：{', '.join(available()) or '无'}", returncode=2)
        module = importlib.import_module(f"bench.{name.replace('-', '_')}")
        # Django hands the positional "args" to handle() as *args, not in options.
        module.main(list(args), stdout=self.stdout)
