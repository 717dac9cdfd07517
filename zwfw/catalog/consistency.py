"""Consistency report (四级四同): the same item has the same name, code, type and basis at every level.

Three lists, scoped to the viewer (zwfw.catalog.scope):
- mismatches: implementation items whose name, type, legal basis or base code differ from their
  base item (compared on the item's published version, or its version in the making when it
  has none yet);
- missing: base items a department should implement but does not. The catalog stores no
  "which department implements which base item" table, so the rule is the one 四级四同 itself
  implies: when a department implements a base item, every department with the same department
  code (e.g. every county's MZJ 民政局) inside the base item's region should implement it too;
  a base item nobody implements is listed without a department;
- invalid codes: every base, implementation or sub-item code that does not validate against
  C 0101—2018 (and GB 32100-2015 for the credit-code part), or is missing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import CatalogLevel, ItemStatus, ItemVersion, ServiceItem
from .scope import CatalogScope, catalog_scope
from .validators import SUB_CODE_RE, base_code_errors, implementation_code_errors

COMPARED = (("name", gettext_lazy("事项名称")), ("item_type", gettext_lazy("事项类型")),
            ("legal_basis", gettext_lazy("设定依据")))
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    base: str
    local: str


@dataclass(frozen=True)
class Mismatch:
    item_id: int
    name: str
    department: str
    implementation_code: str
    base_item_id: int
    differences: list[Difference]


@dataclass(frozen=True)
class Missing:
    base_item_id: int
    base_code: str
    name: str
    base_region: str
    department_id: int | None
    department: str


@dataclass(frozen=True)
class InvalidCode:
    item_id: int
    name: str
    department: str
    code_field: str
    code: str
    errors: list[str]


@dataclass
class ConsistencyReport:
    scope: str
    mismatches: list[Mismatch] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    invalid_codes: list[InvalidCode] = field(default_factory=list)

    @property
    def problem_count(self) -> int:
        return len(self.mismatches) + len(self.missing) + len(self.invalid_codes)

    def as_dict(self) -> dict:
        return {"scope": self.scope, "problem_count": self.problem_count,
                "mismatches": [asdict(m) for m in self.mismatches],
                "missing": [asdict(m) for m in self.missing],
                "invalid_codes": [asdict(c) for c in self.invalid_codes]}


def _norm(value) -> str:
    return _SPACE.sub("", str(value or ""))


def _display(version: ItemVersion, name: str) -> str:
    return version.get_item_type_display() if name == "item_type" else str(getattr(version, name) or "")


def _guide_versions(items: list[ServiceItem]) -> dict[int, ItemVersion]:
    """Published version per item, or the latest version for items never published."""
    result = {item.pk: item.current_version for item in items if item.current_version_id}
    unpublished = [item.pk for item in items if not item.current_version_id]
    if unpublished:
        latest = (ItemVersion.objects.filter(item_id__in=unpublished).values("item_id")
                  .annotate(n=Max("number")).values_list("item_id", "n"))
        wanted = {(item_id, n) for item_id, n in latest}
        for version in ItemVersion.objects.filter(item_id__in=[i for i, _n in wanted]):
            if (version.item_id, version.number) in wanted:
                result[version.item_id] = version
    return result


def _mismatches(scope: CatalogScope) -> list[Mismatch]:
    items = list(scope.items(ServiceItem.objects.filter(
        catalog_level=CatalogLevel.IMPLEMENTATION, status=ItemStatus.ACTIVE, base_item__isnull=False,
    )).select_related("department", "current_version", "base_item__current_version")
        .order_by("department_id", "base_code", "sub_code", "id"))
    versions = _guide_versions(items)
    rows = []
    for item in items:
        mine, base = versions.get(item.pk), item.base_item.current_version
        if mine is None or base is None:
            continue
        differences = [
            Difference(name, str(label), _display(base, name), _display(mine, name))
            for name, label in COMPARED if _norm(getattr(base, name)) != _norm(getattr(mine, name))
        ]
        if item.base_code != item.base_item.base_code:
            differences.append(Difference("base_code", _("基本编码"), item.base_item.base_code, item.base_code))
        if differences:
            rows.append(Mismatch(item.pk, mine.name, item.department.name, item.implementation_code or "",
                                 item.base_item_id, differences))
    return rows


def _missing(scope: CatalogScope) -> list[Missing]:
    bases = list(ServiceItem.objects.filter(catalog_level=CatalogLevel.BASE, status=ItemStatus.ACTIVE)
                 .filter(scope.base_regions_q()).select_related("region", "current_version")
                 .order_by("region_id", "base_code", "id"))
    if not bases:
        return []
    implementers: dict[int, set[int]] = {b.pk: set() for b in bases}
    codes: dict[int, set[str]] = {b.pk: set() for b in bases}
    for base_id, dept_id, dept_code in ServiceItem.objects.filter(
        base_item__in=bases, status=ItemStatus.ACTIVE
    ).values_list("base_item_id", "department_id", "department__code"):
        implementers[base_id].add(dept_id)
        codes[base_id].add(dept_code)
    departments = list(scope.departments().order_by("region_id", "code", "id"))
    rows = []
    for base in bases:
        name = base.current_version.name if base.current_version_id else base.base_code
        if not codes[base.pk]:
            if scope.department is None:
                rows.append(Missing(base.pk, base.base_code, name, base.region.name, None, ""))
            continue
        for dept in departments:
            if (dept.code in codes[base.pk] and dept.pk not in implementers[base.pk]
                    and dept.region_id.startswith(base.region.prefix)):
                rows.append(Missing(base.pk, base.base_code, name, base.region.name, dept.pk, dept.name))
    return rows


def _invalid_codes(scope: CatalogScope) -> list[InvalidCode]:
    items = list(scope.items(ServiceItem.objects.filter(status=ItemStatus.ACTIVE))
                 .select_related("department", "current_version")
                 .order_by("department_id", "base_code", "sub_code", "id"))
    versions = _guide_versions(items)
    rows = []
    for item in items:
        version = versions.get(item.pk)
        name = version.name if version else item.base_code
        dept = item.department.name if item.department_id else ""

        def add(code_field: str, code: str, errors: list[str], *, _item=item, _name=name, _dept=dept) -> None:
            if errors:
                rows.append(InvalidCode(_item.pk, _name, _dept, code_field, code, errors))

        add("base_code", item.base_code, base_code_errors(item.base_code))
        if item.catalog_level == CatalogLevel.IMPLEMENTATION:
            if not item.implementation_code:
                add("implementation_code", "", [_("缺少实施编码（实施主体无有效的统一社会信用代码）")])
            else:
                add("implementation_code", item.implementation_code, implementation_code_errors(
                    item.implementation_code, credit_code=item.department.credit_code, level=item.level,
                    base_code=item.base_code,
                ))
        if item.sub_code and not SUB_CODE_RE.fullmatch(item.sub_code):
            add("sub_code", item.sub_code, [_("业务办理项编码应为2位数字")])
    return rows


def consistency_report(scope: CatalogScope) -> ConsistencyReport:
    """The report for an explicit scope (the `zwfw catalog consistency` command's operator)."""
    return ConsistencyReport(scope=str(scope.label), mismatches=_mismatches(scope), missing=_missing(scope),
                             invalid_codes=_invalid_codes(scope))


def catalog_consistency(*, viewer) -> ConsistencyReport:
    """The 四级四同 report for what the viewer may see (PermissionDenied without a catalog role)."""
    return consistency_report(catalog_scope(viewer))


def consistency_command(command, *, region=None, as_json: bool = False) -> None:
    """`zwfw catalog consistency [--region CODE] [--json]`: the operator's report over the whole
    catalog or one region subtree; exit status 1 when anything is inconsistent (for CI / cron)."""
    import json

    from django.core.management.base import CommandError

    report = consistency_report(CatalogScope(everything=True) if region is None else CatalogScope(region=region))
    if as_json:
        command.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        for m in report.mismatches:
            for d in m.differences:
                command.stdout.write(f"不一致 {m.department} {m.name}（{m.implementation_code}）"
                                     f" [{d.label}] 基本目录：{d.base}；实施清单：{d.local}")
        for m in report.missing:
            command.stdout.write(f"未实施 {m.department or '尚无部门实施'} {m.name}（{m.base_code}，{m.base_region}）")
        for c in report.invalid_codes:
            command.stdout.write(f"编码不合规 {c.department} {c.name} [{c.code_field}] {c.code or '（空）'}："
                                 + "；".join(c.errors))
        command.stdout.write(f"不一致 {len(report.mismatches)} 项，应实施未实施 {len(report.missing)} 项，"
                             f"编码不合规 {len(report.invalid_codes)} 项")
    if report.problem_count:
        raise CommandError(f"四级四同检查发现 {report.problem_count} 个问题", returncode=1)
