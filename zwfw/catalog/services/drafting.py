"""Drafting: create an item with its first draft, edit a draft, open a new version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zwfw.accounts.models import Role
from zwfw.core import clock
from zwfw.core.audit import audit_record, diff
from zwfw.core.errors import Conflict, StateError, ValidationFailed
from zwfw.organizations.models import Department, RegionLevel, Window

from ..forms_spec import FieldSpec, form_structure_errors
from ..in_force import version_latest_published
from ..models import (
    CHOICE_KINDS,
    CatalogLevel,
    ItemLevel,
    ItemVersion,
    Material,
    MaterialFile,
    ServiceItem,
    Theme,
)
from ..snapshots import CHILDREN, GUIDE_FIELDS, version_snapshot
from ..validators import base_code_errors, implementation_code_compose, implementation_code_errors
from .copying import version_copy
from .permissions import can_edit_item, require
from .state import require_editable

LEVEL_OF_REGION = {
    RegionLevel.PROVINCE: ItemLevel.PROVINCE,
    RegionLevel.CITY: ItemLevel.CITY,
    RegionLevel.COUNTY: ItemLevel.COUNTY,
    RegionLevel.TOWN: ItemLevel.TOWN,
    RegionLevel.VILLAGE: ItemLevel.VILLAGE,
}


def _raise_validation(exc: ValidationError, prefix: str = "") -> None:
    errors = {f"{prefix}{k}": [str(m) for m in v] for k, v in exc.message_dict.items()}
    raise ValidationFailed(field_errors=errors) from exc


def _attname(model, name: str, value) -> str:
    """A reference given by its id (the API, an import) is set through the column (`…_id`);
    full_clean then checks that the row exists."""
    field = model._meta.get_field(name)
    if field.many_to_one and value is not None and not hasattr(value, "_meta"):
        return field.attname
    return name


def _validated_children(version: ItemVersion, key: str, rows: list[dict]) -> list:
    model = CHILDREN[key]
    built = []
    for i, data in enumerate(rows):
        unknown = set(data) - {f.name for f in model._meta.concrete_fields} - {"position"}
        if unknown:
            raise ValidationFailed(field_errors={f"{key}[{i}]": [_("未知字段：%s") % "、".join(sorted(unknown))]})
        obj = model(version=version, position=data.get("position", i), **{_attname(model, k, v): v
                                                                          for k, v in data.items()
                                                                          if k != "position"})
        try:
            obj.full_clean(exclude=["version"])
        except ValidationError as exc:
            _raise_validation(exc, prefix=f"{key}[{i}].")
        built.append(obj)
    if key == "form_fields":
        _check_form_fields(built)
    return built


def _check_form_fields(rows: list) -> None:
    """A one-table form the engine can run: choices are lists of short texts, keys are unique,
    conditions name an earlier field (and one of its choices). zwfw.catalog.forms_spec."""
    for i, row in enumerate(rows):
        choices = row.choices
        if not isinstance(choices, list) or any(not isinstance(c, str) or not c.strip() or len(c) > 100
                                                for c in choices):
            raise ValidationFailed.on(f"form_fields[{i}].choices", _("选项须为不超过100字的文字列表"),
                                      code="form_field_choices")
        row.choices = [c.strip() for c in choices]
        if row.kind not in CHOICE_KINDS and row.choices:
            raise ValidationFailed.on(f"form_fields[{i}].choices", _("只有单选、多选字段可以设置选项"),
                                      code="form_field_choices")
    problems = form_structure_errors([FieldSpec.from_row(row) for row in rows])
    if problems:
        errors = {f"form_fields[{i}].{attr}": [message] for i, (attr, _code, message) in problems.items()}
        first = next(iter(problems.values()))
        raise ValidationFailed(first[2], code=first[1], field_errors=errors)


def _apply_guide(version: ItemVersion, fields: dict, children: dict[str, list[dict] | None]) -> None:
    """Validate then write fields and replace the given child lists. Raises before any write."""
    unknown = set(fields) - set(GUIDE_FIELDS)
    if unknown:
        raise ValidationFailed(field_errors={k: [_("不可修改的字段")] for k in sorted(unknown)})
    for name, value in fields.items():
        setattr(version, name, value)
    try:
        version.full_clean(exclude=["item", "created_by", "published_by", "windows", "themes"])
    except ValidationError as exc:
        _raise_validation(exc)
    built = {key: _validated_children(version, key, rows) for key, rows in children.items() if rows is not None}
    version.save()
    for key, objs in built.items():
        old_ids = list(CHILDREN[key].objects.filter(version=version).values_list("pk", flat=True))
        if key != "materials":
            # Old rows go first: form fields are unique by key within a version.
            CHILDREN[key].objects.filter(pk__in=old_ids).delete()
        CHILDREN[key].objects.bulk_create(objs)
        if key == "materials":
            _move_form_files(old_ids, objs)
            CHILDREN[key].objects.filter(pk__in=old_ids).delete()


def _move_form_files(old_material_ids: list[int], materials: list[Material]) -> None:
    """Hand the blank and sample forms of replaced materials to the new material of the same name,
    so an edit of the material list does not silently drop the forms of the materials it keeps."""
    new_by_name = {m.name: m for m in materials}
    files = MaterialFile.objects.filter(material_id__in=old_material_ids).values_list("pk", "material__name")
    for pk, name in files:
        if name in new_by_name:
            MaterialFile.objects.filter(pk=pk).update(material=new_by_name[name])


def _resolve_themes(theme_codes: list[str]) -> list[Theme]:
    themes = list(Theme.objects.filter(code__in=theme_codes))
    unknown = sorted(set(theme_codes) - {t.code for t in themes})
    if unknown:
        raise ValidationFailed.on("themes", _("未知的服务主题：%(codes)s") % {"codes": "、".join(unknown)},
                                  code="theme_unknown")
    return themes


def _resolve_windows(item: ServiceItem, window_ids: list[int]) -> list[Window]:
    """Active windows of a service center in the item's region (or below), as the workbench offers."""
    windows = list(Window.objects.filter(pk__in=window_ids, is_active=True,
                                         center__region__code__startswith=item.region.prefix))
    unknown = sorted(set(window_ids) - {w.pk for w in windows})
    if unknown:
        raise ValidationFailed.on("window_ids", _("办理窗口不存在或不属于本区划：%(ids)s")
                                  % {"ids": "、".join(map(str, unknown))}, code="window_unknown")
    return windows


