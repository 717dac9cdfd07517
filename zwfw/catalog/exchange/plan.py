"""Check a parsed file against the database and the rules, and plan what an import would do.

Reads only. Every problem is attached to the row (and cell) it comes from, so the import can
refuse the whole file naming every bad cell, or import exactly the items whose rows are all good.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from zwfw.organizations.models import Department, RegionLevel

from ..models import ItemStatus, ItemVersion, ServiceItem, Theme, VersionStatus
from ..services.drafting import LEVEL_OF_REGION
from ..validators import (
    base_code_errors,
    credit_code_errors,
    implementation_code_compose,
    implementation_code_errors,
)
from .columns import CHILD_SHEETS, GUIDE_COLUMNS, ITEM_SHEET, SHEETS
from .reader import CellProblem, ParsedFile, Row
from .records import item_key

SUB_CODE_RE = re.compile(r"^\d{2}$")
SHEET_ORDER = {s.title: i for i, s in enumerate(SHEETS)}


@dataclass
class ItemPlan:
    row: Row
    department: Department | None = None
    implementation_code: str | None = None
    existing: ServiceItem | None = None
    parent_key: str | None = None  # another item row of the file
    parent_item: ServiceItem | None = None  # an item already in the catalog
    themes: list[Theme] = field(default_factory=list)
    children: dict[str, list[Row]] = field(default_factory=lambda: {s.key: [] for s in CHILD_SHEETS})

    @property
    def key(self) -> str:
        return self.row.key

    @property
    def rows_ok(self) -> bool:
        return not self.row.problems and not any(r.problems for rows in self.children.values() for r in rows)

    @property
    def fields(self) -> dict:
        return {c.field: self.row.values[c.field] for c in GUIDE_COLUMNS}

    def child_values(self, key: str) -> list[dict]:
        return [{k: v for k, v in r.values.items() if k != "key"} for r in self.children[key]]


@dataclass
class ImportPlan:
    items: list[ItemPlan]  # parents before their sub-items
    problems: list[CellProblem]
    warnings: list[CellProblem]

    def importable(self) -> list[ItemPlan]:
        """Items whose every row is good, and whose main item (if in the file) is importable too."""
        by_key = {p.key: p for p in self.items}
        good: dict[str, bool] = {}
        for plan in self.items:  # parents come first
            parent = by_key.get(plan.parent_key) if plan.parent_key else None
            good[plan.key] = plan.rows_ok and (parent is None or good.get(parent.key, False))
        return [p for p in self.items if good[p.key]]


def _sort(problems: list[CellProblem]) -> list[CellProblem]:
    return sorted(problems, key=lambda p: (SHEET_ORDER.get(p.sheet, 99), p.row, len(p.column), p.column))


class _Planner:
    def __init__(self, parsed: ParsedFile, departments: list[Department], now):
        self.parsed, self.departments, self.now = parsed, departments, now
        self.warnings = list(parsed.warnings)
        self.plans: dict[str, ItemPlan] = {}
        scope = [d.pk for d in departments]
        existing = list(ServiceItem.objects.filter(department_id__in=scope).select_related("department"))
        self.existing_by_identity = {(i.department_id, i.implementation_code or i.base_code, i.sub_code): i
                                     for i in existing}
        self.existing_by_key = {item_key(i): i for i in existing}
        self.open_versions = {v.item_id: v for v in ItemVersion.objects.filter(item_id__in=[i.pk for i in existing])
                              .exclude(status=VersionStatus.PUBLISHED)}

    def warn(self, row: Row, field_name: str, message: str) -> None:
        column = row.sheet.column(field_name)
        self.warnings.append(CellProblem(row.sheet.title, row.number, row.letters.get(field_name, ""),
                                         column.header, row.raw.get(field_name), message))

    def run(self) -> ImportPlan:
        item_rows = self.parsed.rows[ITEM_SHEET.key]
        credits = {r.values.get("department") for r in item_rows if r.values.get("department")}
        self.by_credit = {d.credit_code: d for d in Department.objects.filter(credit_code__in=credits)}
        codes = {c for r in item_rows for c in (r.values.get("themes") or [])}
        self.themes = {t.code: t for t in Theme.objects.filter(code__in=codes)}
        identities: dict[tuple, Row] = {}
        for row in item_rows:
            plan = ItemPlan(row)
            if row.key and row.key in self.plans:
                row.problem("key", f"与第{self.plans[row.key].row.number}行的事项标识重复")
            elif row.key:
                self.plans[row.key] = plan
            self._identity(plan, identities)
            self._guide(plan)
        for plan in self.plans.values():
            self._parent(plan)
        for sheet in CHILD_SHEETS:
            self._children(sheet)
        problems = list(self.parsed.problems)
        for rows in self.parsed.rows.values():
            for row in rows:
                problems += row.problems
        return ImportPlan(self._ordered(), _sort(problems), _sort(self.warnings))

    def _department(self, plan: ItemPlan) -> Department | None:
        row, values = plan.row, plan.row.values
        credit, name = values.get("department"), values.get("department_name")
        if credit:
            if errors := credit_code_errors(credit):
                row.problem("department", errors[0])
                return None
            department = self.by_credit.get(credit)
            if department is None:
                row.problem("department", "系统中没有该统一社会信用代码的部门")
            elif department not in self.departments:
                row.problem("department", f"不能导入“{department.name}”的事项：只能导入本部门的事项")
            else:
                if name and name != department.name:
                    self.warn(row, "department_name", f"与统一社会信用代码对应的部门“{department.name}”名称不一致")
                return department
            return None
        if name:
            department = next((d for d in self.departments if d.name == name), None)
            if department is None:
                row.problem("department_name", "不是本部门，不能导入")
            return department
        if len(self.departments) == 1:
            return self.departments[0]
        row.problem("department", "不能为空")
        return None

    def _identity(self, plan: ItemPlan, identities: dict[tuple, Row]) -> None:
        row, values = plan.row, plan.row.values
        department = plan.department = self._department(plan)
        base_code, sub_code = values.get("base_code"), values.get("sub_code") or ""
        if base_code and (errors := base_code_errors(base_code)):
            row.problem("base_code", errors[0])
            base_code = None
        if sub_code and not SUB_CODE_RE.fullmatch(sub_code):
            row.problem("sub_code", "应为2位数字")
        if department is None or not base_code:
            return
        level = LEVEL_OF_REGION[RegionLevel(department.region.level)]
        given = values.get("implementation_code")
        if department.credit_code:
            plan.implementation_code = implementation_code_compose(credit_code=department.credit_code, level=level,
                                                                   base_code=base_code)
            if given and given != plan.implementation_code:
                errors = implementation_code_errors(given, credit_code=department.credit_code, level=level,
                                                    base_code=base_code)
                row.problem("implementation_code", errors[0] if errors else
                            f"应为{plan.implementation_code}（实施主体信用代码＋层级＋基本编码）")
        elif given:
            row.problem("implementation_code", "实施主体没有统一社会信用代码，实施编码应留空")
        identity = (department.pk, plan.implementation_code or base_code, sub_code)
        if identity in identities:
            row.problem("base_code", f"与第{identities[identity].number}行是同一事项（编码相同）")
            return
        identities[identity] = row
        existing = plan.existing = self.existing_by_identity.get(identity)
        if existing is None:
            return
        open_version = self.open_versions.get(existing.pk)
        if existing.status == ItemStatus.CANCELLED:
            row.problem("key", "该事项已取消，不能导入新版本")
        elif open_version is not None:
            row.problem("key", f"该事项已有{open_version.get_status_display()}的第{open_version.number}版，"
                               "请先处理该版本再导入")
        for name, current in (("local_code", existing.local_code), ("variant", existing.variant)):
            if values.get(name) != current:
                self.warn(row, name, "已有事项的编码和办理项类型不随导入修改")

    def _guide(self, plan: ItemPlan) -> None:
        row, values = plan.row, plan.row.values
        for code in values.get("themes") or []:
            if code in self.themes:
                plan.themes.append(self.themes[code])
            else:
                row.problem("themes", f"主题编码“{code}”不存在")
        failed = {c.field for c in GUIDE_COLUMNS} & row.bad
        version = ItemVersion(number=1, created_at=self.now,
                              **{c.field: values.get(c.field) for c in GUIDE_COLUMNS if c.field not in failed})
        _full_clean(row, version, exclude=["item", "created_by", "published_by", *failed])
        statutory, promised = values.get("statutory_limit"), values.get("promised_limit")
        if (statutory is not None and promised is not None and promised > statutory
                and values.get("statutory_limit_unit") == values.get("promised_limit_unit")):
            self.warn(row, "promised_limit", f"承诺时限长于法定时限（{statutory}）；质量检查提示，不影响导入")

    def _parent(self, plan: ItemPlan) -> None:
        row, parent = plan.row, plan.row.values.get("parent")
        if not parent:
            return
        if parent == plan.key:
            row.problem("parent", "不能是本事项自己")
        elif parent in self.plans:
            other = self.plans[parent]
            if other.department is not None and plan.department is not None and other.department != plan.department:
                row.problem("parent", "主项与子项应属于同一实施主体")
            elif self._cycle(plan):
                row.problem("parent", "主项关系形成循环")
            else:
                plan.parent_key = parent
        elif parent in self.existing_by_key:
            plan.parent_item = self.existing_by_key[parent]
        else:
            row.problem("parent", "在本文件和本部门已有事项中都找不到该主项")
        if plan.existing is not None and (plan.parent_key or plan.parent_item) and (
                plan.parent_item is None or plan.parent_item.pk != plan.existing.parent_id):
            self.warn(row, "parent", "已有事项的主项不随导入修改")

    def _cycle(self, plan: ItemPlan) -> bool:
        seen, key = {plan.key}, plan.row.values.get("parent")
        while key in self.plans:
            if key in seen:
                return True
            seen.add(key)
            key = self.plans[key].row.values.get("parent")
        return False

    def _children(self, sheet) -> None:
        positions: dict[tuple[str, int], Row] = {}
        for row in self.parsed.rows[sheet.key]:
            key, position = row.key, row.values.get("position")
            plan = self.plans.get(key) if key else None
            if key and plan is None:
                row.problem("key", "“事项”表中没有该事项标识")
            if key and position is not None:
                if (key, position) in positions:
                    row.problem("position", f"与第{positions[(key, position)].number}行序号重复")
                else:
                    positions[(key, position)] = row
            failed = sorted(row.bad - {"key"})
            values = {c.field: row.values.get(c.field) for c in sheet.columns
                      if c.field not in ("key", *failed) and c.field in row.values}
            _full_clean(row, sheet.child_model(**values), exclude=["version", *failed])
            if plan is not None:
                plan.children[sheet.key].append(row)

    def _ordered(self) -> list[ItemPlan]:
        ordered, placed = [], set()

        def place(plan: ItemPlan) -> None:
            if plan.key in placed:
                return
            placed.add(plan.key)
            if plan.parent_key:
                place(self.plans[plan.parent_key])
            ordered.append(plan)

        for plan in self.plans.values():
            place(plan)
        return ordered


def _full_clean(row: Row, obj, *, exclude: list[str]) -> None:
    """The model's own validation, as a safety net behind the cell checks: whatever it still
    finds is reported on the cell of the field (or the key cell)."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        fields = {c.field for c in row.sheet.columns}
        for name, messages in exc.message_dict.items():
            for message in messages:
                if name in fields:
                    row.problem(name, message)
                else:
                    row.problem("key", f"{name}：{message}")


def plan_build(parsed: ParsedFile, *, departments: list[Department], now) -> ImportPlan:
    return _Planner(parsed, departments, now).run()
