"""The one-table form (一表式) of an item version: what an applicant fills in when applying.

Pure functions over `FieldSpec` (plain frozen data), so the case code, the API and the pages
share one set of rules:

- `form_fields_for(version)`: the version's fields, or the default applicant block when the
  item defines none (zwfw.catalog.forms_defaults), so every published item can be applied for.
- `form_validate(fields, data, *, profile=None, today=None)`: the cleaned answers, or
  `FormInvalid` (a ValidationFailed) with a Chinese message and a stable code per field.
- `form_initial(fields, profile)`: the values a new application starts with.
- `form_describe(fields)`: the JSON description for the API and the guide.
- `form_structure_errors(fields)`: what makes a field list unusable (duplicate keys, conditions
  on missing or later fields, choice fields without choices), checked when a draft is saved.

Cleaned values are JSON-native: text kinds are stripped strings, a number is its canonical
decimal string ("12.5", "100"), a date is "YYYY-MM-DD", a multi-choice is a list in the order
of the choices, ID numbers and credit codes are normalised (upper case, no spaces). A field
hidden by its condition is dropped from the result, whatever was sent for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from zwfw.core.errors import ValidationFailed
from zwfw.core.identifiers import credit_code_validate, id_number_validate

from .models.codes import CHOICE_KINDS, FormFieldKind, ProfileSource

K = FormFieldKind
# Lengths when an editor sets none: one line of a paper form, and a free-text box.
DEFAULT_MAX_LENGTH = {K.TEXT: 200, K.LONG_TEXT: 2000}
MAX_CHOICES = 100
# GB/T 2260 county-level code (6 digits), optionally with a town (9) or village (12) part.
REGION_CODE = re.compile(r"^\d{6}(\d{3}(\d{3})?)?$")
# 11-digit mainland mobile numbers, or a landline with area code (0xx(x)-xxxxxxx(x), extension).
MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
PROFILE_KEYS = tuple(ProfileSource.values)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a one-table form (the data of a FormField row, or of a default field)."""

    key: str
    label: str
    kind: str = K.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    help_text: str = ""
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    condition_field: str = ""
    condition_value: str = ""
    profile_default: str = ""
    section: str = ""
    position: int = 0

    @classmethod
    def from_row(cls, row) -> FieldSpec:
        return cls(key=row.key, label=row.label, kind=row.kind, required=row.required,
                   choices=tuple(str(c) for c in (row.choices or [])), help_text=row.help_text,
                   max_length=row.max_length, min_value=row.min_value, max_value=row.max_value,
                   condition_field=row.condition_field, condition_value=row.condition_value,
                   profile_default=row.profile_default, section=row.section, position=row.position)

    @property
    def conditional(self) -> bool:
        return bool(self.condition_field)


class FormInvalid(ValidationFailed):
    """The answers to a one-table form are not acceptable. `field_errors` maps each field key to
    its Chinese messages and `field_codes` to one stable code per field."""

    default_code = "form_invalid"

    def __init__(self, errors: dict[str, tuple[str, str]]):
        self.field_codes = {key: code for key, (code, _message) in errors.items()}
        if len(errors) == 1:
            ((key, (code, message)),) = errors.items()
            super().__init__(message, code=code, field_errors={key: [message]})
        else:
            super().__init__(_("申请表有%(n)d处需要修改，请按提示填写") % {"n": len(errors)}, code="form_invalid",
                             field_errors={key: [message] for key, (_c, message) in errors.items()})

    def as_dict(self) -> dict:
        return {**super().as_dict(), "field_codes": self.field_codes}


def form_fields_for(version) -> list[FieldSpec]:
    """The form of an item version, in position order; the default applicant block when the
    version defines no field (zwfw.catalog.forms_defaults)."""
    rows = list(version.form_fields.all())
    if rows:
        return [FieldSpec.from_row(row) for row in sorted(rows, key=lambda r: (r.position, r.pk or 0))]
    from .forms_defaults import default_form_fields  # the defaults build on FieldSpec

    return default_form_fields(version)


def _profile_value(profile, source: str):
    if not profile or not source:
        return None
    value = profile.get(source) if isinstance(profile, Mapping) else getattr(profile, source, None)
    return None if value in (None, "") else str(value)


def form_initial(fields: Iterable[FieldSpec], profile=None) -> dict:
    """Initial values of a new application: each field's default from the applicant's profile
    (a mapping or an object with name, id_number, phone, address, credit_code,
    legal_representative)."""
    initial = {}
    for spec in fields:
        value = _profile_value(profile, spec.profile_default)
        if value is not None:
            initial[spec.key] = value
    return initial


