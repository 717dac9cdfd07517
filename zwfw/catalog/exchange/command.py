"""`zwfw catalog import|export|template`: the exchange subcommands of the catalog command.

    zwfw catalog import FILE --user USERNAME [--good-rows-only] [--department CODE] [--json]
    zwfw catalog export [--region CODE] [--out FILE] [--json]
    zwfw catalog template --out FILE

Imports run as a named catalog editor (--user): the drafts and audit events carry who did it.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from zwfw.core.errors import DomainError
from zwfw.organizations.models import Department

from .exporting import catalog_export_xlsx, template_xlsx
from .importing import ImportFailed, ImportReport, catalog_import
from .records import export_queryset, item_records, record_json

ACTIONS = ("import", "export", "template")


def add_exchange_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", help="import：要导入的 .xlsx 文件")
    parser.add_argument("--user", help="import：以该事项编辑人员（用户名）的身份导入")
    parser.add_argument("--good-rows-only", action="store_true", help="import：仅导入无误的事项，并输出错误报告")
    parser.add_argument("--department", help="import：部门（统一社会信用代码或部门编码），须为导入人所在部门")
    parser.add_argument("--out", help="export/template：输出文件（export 默认 catalog-export.xlsx）")


def _department(code: str) -> Department:
    department = (Department.objects.filter(credit_code=code).first()
                  or Department.objects.filter(code=code).first())
    if department is None:
        raise CommandError(f"部门 {code} 不存在", returncode=2)
    return department


def _print_report(stdout, report: ImportReport) -> None:
    for problem in report.errors:
        stdout.write(f"错误 {problem.ref} 第{problem.row}行 {problem.text}")
    for problem in report.warnings:
        stdout.write(f"提示 {problem.ref} 第{problem.row}行 {problem.text}")
    for entry in report.skipped:
        stdout.write(f"未导入 第{entry['row']}行 {entry['key']}：{entry['reason']}")
    stdout.write(f"新建 {len(report.created)} 个事项，更新 {len(report.updated)} 个事项（均为草稿版本），"
                 f"未变化 {len(report.unchanged)} 个，未导入 {len(report.skipped)} 个；错误 {len(report.errors)} 处，提示 {len(report.warnings)} 处")


def _import(command, *, file, user, good_rows_only, department, as_json) -> None:
    if not file or not user:
        raise CommandError("用法：zwfw catalog import FILE --user USERNAME [--good-rows-only] [--department CODE]",
                           returncode=2)
    actor = get_user_model().objects.filter(username=user).first()
    if actor is None:
        raise CommandError(f"用户 {user} 不存在", returncode=2)
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"文件 {file} 不存在", returncode=2)
    scope = _department(department) if department else None
    try:
        with path.open("rb") as fh:
            report = catalog_import(actor=actor, source=fh, file_name=path.name, good_rows_only=good_rows_only,
                                    department=scope)
    except ImportFailed as exc:
        command.stdout.write(json.dumps(exc.report.as_dict(), ensure_ascii=False, indent=2) if as_json else "")
        if not as_json:
            _print_report(command.stdout, exc.report)
        raise CommandError(exc.message, returncode=1) from exc
    except DomainError as exc:
        raise CommandError(exc.message, returncode=1) from exc
    if as_json:
        command.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(command.stdout, report)
    if report.errors:
        raise CommandError(f"有 {len(report.errors)} 处错误，仅导入了无误的事项", returncode=1)


def _export(command, *, region, out, as_json) -> None:
    if as_json:
        records = [record_json(r) for r in item_records(export_queryset(viewer=None, region=region))]
        text = json.dumps(records, ensure_ascii=False, indent=2)
        if out:
            Path(out).write_text(text, encoding="utf-8")
            command.stdout.write(f"已导出 {len(records)} 个事项到 {out}")
        else:
            command.stdout.write(text)
        return
    out = out or "catalog-export.xlsx"
    with Path(out).open("wb") as fh:
        count = catalog_export_xlsx(viewer=None, out=fh, region=region)
    command.stdout.write(f"已导出 {count} 个事项到 {out}")


def handle_exchange(command, action: str, *, region=None, as_json=False, **options) -> None:
    if action == "import":
        _import(command, file=options.get("file"), user=options.get("user"),
                good_rows_only=options.get("good_rows_only", False), department=options.get("department"),
                as_json=as_json)
    elif action == "export":
        _export(command, region=region, out=options.get("out"), as_json=as_json)
    else:
        if not options.get("out"):
            raise CommandError("用法：zwfw catalog template --out FILE", returncode=2)
        with Path(options["out"]).open("wb") as fh:
            template_xlsx(fh)
        command.stdout.write(f"已生成导入模板 {options['out']}")
