"""`zwfw accounts_bootstrap --role security_admin --username root_sec --full-name 张某`

Creates the first holder of an administrator role (三员分立) when none exists; the password comes
from ZWFW_BOOTSTRAP_PASSWORD or is asked for on the terminal.
"""

import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from zwfw.accounts.models import Role
from zwfw.accounts.roles import ADMIN_ROLES
from zwfw.accounts.services import staff_bootstrap
from zwfw.core.errors import DomainError


class Command(BaseCommand):
    help = "创建首个系统管理员、安全管理员或安全审计员账号"

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, choices=[r.value for r in Role if r in ADMIN_ROLES])
        parser.add_argument("--username", required=True)
        parser.add_argument("--full-name", required=True)

    def handle(self, *args, role, username, full_name, **options):
        password = os.environ.get("ZWFW_BOOTSTRAP_PASSWORD") or getpass.getpass("密码: ")
        try:
            user = staff_bootstrap(username=username, full_name=full_name, password=password, role=role)
        except DomainError as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.field_errors.items())
            raise CommandError(f"{exc.message} {details}".strip()) from exc
        self.stdout.write(f"已创建 {user.username}（{role}）")
