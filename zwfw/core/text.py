"""Cleaning text typed into a search box or a query parameter."""

from __future__ import annotations

import unicodedata


def has_control_chars(text: str) -> bool:
    """True when `text` holds a control or format character other than ordinary white space
    (NUL, backspace, escape, bidi overrides …): none belongs in a query."""
    return any(unicodedata.category(ch) in {"Cc", "Cf"} and not ch.isspace() for ch in text or "")


def strip_control_chars(text: str) -> str:
    """`text` without control and format characters; white space (tabs, new lines) becomes a
    space, so words stay apart."""
    out = []
    for ch in text or "":
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) not in {"Cc", "Cf"}:
            out.append(ch)
    return "".join(out)
