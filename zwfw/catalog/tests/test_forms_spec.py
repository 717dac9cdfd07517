"""The one-table form engine: every kind, conditions, profile defaults, bad input (pure, no DB)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from zwfw.catalog.forms_defaults import default_form_fields
from zwfw.catalog.forms_html import form_class_for
from zwfw.catalog.forms_spec import (
    FieldSpec,
    FormInvalid,
    form_describe,
    form_initial,
    form_structure_errors,
    form_validate,
)

TODAY = dt.date(2026, 3, 2)
ID = "11010519491231002X"  # GB 11643 example
CREDIT = "91350100M000100Y43"


def spec(key, kind="text", **kw):
    return FieldSpec(key=key, label=kw.pop("label", key), kind=kind, **kw)


def invalid(fields, data, **kw) -> FormInvalid:
    with pytest.raises(FormInvalid) as info:
        form_validate(fields, data, today=TODAY, **kw)
    return info.value


@pytest.mark.parametrize(("kind", "extra", "raw", "cleaned"), [
    ("text", {}, "  张三 ", "张三"),
    ("long_text", {}, "第一行\n第二行", "第一行\n第二行"),
    ("number", {}, "1,200.50", "1200.5"),
    ("number", {}, 100, "100"),
    ("number", {"min_value": 0, "max_value": 10}, "0", "0"),
    ("date", {}, "2026-01-31", "2026-01-31"),
    ("date", {}, dt.date(2025, 12, 1), "2025-12-01"),
    ("choice", {"choices": ("新办", "变更")}, "变更", "变更"),
    ("multi_choice", {"choices": ("甲", "乙", "丙")}, ["丙", "甲", "丙"], ["甲", "丙"]),
    ("multi_choice", {"choices": ("甲", "乙")}, "乙", ["乙"]),
    ("region", {}, "511602", "511602"),
    ("region", {}, "511602001000", "511602001000"),
    ("id_number", {}, "11010519491231002x", ID),
    ("credit_code", {}, " 91350100m000100y43 ", CREDIT),
    ("phone", {}, "138 0000 0000", "13800000000"),
    ("phone", {}, "+8613800000000", "13800000000"),
    ("phone", {}, "0826-2345678", "0826-2345678"),
    ("email", {}, "a.b@example.cn", "a.b@example.cn"),
])
def test_every_kind_is_cleaned(kind, extra, raw, cleaned):
    assert form_validate([spec("f", kind, **extra)], {"f": raw}, today=TODAY) == {"f": cleaned}


@pytest.mark.parametrize(("kind", "extra", "raw", "code"), [
    ("text", {"max_length": 3}, "四个汉字", "form_too_long"),
    ("text", {}, "x" * 201, "form_too_long"),
    ("text", {}, "一行\n两行", "form_format"),
    ("text", {}, {"a": 1}, "form_format"),
    ("long_text", {}, "含\x00控制字符", "form_format"),
    ("number", {}, "十二", "form_number"),
    ("number", {}, "NaN", "form_number"),
    ("number", {}, True, "form_number"),
    ("number", {"min_value": 1}, "0.5", "form_too_small"),
    ("number", {"max_value": 10}, "11", "form_too_large"),
    ("date", {}, "2026-02-30", "form_date"),
    ("date", {}, "2026/01/31", "form_date"),
    ("choice", {"choices": ("新办",)}, "注销", "form_choice"),
    ("choice", {"choices": ("新办",)}, ["新办"], "form_choice"),
    ("multi_choice", {"choices": ("甲",)}, ["甲", "丁"], "form_choice"),
    ("multi_choice", {"choices": ("甲",)}, {"甲": 1}, "form_choice"),
    ("region", {}, "999999", "form_region"),
    ("region", {}, "5116", "form_region"),
    ("id_number", {}, "110105194912310021", "id_number_checksum"),
    ("id_number", {}, "1101051949", "id_number_length"),
    ("credit_code", {}, "91350100M000100Y44", "credit_code_checksum"),
    ("phone", {}, "12345", "form_phone"),
    ("email", {}, "not-an-address", "form_email"),
])
def test_bad_values_get_a_chinese_message_and_a_stable_code(kind, extra, raw, code):
    error = invalid([spec("f", kind, label="某项", **extra)], {"f": raw})
    assert error.code == code
    assert error.field_codes == {"f": code}
    assert len(error.field_errors["f"]) == 1
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.field_errors["f"][0])


def test_required_unknown_and_several_errors_at_once():
    fields = [spec("name", required=True, label="姓名"), spec("kind", "choice", required=True, choices=("a",),
                                                              label="类型"), spec("note")]
    error = invalid(fields, {"note": "x", "hacked": "1"})
    assert error.code == "form_invalid"
    assert error.field_codes == {"name": "form_required", "kind": "form_required", "hacked": "form_unknown_field"}
    assert error.field_errors["name"] == ["请填写“姓名”"]
    assert error.field_errors["kind"] == ["请选择“类型”"]
    assert error.as_dict()["field_codes"]["hacked"] == "form_unknown_field"
    # Blank optional answers are left out, not stored as empty strings.
    assert form_validate(fields, {"name": "张三", "kind": "a", "note": "  "}) == {"name": "张三", "kind": "a"}


def test_data_must_be_an_object():
    assert invalid([spec("a")], ["a"]).code == "form_not_object"


CONDITIONAL = [
    spec("type", "choice", required=True, choices=("个人", "单位")),
    spec("id", "id_number", required=True, condition_field="type", condition_value="个人"),
    spec("code", "credit_code", required=True, condition_field="type", condition_value="单位"),
    spec("extra", "multi_choice", choices=("网办", "邮寄")),
    spec("address", required=True, condition_field="extra", condition_value="邮寄"),
    # depends on a field that is itself conditional: hidden whenever `code` is hidden
    spec("branch", required=True, condition_field="code", condition_value=CREDIT),
]


def test_conditional_field_is_required_only_when_shown_and_dropped_when_hidden():
    assert form_validate(CONDITIONAL, {"type": "个人", "id": ID, "code": "garbage", "branch": "x"}, today=TODAY) \
        == {"type": "个人", "id": ID}
    error = invalid(CONDITIONAL, {"type": "单位"})
    assert error.field_codes == {"code": "form_required"}
    assert form_validate(CONDITIONAL, {"type": "单位", "code": CREDIT, "branch": "一分厂"}) == \
        {"type": "单位", "code": CREDIT, "branch": "一分厂"}


def test_condition_on_a_multi_choice_means_contains():
    assert invalid(CONDITIONAL, {"type": "个人", "id": ID, "extra": ["网办", "邮寄"]}).field_codes == \
        {"address": "form_required"}
    assert form_validate(CONDITIONAL, {"type": "个人", "id": ID, "extra": ["网办"], "address": "x"}, today=TODAY) \
        == {"type": "个人", "id": ID, "extra": ["网办"]}


def test_profile_defaults_fill_blank_fields_and_initial_values():
    fields = [spec("name", required=True, profile_default="name"), spec("phone", "phone", profile_default="phone"),
              spec("note")]
    profile = {"name": "李四", "phone": "13900000000", "address": "x"}
    assert form_initial(fields, profile) == {"name": "李四", "phone": "13900000000"}
    assert form_initial(fields, SimpleNamespace(name="王五", phone="")) == {"name": "王五"}
    assert form_initial(fields, None) == {}
    assert form_validate(fields, {"phone": ""}, profile=profile) == {"name": "李四", "phone": "13900000000"}
    # An answer given wins over the profile, and is still checked.
    assert form_validate(fields, {"name": "赵六"}, profile=profile)["name"] == "赵六"
    assert invalid(fields, {"phone": "1"}, profile=profile).field_codes == {"phone": "form_phone"}


def test_structure_errors():
    fields = [
        spec("a", "choice"),  # no choices
        spec("b", condition_field="zzz", condition_value="1"),
        spec("c", condition_field="d", condition_value="1"),  # refers to a later field
        spec("d", "choice", choices=("x",)),
        spec("e", condition_field="d", condition_value="y"),  # not one of d's choices
        spec("d", "text"),
        spec("f", "number", min_value=5, max_value=1),
        spec("g", condition_field="d"),
        spec("h", condition_value="x"),
        spec("i", "multi_choice", choices=("x", "x")),
    ]
    codes = {i: code for i, (_attr, code, _m) in form_structure_errors(fields).items()}
    assert codes == {0: "form_field_no_choices", 1: "form_field_condition_missing",
                     2: "form_field_condition_missing", 4: "form_field_condition_value", 5: "form_field_duplicate",
                     6: "form_field_range", 7: "form_field_condition_value", 8: "form_field_condition_missing",
                     9: "form_field_duplicate_choice"}
    assert form_structure_errors(CONDITIONAL) == {}


def test_describe_is_json_with_condition_objects():
    described = form_describe(CONDITIONAL[:2])
    assert described[0]["choices"] == ["个人", "单位"]
    assert described[0]["condition"] is None
    assert described[0]["kind_label"] == "单选"
    assert described[1]["condition"] == {"field": "type", "value": "个人"}
    assert "condition_field" not in described[1]


@pytest.mark.parametrize(("audience", "keys"), [
    (["1"], ["applicant_name", "applicant_id_number", "applicant_phone", "applicant_address", "application_note"]),
    (["2"], ["org_name", "org_credit_code", "legal_representative", "org_phone", "org_address", "application_note"]),
])
def test_default_fields_by_audience(audience, keys):
    fields = default_form_fields(SimpleNamespace(audience=audience))
    assert [f.key for f in fields] == keys
    assert [f.position for f in fields] == list(range(len(keys)))
    assert form_structure_errors(fields) == {}


def test_default_fields_for_both_audiences_choose_a_block():
    fields = default_form_fields(SimpleNamespace(audience=["1", "2"]))
    assert fields[0].key == "applicant_type"
    assert form_structure_errors(fields) == {}
    profile = {"name": "张三", "id_number": ID, "phone": "13800000000"}
    cleaned = form_validate(fields, {"applicant_type": "个人", "application_note": "办理"}, profile=profile,
                            today=TODAY)
    assert cleaned == {"applicant_type": "个人", "applicant_name": "张三", "applicant_id_number": ID,
                       "applicant_phone": "13800000000", "application_note": "办理"}
    assert invalid(fields, {"applicant_type": "单位", "application_note": "办理"}, profile=profile).field_codes == {
        "org_credit_code": "form_required", "legal_representative": "form_required"}
    assert [f.key for f in default_form_fields(SimpleNamespace(audience=[]))][0] == "applicant_type"


def test_django_form_uses_the_engine_and_phone_friendly_widgets():
    form_class = form_class_for(CONDITIONAL, today=TODAY)
    form = form_class({"type": "单位", "code": "91350100M000100Y44", "id": "ignored"})
    assert not form.is_valid()
    assert form.errors["code"] == ["统一社会信用代码校验码（第18位）不正确，请核对后重新输入。"]
    form = form_class({"type": "个人", "id": ID.lower(), "extra": ["邮寄"], "address": "广安区"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"type": "个人", "id": ID, "extra": ["邮寄"], "address": "广安区"}
    html = str(form_class_for([spec("p", "phone"), spec("n", "number"), spec("d", "date"),
                               spec("c", "choice", choices=tuple("abcdef")), spec("r", "choice", choices=("x",)),
                               spec("t", condition_field="r", condition_value="x")])())
    assert 'type="tel"' in html and 'inputmode="decimal"' in html and 'type="date"' in html
    assert "<select" in html and 'type="radio"' in html
    assert 'data-show-if-field="r"' in html and 'data-show-if-value="x"' in html
    sections = form_class_for(default_form_fields(SimpleNamespace(audience=["1"])))().sections()
    assert [title for title, _fields in sections] == ["申请人信息", "申请事项"]
