"""ID numbers (GB 11643) and unified social credit codes (GB 32100 + GB 11714) against the vectors."""

import json
from pathlib import Path

import pytest
from stdnum.cn import uscc

from zwfw.core.errors import ValidationFailed
from zwfw.core.identifiers import credit_code_validate, id_number_validate, org_code_check_char

VECTORS = json.loads((Path(__file__).parent / "data" / "id_codes.json").read_text(encoding="utf-8"))
ALL_VALID_USCC = sorted(
    set(VECTORS["uscc_valid_list"]) | set(VECTORS["uscc_valid_wellknown"]) | set(VECTORS["uscc_valid_from_memory_checked"])
)


@pytest.mark.parametrize("number", VECTORS["ric_valid"])
def test_valid_id_numbers_pass_unchanged(number):
    assert id_number_validate(number) == number


def test_lower_case_x_is_normalised_and_spaces_dropped():
    assert id_number_validate(" 44011320141005001x ") == "44011320141005001X"


@pytest.mark.parametrize(
    ("number", "code", "message"),
    [
        ("36042619910102009X", "id_number_checksum", "身份证号码校验码（第18位）不正确，请核对后重新输入。"),
        ("360426199113010079", "id_number_birth_date", "身份证号码中的出生日期（第7–14位）无效。"),
        ("T60426199101010078", "id_number_format", "身份证号码格式不正确：前17位应为数字，最后一位应为数字或X。"),
        ("990426199112010074", "id_number_region", "身份证号码中的地区码（前6位）不是有效的行政区划代码。"),
        ("11010519491231002", "id_number_length", "身份证号码长度应为18位，当前为17位。"),
        ("", "id_number_required", "请填写身份证号码。"),
    ],
)
def test_invalid_id_numbers_get_precise_chinese_reasons(number, code, message):
    with pytest.raises(ValidationFailed) as info:
        id_number_validate(number)
    assert info.value.code == code
    assert info.value.message == message
    assert info.value.field_errors == {"id_number": [message]}


def test_every_invalid_vector_is_refused():
    for number in VECTORS["ric_invalid"]:
        with pytest.raises(ValidationFailed):
            id_number_validate(number)


def test_birth_date_in_the_future_is_refused():
    import datetime as dt

    with pytest.raises(ValidationFailed) as info:
        id_number_validate("110102199101010078", today=dt.date(1990, 12, 31))
    assert info.value.code == "id_number_birth_date"


@pytest.mark.parametrize("code", ALL_VALID_USCC)
def test_valid_credit_codes_pass(code):
    assert credit_code_validate(code.lower()) == code


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91110000600037341N", "credit_code_checksum"),
        ("A1110000600037341L", "credit_code_checksum"),
        ("9111000060003IOZSV", "credit_code_format"),
        ("12345", "credit_code_length"),
    ],
)
def test_invalid_credit_codes_are_refused(code, reason):
    assert set(VECTORS["uscc_invalid"]) >= {code}
    with pytest.raises(ValidationFailed) as info:
        credit_code_validate(code)
    assert info.value.code == reason
    assert "统一社会信用代码" in info.value.message


def test_inner_org_code_digit_is_checked_even_when_stdnum_accepts():
    good = "91110000600037341L"
    body = good[:16] + "2"  # wrong GB 11714 digit at position 17
    forged = body + uscc.calc_check_digit(body)
    assert uscc.is_valid(forged)  # stdnum alone lets it through
    with pytest.raises(ValidationFailed) as info:
        credit_code_validate(forged)
    assert info.value.code == "credit_code_org_checksum"
    assert info.value.message == "统一社会信用代码中的组织机构代码（第9–17位）校验位不正确。"


def test_org_code_check_char_special_values():
    # GB 11714: check 10 is written X, 11 is written 0 (from codes in the vector list).
    assert org_code_check_char("58592336") == "0"  # 91620105585923360D
    assert org_code_check_char("67592034") == "X"  # 9162010567592034XQ
    assert org_code_check_char("MA2PBM9H") == "X"  # 91340600MA2PBM9HXD (letters count A=10 …)
    assert org_code_check_char("35097085") == "9"  # 913101203509708598
