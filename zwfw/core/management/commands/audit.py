"""`zwfw audit verify`: check the audit chain; exit 1 on any break."""

from django.core.management.base import BaseCommand, CommandError

from zwfw.core.audit import audit_verify
from zwfw.core.models import AuditChainHead


class Command(BaseCommand):
    help = "审计链操作：verify 校验审计记录链是否完整"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        problems = audit_verify()
        head = AuditChainHead.objects.filter(id=1).first()
        count = head.last_seq if head else 0
        if problems:
            for p in problems:
                self.stderr.write(f"第 {p.seq} 条：{p.detail}（{p.kind}）")
            raise CommandError(f"审计链校验失败：发现 {len(problems)} 处异常", returncode=1)
        self.stdout.write(f"审计链完整：共 {count} 条记录")
