import logging

import pytest

from zwfw.core import crypto
from zwfw.core.fields import Sealed
from zwfw.core.masking import PersonalDataLogFilter, mask_id_number, mask_phone, mask_text


def test_encrypt_round_trip_and_randomised():
    a = crypto.encrypt("11010519491231002X")
    b = crypto.encrypt("11010519491231002X")
    assert a != b and a.startswith(crypto.PREFIX)
    assert "11010519491231002X" not in a
    assert crypto.decrypt(a) == "11010519491231002X"


def test_tampered_ciphertext_is_refused():
    token = crypto.encrypt("13812345678")
    raw = bytearray(crypto.base64.b64decode(token[len(crypto.PREFIX):]))
    raw[14] ^= 1
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(crypto.PREFIX + crypto.base64.b64encode(bytes(raw)).decode())


def test_digest_is_keyed_and_purpose_separated():
    assert crypto.digest("x", purpose="id") == crypto.digest("x", purpose="id")
    assert crypto.digest("x", purpose="id") != crypto.digest("x", purpose="phone")
    assert len(crypto.digest("x", purpose="id")) == 64


def test_masks():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_text("身份证11010519491231002X电话13812345678。") == "身份证110105********002X电话138****5678。"


def test_sealed_prints_masked():
    s = Sealed.of("11010519491231002X", kind="id_number")
    assert str(s) == "110105********002X"
    assert f"{s}" == "110105********002X"
    assert s.reveal() == "11010519491231002X"


def test_log_filter_masks_message_and_args():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "id %s phone %s", ("11010519491231002X", "13812345678"), None)
    PersonalDataLogFilter().filter(record)
    assert record.getMessage() == "id 110105********002X phone 138****5678"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a11010519491231002Xb", "a110105********002Xb"),
        ("电话：+86 138-1234-5678。", "电话：+86 138****5678。"),
        ("tel 138 1234 5678", "tel 138****5678"),
        ("8613812345678", "86138****5678"),
        ("订单号 2026112300001234567890", "订单号 2026112300001234567890"),  # 22 digits: not an ID
    ],
)
def test_mask_text_catches_grouped_and_glued_numbers(text, expected):
    assert mask_text(text) == expected
