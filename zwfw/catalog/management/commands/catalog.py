"""`zwfw catalog stats|lint`: catalog statistics and the quality lint."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from zwfw.organizations.identifiers import region_code_normalize
from zwfw.organizations.models import Region

from ...exchange.command import ACTIONS as EXCHANGE_ACTIONS
from ...exchange.command import add_exchange_arguments, handle_exchange
from ...lint import catalog_lint
from ...models import InitiatedBy, ItemType
from ...stats import catalog_stats


class Command(BaseCommand):
    help = "事项目录：stats 统计（--json 输出JSON）；lint 质量检查（有问题时退出码为1）；reindex 重建检索索引；take-effect 使到期的新版本生效；import/export/template 事项导入导出"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["stats", "lint", "reindex", "take-effect", "consistency", *EXCHANGE_ACTIONS])
        parser.add_argument("--region", help="区划代码（6、9 或 12 位），默认全部")
        parser.add_argument("--json", action="store_true", help="输出JSON")
        add_exchange_arguments(parser)

    def handle(self, *args, action, region=None, json=False, **options):
        scope = None
        if region:
            # 6/9/12-digit codes are all accepted, as in the organisation services.
            scope = Region.objects.filter(code=region_code_normalize(region) or region).first()
            if scope is None:
                raise CommandError(f"区划 {region} 不存在", returncode=2)
        if action in EXCHANGE_ACTIONS:  # import and export (zwfw/catalog/exchange/command.py)
            handle_exchange(self, action, region=scope, as_json=json, **options)
        elif action == "reindex":  # rebuild the search index (docs/adr/0012-catalog-search.md)
            from ...search import search_reindex

            self.stdout.write(f"已重建检索索引：{search_reindex(region=scope)} 个事项")
        elif action == "take-effect":  # daily: scheduled versions become current (services/effective.py)
            from ...services.effective import catalog_versions_take_effect

            self.stdout.write(f"已生效的新版本：{catalog_versions_take_effect()} 个事项")
        elif action == "consistency":  # 四级四同 report (zwfw/catalog/consistency.py); exit 1 on problems
            from ...consistency import consistency_command

            consistency_command(self, region=scope, as_json=json)
        elif action == "stats":
            self._stats(catalog_stats(viewer=None, region=scope), as_json=json)
        else:
            self._lint(catalog_lint(viewer=None, region=scope), as_json=json)

    def _stats(self, data, *, as_json):
        if as_json:
            self.stdout.write(json_dumps(data))
            return
        self.stdout.write(f"事项总数：{data['total']}")
        self.stdout.write("类型代码  事项类型        数量")
        for code, n in data["by_type"].items():
            self.stdout.write(f"{code:<8}  {ItemType(code).label:<12}  {n:>6}")
        for key, n in data["by_initiated"].items():
            self.stdout.write(f"{InitiatedBy(key).label}：{n}")
        self.stdout.write(f"最多跑一次：{data['at_most_one_visit']}（{data['at_most_one_visit_share']:.1%}）")
        self.stdout.write(f"可网办（Ⅲ级及以上）：{data['online']}（{data['online_share']:.1%}）")
        self.stdout.write(f"全程网办（Ⅳ级）：{data['fully_online']}（{data['fully_online_share']:.1%}）")
        if data["speedup_mean"] is not None:
            self.stdout.write(f"平均提速比：{data['speedup_mean']:.1%}（{data['speedup_items']} 项）")
        self.stdout.write(f"赋权乡镇事项：{data['delegated_to_towns']}")

    def _lint(self, rows, *, as_json):
        if as_json:
            self.stdout.write(json_dumps(rows))
        else:
            for r in rows:
                self.stdout.write(f"{r['code']} {r['department']} {r['name']}（{r['implementation_code']}）"
                                  f" [{r['field']}] {r['message']}")
            self.stdout.write(f"共发现 {len(rows)} 个问题")
        if rows:
            raise CommandError(f"事项质量检查发现 {len(rows)} 个问题", returncode=1)


def json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
