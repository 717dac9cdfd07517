"""Deterministic, valid-looking but fictitious identifiers for the demo county."""

from stdnum.cn import ric

DEMO_PHONE_PREFIX = "1380000"  # 138 0000 xxxx: demo numbers only


def demo_id_number(*, region_code: str, birth: str, serial: int) -> str:
    """A GB 11643 number: 6-digit county code, birth date, 3-digit serial, check digit."""
    body = f"{region_code[:6]}{birth}{serial:03d}"
    # stdnum's calc_check_digit takes the full 18-character number and ignores its last character.
    return body + ric.calc_check_digit(body + "0")


def demo_phone(index: int) -> str:
    return f"{DEMO_PHONE_PREFIX}{index:04d}"