def _require_base_in_scope(base_item: ServiceItem | None, department: Department) -> None:
    """A base item applies to the department's region and the regions above it (四级四同)."""
    if base_item is None:
        return
    if base_item.catalog_level != CatalogLevel.BASE or base_item.region_id not in department.region.ancestor_codes():
        raise ValidationFailed.on("base_item", _("基本目录事项不属于本部门所在区划或其上级"),
                                  code="base_item_out_of_scope")


def item_draft_create(
    *, actor, department: Department, base_code: str, name: str, item_type: str,
    base_item: ServiceItem | None = None, parent: ServiceItem | None = None, variant: str = "",
    sub_code: str = "", local_code: str = "", fields: dict | None = None,
    materials: list[dict] | None = None, steps: list[dict] | None = None,
    form_fields: list[dict] | None = None, now=None,
) -> ItemVersion:
    """A department's new implementation item with its first draft version (v1)."""
    now = now or clock.now()
    level = LEVEL_OF_REGION[RegionLevel(department.region.level)]
    item = ServiceItem(
        catalog_level=CatalogLevel.IMPLEMENTATION, base_item=base_item, region=department.region,
        department=department, level=level, base_code=base_code, sub_code=sub_code, local_code=local_code,
        parent=parent, variant=variant, created_at=now,
    )
    require(can_edit_item(actor, item), _("只有本部门的事项编辑人员可以起草事项"))
    _require_base_in_scope(base_item, department)
    if errors := base_code_errors(base_code):
        raise ValidationFailed.on("base_code", errors[0], code="invalid_base_code")
    if department.credit_code:
        item.implementation_code = implementation_code_compose(
            credit_code=department.credit_code, level=level, base_code=base_code
        )
        if errors := implementation_code_errors(item.implementation_code):
            raise ValidationFailed.on("implementation_code", errors[0], code="invalid_implementation_code")
    version = ItemVersion(number=1, created_by=actor, created_at=now,
                          name=name, item_type=item_type)
    with transaction.atomic():
        try:
            with transaction.atomic():
                item.save()
        except IntegrityError as exc:
            raise Conflict(_("该实施编码的事项已存在"), code="item_exists") from exc
        version.item = item
        _apply_guide(version, dict(fields or {}), {"materials": materials, "steps": steps,
                                                   "form_fields": form_fields})
        audit_record(actor=actor, action="catalog.item.draft_create", target=version, role=Role.CATALOG_EDITOR,
                     changes={"item_id": item.pk, "implementation_code": item.implementation_code,
                              "name": name, "item_type": item_type}, now=now)
    return version


