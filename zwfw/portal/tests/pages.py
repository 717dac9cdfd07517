"""Assertions shared by page tests: Chinese layout and no unmasked personal data."""

import re

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def assert_page(response, *texts: str) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    for text in texts:
        assert text in html, text
    assert_no_personal_data(html)
    return html


def assert_no_personal_data(html: str) -> None:
    assert ID_NUMBER.findall(html) == []
    assert MOBILE.findall(html) == []
