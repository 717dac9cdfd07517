"""`zwfw demo`: load the demo county (idempotent); `--accounts` prints the demo sign-ins."""

from django.core.management.base import BaseCommand

LABELS = {
    "regions": "行政区划", "calendar_years": "工作日历年度", "departments": "部门", "service_centers": "服务中心",
    "windows": "窗口", "service_points": "代办点", "kiosks": "自助终端", "staff": "工作人员",
    "applicants": "申请人", "citizen_accounts": "个人账号", "catalog_items": "政务服务事项",
    "themes": "服务主题", "form_files": "表格文件", "department_contacts": "部门联系方式", "coordinates": "位置坐标",
    "application_forms": "申请表", "cases": "演示办件", "history_cases": "生成的历史办件",
}


class Command(BaseCommand):
    help = "加载演示县（四川省广安市广安区）；可重复运行，已有数据不会改变"

    def add_arguments(self, parser):
        parser.add_argument("--accounts", action="store_true", help="只列出演示账号，不加载数据")

    def handle(self, *args, accounts=False, **options):
        from zwfw.demo.load import demo_accounts, demo_load

        if accounts:
            self.stdout.write("演示账号（密码相同，仅供演示环境使用）：")
            for row in demo_accounts():
                self.stdout.write(f"  {row['username']:<20} {row['password']}  {row['name']}  {row['roles']}  {row['where']}")
            return
        summary = demo_load()
        if not summary.created:
            self.stdout.write("演示县已是最新，无需改动。")
            return
        parts = [f"{LABELS.get(k, k)} {v}" for k, v in summary.created.items()]
        self.stdout.write("演示县已加载：新增 " + "，".join(parts))
