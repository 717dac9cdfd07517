"""catalog_import: bring a filled template into the catalog as draft versions.

All or nothing: the whole file is read and checked first; with any bad cell nothing is written
(ImportFailed names every bad cell), unless the caller asks for the good items only — then
exactly the items whose item row and every child row are good are imported, never half an item.
Writes go through the drafting services (their audit events included) in one transaction, with
one summary audit event for the file.

Who may import: a catalog editor, for their own department (the same rule as drafting by hand,
services.permissions.can_edit_item). A system administrator may not: under 等保 2.0 三员分立 the
administrators keep the system, not its content.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import BinaryIO

from django.db import transaction

from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import DomainError, PermissionDenied, ValidationFailed
from zwfw.organizations.models import Department

from ..services import item_draft_create, item_version_create, item_version_update
from .plan import ImportPlan, ItemPlan, plan_build
from .reader import CellProblem, UnreadableFile, workbook_read
from .unchanged import plan_is_unchanged

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class ImportReport:
    file_name: str
    good_rows_only: bool
    created: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)  # same as the published version: no draft opened
    skipped: list[dict] = field(default_factory=list)
    errors: list[CellProblem] = field(default_factory=list)
    warnings: list[CellProblem] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"file": self.file_name, "good_rows_only": self.good_rows_only, "created": self.created,
                "updated": self.updated, "unchanged": self.unchanged, "skipped": self.skipped,
                "errors": [p.as_dict() for p in self.errors], "warnings": [p.as_dict() for p in self.warnings]}


class ImportFailed(ValidationFailed):
    """The file has errors and nothing was imported. `field_errors` is keyed by cell ("事项!C5")."""

    default_code = "import_failed"

    def __init__(self, report: ImportReport, message: str | None = None):
        errors: dict[str, list[str]] = {}
        for problem in report.errors:
            errors.setdefault(problem.ref, []).append(problem.text)
        super().__init__(message or f"导入文件有{len(report.errors)}处错误，未导入任何事项", field_errors=errors)
        self.report = report


def import_scope(actor, department: Department | None = None) -> list[Department]:
    """The departments `actor` may import for: a catalog editor's own department."""
    if not (actor and actor.is_authenticated and actor.has_role(Role.CATALOG_EDITOR) and actor.department_id):
        raise PermissionDenied("只有部门的事项编辑人员可以导入事项")
    if department is not None and department.pk != actor.department_id:
        raise PermissionDenied("只能导入本部门的事项")
    return [actor.department]


def _apply(plan: ItemPlan, *, actor, created: dict, file_name: str, now):
    fields = plan.fields
    fields["change_summary"] = fields["change_summary"] or f"Excel导入：{file_name}"[:300]
    children = {key: plan.child_values(key) for key in plan.children}
    if plan.existing is not None:
        version = item_version_create(actor=actor, item=plan.existing, change_summary=fields["change_summary"],
                                      now=now)
        version = item_version_update(actor=actor, version=version, fields=fields, now=now, **children)
    else:
        values = plan.row.values
        parent = created[plan.parent_key].item if plan.parent_key else plan.parent_item
        version = item_draft_create(
            actor=actor, department=plan.department, base_code=values["base_code"], name=fields.pop("name"),
            item_type=fields.pop("item_type"), parent=parent, variant=values["variant"],
            sub_code=values["sub_code"], local_code=values["local_code"], fields=fields,
            materials=children["materials"], steps=children["steps"], now=now,
        )
        if children["special_procedures"] or children["fee_items"]:
            version = item_version_update(actor=actor, version=version, now=now,
                                          special_procedures=children["special_procedures"],
                                          fee_items=children["fee_items"])
    version.themes.set(plan.themes)
    return version


def _write(plans: list[ItemPlan], report: ImportReport, *, actor, digest: str, now) -> None:
    created: dict = {}
    with transaction.atomic():
        for plan in plans:
            if plan_is_unchanged(plan):
                report.unchanged.append({"key": plan.key, "row": plan.row.number, "item_id": plan.existing.pk,
                                         "version_id": plan.existing.current_version_id,
                                         "number": plan.existing.current_version.number,
                                         "name": plan.existing.current_version.name})
                continue
            try:
                version = _apply(plan, actor=actor, created=created, file_name=report.file_name, now=now)
            except DomainError as exc:  # a race with another editor; the checks above passed
                detail = "；".join(m for ms in exc.field_errors.values() for m in ms) or exc.message
                report.errors.append(CellProblem(plan.row.sheet.title, plan.row.number, plan.row.letters.get("key", ""),
                                                 "事项标识", plan.key, f"导入失败：{detail}"))
                raise ImportFailed(report, f"第{plan.row.number}行事项导入失败，未导入任何事项") from exc
            created[plan.key] = version
            entry = {"key": plan.key, "row": plan.row.number, "item_id": version.item_id,
                     "version_id": version.pk, "number": version.number, "name": version.name}
            (report.updated if plan.existing is not None else report.created).append(entry)
        audit_record(actor=actor, action="catalog.import", target=actor.department, role=Role.CATALOG_EDITOR,
                     changes={"file": report.file_name, "sha256": digest, "good_rows_only": report.good_rows_only,
                              "created": [e["key"] for e in report.created],
                              "updated": [e["key"] for e in report.updated],
                              "unchanged": [e["key"] for e in report.unchanged],
                              "skipped": [e["key"] for e in report.skipped],
                              "errors": len(report.errors), "warnings": len(report.warnings)}, now=now)


def catalog_import(*, actor, source: BinaryIO, file_name: str = "", good_rows_only: bool = False,
                   department: Department | None = None, now=None) -> ImportReport:
    """Import a filled template for the actor's department. Raises ImportFailed (nothing
    written) when the file has errors, unless `good_rows_only`."""
    now = now or clock.now()
    departments = import_scope(actor, department)
    data = source.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValidationFailed.on("file", f"文件超过{MAX_FILE_BYTES // 1024 // 1024}MB，请分文件导入",
                                  code="file_too_large")
    try:
        parsed = workbook_read(io.BytesIO(data))
    except UnreadableFile as exc:
        raise ValidationFailed.on("file", str(exc), code=exc.code) from exc
    plan: ImportPlan = plan_build(parsed, departments=departments, now=now)
    report = ImportReport(file_name=file_name, good_rows_only=good_rows_only, errors=plan.problems,
                          warnings=plan.warnings)
    if report.errors and not good_rows_only:
        raise ImportFailed(report)
    good = plan.importable()
    good_keys = {p.key for p in good}
    report.skipped = [{"key": p.key, "row": p.row.number,
                       "reason": "本事项或其子表行有错误" if not p.rows_ok else "主项有错误，未导入"}
                      for p in plan.items if p.key not in good_keys]
    if good:
        _write(good, report, actor=actor, digest=hashlib.sha256(data).hexdigest(), now=now)
    return report
