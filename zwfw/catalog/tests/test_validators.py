from zwfw.catalog.validators import (
    base_code_errors,
    implementation_code_compose,
    implementation_code_errors,
)


def test_base_code_must_be_twelve_digits_or_capitals():
    assert base_code_errors("000104002000") == []
    assert base_code_errors("511Z07001006") == []
    assert base_code_errors("G-000007-001") == ["基本编码应为12位数字或大写字母"]
    assert base_code_errors("00010400200") == ["基本编码应为12位数字或大写字母"]
    assert base_code_errors("511z07001006") == ["基本编码应为12位数字或大写字母"]


def test_real_lingshan_implementation_code_validates():
    # 灵山县 task_code = credit code 11450721MB15580811 + level 4 + catalog code 000104002000
    code = implementation_code_compose(credit_code="11450721MB15580811", level="4", base_code="000104002000")
    assert code == "11450721MB155808114000104002000"
    assert implementation_code_errors(code, credit_code="11450721MB15580811", level="4",
                                      base_code="000104002000") == []


def test_implementation_code_errors_name_each_part():
    assert implementation_code_errors("123") == ["实施编码应为31位：统一社会信用代码18位＋层级1位＋基本编码12位"]
    bad_credit = "11450721MB155808124000104002000"  # check character wrong
    assert implementation_code_errors(bad_credit) == ["统一社会信用代码无效（GB 32100-2015）"]
    bad_level = "11450721MB155808117000104002000"
    assert implementation_code_errors(bad_level) == ["实施编码第19位应为行使层级代码（1–6）"]
    good = "11450721MB155808114000104002000"
    assert implementation_code_errors(good, level="5") == ["实施编码第19位与事项的行使层级不一致"]
    assert implementation_code_errors(good, credit_code="115113016823646795") == [
        "实施编码前18位与实施主体的统一社会信用代码不一致"
    ]