def item_version_update(
    *, actor, version: ItemVersion, fields: dict | None = None, materials: list[dict] | None = None,
    steps: list[dict] | None = None, special_procedures: list[dict] | None = None,
    fee_items: list[dict] | None = None, form_fields: list[dict] | None = None,
    window_ids: list[int] | None = None, theme_codes: list[str] | None = None, now=None,
) -> ItemVersion:
    """Edit a draft (or returned) version. Child lists, when given, replace the current rows."""
    now = now or clock.now()
    with transaction.atomic():
        version = ItemVersion.objects.select_for_update().select_related("item__region").get(pk=version.pk)
        require(can_edit_item(actor, version.item), _("只有本部门的事项编辑人员可以修改事项"))
        require_editable(version)
        themes = _resolve_themes(theme_codes) if theme_codes is not None else None
        windows = _resolve_windows(version.item, window_ids) if window_ids is not None else None
        before = version_snapshot(version)
        _apply_guide(version, dict(fields or {}), {
            "materials": materials, "steps": steps, "special_procedures": special_procedures, "fee_items": fee_items,
            "form_fields": form_fields,
        })
        if windows is not None:
            version.windows.set(windows)
        if themes is not None:
            version.themes.set(themes)
        after = version_snapshot(version)
        audit_record(actor=actor, action="catalog.version.update", target=version, role=Role.CATALOG_EDITOR,
                     changes=diff(before, after), now=now)
    return version


def item_version_create(*, actor, item: ServiceItem, change_summary: str = "", now=None) -> ItemVersion:
    """Open the next version of an item as a draft copied from its current published version."""
    now = now or clock.now()
    require(can_edit_item(actor, item), _("只有本部门的事项编辑人员可以修改事项"))
    if item.status != "active":
        raise StateError(_("事项已取消，不能新建版本"), code="item_cancelled")
    # The latest published version, even if it is scheduled and not yet in force: the next
    # version continues from what was last decided, not from what is current today.
    source = version_latest_published(item) or item.versions.order_by("-number").first()
    if source is None:
        raise StateError(_("事项没有可复制的版本"), code="no_version")
    with transaction.atomic():
        number = (item.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        try:
            with transaction.atomic():
                version = version_copy(source, item=item, number=number, actor=actor, now=now,
                                       change_summary=change_summary, effective_on=None)
        except IntegrityError as exc:
            raise Conflict(_("该事项已有正在编辑或审核中的版本"), code="open_version_exists") from exc
        audit_record(actor=actor, action="catalog.version.create", target=version, role=Role.CATALOG_EDITOR,
                     changes={"from_version": source.number, "number": number}, now=now)
    return version
