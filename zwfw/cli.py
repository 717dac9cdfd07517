"""The `zwfw` console command: Django's management commands with the project's settings preset."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zwfw", *(argv if argv is not None else sys.argv[1:])])
    return 0
