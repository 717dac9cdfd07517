import pytest

from zwfw.organizations.identifiers import credit_code_is_valid, org_code_check_char, region_code_normalize


# Vectors from python-stdnum's test list and the standards' examples (shared/data/id-vectors).
@pytest.mark.parametrize("code", ["91110000600037341L", "91310000631696382C", "9144030071526726XG",
                                  "121200004013590816", "91340600MA2PBM9HXD", "91110108551385082q"])
def test_valid_credit_codes(code):
    assert credit_code_is_valid(code) is True


@pytest.mark.parametrize("code", [
    "91110000600037341N",  # bad GB 32100 check character
    "A1110000600037341L",  # invalid first character
    "9111000060003IOZSV",  # letters not in the GB 32100 alphabet
    "12345",  # length
    # Passes python-stdnum (mod-31 recomputed) but the inner GB 11714 check digit is wrong (0 ≠ 1).
    "91110000600037340H",
])
def test_invalid_credit_codes(code):
    assert credit_code_is_valid(code) is False


def test_org_code_check_char_maps_ten_and_eleven():
    assert org_code_check_char("60003734") == "1"
    assert org_code_check_char("71526726") == "X"


@pytest.mark.parametrize(("raw", "expected"), [
    ("511602", "511602000000"), ("511602001", "511602001000"), ("511602001000", "511602001000"),
    (" 511602 ", "511602000000"), ("51", None), ("5116020", None), ("51160a", None), ("５１１６０２", None), ("", None),
])
def test_region_code_normalize(raw, expected):
    assert region_code_normalize(raw) == expected