def field_shown(spec: FieldSpec, cleaned: Mapping, shown: set[str]) -> bool:
    """Whether a conditional field applies, given the answers to the fields before it."""
    if not spec.conditional:
        return True
    if spec.condition_field not in shown:
        return False
    answer = cleaned.get(spec.condition_field)
    if isinstance(answer, list):
        return spec.condition_value in answer
    return answer is not None and str(answer) == spec.condition_value


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, list | tuple)
                                                                               and not value)


def form_validate(fields: Iterable[FieldSpec], data: Mapping, *, profile=None,
                  today: dt.date | None = None) -> dict:
    """Check and clean the answers `data` (field key → value) against the form `fields`.

    Unknown keys are refused; a field whose condition does not hold is dropped; a blank field
    with a profile default takes the profile's value; required fields must be answered.
    Returns the cleaned answers of every shown, answered field. Raises FormInvalid."""
    fields = list(fields)
    errors: dict[str, tuple[str, str]] = {}
    if not isinstance(data, Mapping):
        raise FormInvalid({"__all__": ("form_not_object", _("申请表内容格式不正确"))})
    known = {spec.key for spec in fields}
    for key in sorted(set(data) - known):
        errors[str(key)] = ("form_unknown_field", _("申请表中没有“%(key)s”这一项") % {"key": key})
    cleaned: dict = {}
    shown: set[str] = set()
    for spec in fields:
        if not field_shown(spec, cleaned, shown):
            continue
        shown.add(spec.key)
        value = data.get(spec.key)
        if _blank(value):
            value = _profile_value(profile, spec.profile_default)
        if _blank(value):
            if spec.required:
                errors[spec.key] = ("form_required", _("请填写“%(label)s”") % {"label": spec.label}
                                    if spec.kind not in CHOICE_KINDS else
                                    _("请选择“%(label)s”") % {"label": spec.label})
            continue
        try:
            cleaned[spec.key] = clean_value(spec, value, today=today)
        except FieldError as exc:
            errors[spec.key] = (exc.code, exc.message)
    if errors:
        raise FormInvalid(errors)
    return cleaned


class FieldError(Exception):
    def __init__(self, code: str, message: str):
        self.code, self.message = code, message
        super().__init__(message)


def _text(spec: FieldSpec, value) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal | float):
        raise FieldError("form_format", _("“%(label)s”应填写文字") % {"label": spec.label})
    text = str(value).strip()
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text) or (spec.kind != K.LONG_TEXT and "\n" in text):
        raise FieldError("form_format", _("“%(label)s”含有不允许的字符（如换行或控制字符）") % {"label": spec.label})
    return text


def _limit_length(spec: FieldSpec, text: str) -> str:
    limit = spec.max_length or DEFAULT_MAX_LENGTH.get(spec.kind, 200)
    if len(text) > limit:
        raise FieldError("form_too_long", _("“%(label)s”最多%(max)d个字，当前%(n)d个字")
                         % {"label": spec.label, "max": limit, "n": len(text)})
    return text


def _number(spec: FieldSpec, value) -> str:
    if isinstance(value, bool):
        raise FieldError("form_number", _("“%(label)s”应填写数字") % {"label": spec.label})
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise FieldError("form_number", _("“%(label)s”应填写数字") % {"label": spec.label}) from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 15:
        raise FieldError("form_number", _("“%(label)s”应填写数字") % {"label": spec.label})
    if spec.min_value is not None and number < spec.min_value:
        raise FieldError("form_too_small", _("“%(label)s”不能小于%(min)s") % {"label": spec.label,
                                                                              "min": spec.min_value})
    if spec.max_value is not None and number > spec.max_value:
        raise FieldError("form_too_large", _("“%(label)s”不能大于%(max)s") % {"label": spec.label,
                                                                              "max": spec.max_value})
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _date(spec: FieldSpec, value) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise FieldError("form_date", _("“%(label)s”应为有效日期，格式如 2026-01-31") % {"label": spec.label}) from None


def _choice(spec: FieldSpec, value) -> str:
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else None
    if text not in spec.choices:
        raise FieldError("form_choice", _("“%(label)s”须从给定选项中选择") % {"label": spec.label})
    return text


def _multi_choice(spec: FieldSpec, value) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list | tuple) or len(values) > MAX_CHOICES:
        raise FieldError("form_choice", _("“%(label)s”须从给定选项中选择") % {"label": spec.label})
    chosen = {_choice(spec, v) for v in values}
    return [c for c in spec.choices if c in chosen]


def _region(spec: FieldSpec, value) -> str:
    from .forms_regions import region_code_known

    code = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if not REGION_CODE.match(code) or not region_code_known(code):
        raise FieldError("form_region", _("“%(label)s”应为有效的行政区划代码（GB/T 2260，如 511602）")
                         % {"label": spec.label})
    return code


