"""`zwfw audit verify|seal|checkpoint`: the audit chain's operations (ADR 0019).

verify seals pending events first (unless --no-seal), checks the chain and every signed
checkpoint, and exits 1 on any break; seal appends pending events to the chain; checkpoint signs
the chain's head and writes it to the witness named by ZWFW_AUDIT_CHECKPOINT.
"""

from django.core.management.base import BaseCommand, CommandError

from zwfw.core import clock
from zwfw.core.audit import audit_seal, audit_unsealed
from zwfw.core.audit_checkpoint import audit_checkpoint_write
from zwfw.core.audit_runs import audit_verification_run
from zwfw.core.models import VerificationSource


class Command(BaseCommand):
    help = "审计链操作：verify 校验审计记录链；seal 将待封存记录封入链；checkpoint 写出签名检查点"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal", "checkpoint"])
        parser.add_argument("--no-seal", action="store_true", help="校验前不封存待封存记录（只读校验）")
        parser.add_argument("--checkpoints", help="从此文件读取检查点（如从日志服务器收集的 syslog 行）")
        parser.add_argument("--batch", type=int, default=1000, help="每个事务封存的记录数")

    def handle(self, *args, action, **options):
        if action == "seal":
            self.stdout.write(f"已封存 {audit_seal(batch=options['batch'])} 条记录")
        elif action == "checkpoint":
            self._checkpoint()
        else:
            self._verify(seal=not options["no_seal"], source=options["checkpoints"])

    def _checkpoint(self):
        audit_seal()
        cp = audit_checkpoint_write()
        if cp is None:
            self.stdout.write("审计链为空，未写出检查点")
        else:
            self.stdout.write(f"已写出检查点：第 {cp.chain_seq} 条，摘要 {cp.digest[:16]}…，{cp.at}")

    def _verify(self, *, seal: bool, source: str | None):
        # Stored as a verification run: the auditor's page shows the last result and when it ran.
        run = audit_verification_run(source=VerificationSource.COMMAND, seal=seal, checkpoints_from=source)
        if run.problems:
            for p in run.problems:
                self.stderr.write(f"第 {p['seq']} 条：{p['detail']}（{p['kind']}）")
            raise CommandError(f"审计链校验失败：发现 {len(run.problems)} 处异常", returncode=1)
        self.stdout.write(f"审计链完整：共 {run.events_checked} 条记录，对照 {run.checkpoints} 个检查点")
        if run.unsealed:
            pending = audit_unsealed()
            if pending.oldest is not None:
                age = clock.now() - pending.oldest
                self.stdout.write(f"另有 {pending.count} 条待封存记录，最早的已等待 {int(age.total_seconds())} 秒")