def _identifier(spec: FieldSpec, value, validate, **kwargs) -> str:
    if not isinstance(value, str):
        value = str(value)
    try:
        return validate(value, field=spec.key, **kwargs)
    except ValidationFailed as exc:
        raise FieldError(exc.code, exc.message) from None


def _phone(spec: FieldSpec, value) -> str:
    number = re.sub(r"[\s()（）]", "", str(value)).removeprefix("+86")
    if not (MOBILE.match(number) or LANDLINE.match(number)):
        raise FieldError("form_phone", _("“%(label)s”应为11位手机号码或带区号的固定电话") % {"label": spec.label})
    return number


def _email(spec: FieldSpec, value) -> str:
    text = _limit_length(spec, _text(spec, value))
    try:
        validate_email(text)
    except DjangoValidationError:
        raise FieldError("form_email", _("“%(label)s”不是有效的电子邮箱地址") % {"label": spec.label}) from None
    return text


def clean_value(spec: FieldSpec, value, *, today: dt.date | None = None):
    """One answered (non-blank) value, cleaned for its kind. Raises FieldError."""
    kind = spec.kind
    if kind in (K.TEXT, K.LONG_TEXT):
        return _limit_length(spec, _text(spec, value))
    if kind == K.NUMBER:
        return _number(spec, value)
    if kind == K.DATE:
        return _date(spec, value)
    if kind == K.CHOICE:
        return _choice(spec, value)
    if kind == K.MULTI_CHOICE:
        return _multi_choice(spec, value)
    if kind == K.REGION:
        return _region(spec, value)
    if kind == K.ID_NUMBER:
        return _identifier(spec, value, id_number_validate, today=today)
    if kind == K.CREDIT_CODE:
        return _identifier(spec, value, credit_code_validate)
    if kind == K.PHONE:
        return _phone(spec, value)
    if kind == K.EMAIL:
        return _email(spec, value)
    raise FieldError("form_kind_unknown", _("“%(label)s”的字段类型无效") % {"label": spec.label})


def form_describe(fields: Iterable[FieldSpec]) -> list[dict]:
    """The form as JSON for the API and the guide: one object per field, in order, with the
    condition as {"field", "value"} or null."""
    described = []
    for spec in fields:
        data = asdict(spec)
        data["choices"] = list(spec.choices)
        data["kind_label"] = str(FormFieldKind(spec.kind).label) if spec.kind in FormFieldKind.values else spec.kind
        condition = {"field": data.pop("condition_field"), "value": data.pop("condition_value")}
        data["condition"] = condition if condition["field"] else None
        described.append(data)
    return described


def form_structure_errors(fields: Iterable[FieldSpec]) -> dict[int, tuple[str, str, str]]:
    """Problems that make a field list unusable, by row index: (attribute, code, message).
    A condition must name an earlier field, and for a choice field one of its choices."""
    problems: dict[int, tuple[str, str, str]] = {}
    earlier: dict[str, FieldSpec] = {}
    for i, spec in enumerate(fields):
        if spec.key in earlier:
            problems[i] = ("key", "form_field_duplicate", _("字段标识“%(key)s”重复") % {"key": spec.key})
        elif spec.kind in CHOICE_KINDS and not spec.choices:
            problems[i] = ("choices", "form_field_no_choices", _("单选、多选字段须至少有一个选项"))
        elif spec.kind in CHOICE_KINDS and len(set(spec.choices)) != len(spec.choices):
            problems[i] = ("choices", "form_field_duplicate_choice", _("选项不能重复"))
        elif spec.min_value is not None and spec.max_value is not None and spec.min_value > spec.max_value:
            problems[i] = ("min_value", "form_field_range", _("最小值大于最大值"))
        elif spec.conditional and spec.condition_field not in earlier:
            problems[i] = ("condition_field", "form_field_condition_missing",
                           _("显示条件引用的字段“%(key)s”不存在或不在本字段之前") % {"key": spec.condition_field})
        elif spec.conditional and not spec.condition_value:
            problems[i] = ("condition_value", "form_field_condition_value", _("请填写显示条件的取值"))
        elif (spec.conditional and earlier[spec.condition_field].kind in CHOICE_KINDS
              and spec.condition_value not in earlier[spec.condition_field].choices):
            problems[i] = ("condition_value", "form_field_condition_value",
                           _("显示条件的取值“%(value)s”不是字段“%(key)s”的选项")
                           % {"value": spec.condition_value, "key": spec.condition_field})
        elif spec.condition_value and not spec.conditional:
            problems[i] = ("condition_field", "form_field_condition_missing", _("填写了条件取值，但未选择条件字段"))
        earlier.setdefault(spec.key, spec)
    return problems
