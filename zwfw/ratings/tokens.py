"""Signed rating links: the SMS link, the QR code on the receipt, and a hall tablet's binding.

A token names the case (or the window) and what it is for, signed with the site key
(django.core.signing, salted per use), so the id in it cannot be guessed or changed. Case links
live `RATING_LINK_MAX_AGE` days — long enough to rate after a slow conclusion; a tablet's binding
has no age (it is revoked by changing the window's binding secret, i.e. the site key).
"""

from __future__ import annotations

import datetime as dt
import re

from django.core import signing
from django.utils.translation import gettext as _

from zwfw.core.errors import NotFound

CASE_SALT = "zwfw.ratings.case"
WINDOW_SALT = "zwfw.ratings.window"
RATING_LINK_MAX_AGE = dt.timedelta(days=180)
TOKEN_CHARS = re.compile(r"[A-Za-z0-9_:\-]{10,200}")


def case_token(case_id: int, purpose: str) -> str:
    """`purpose` is the channel the link is printed for: "sms" or "qr"."""
    return signing.dumps({"c": int(case_id), "p": purpose}, salt=CASE_SALT, compress=False)


def case_from_token(token: str, purpose: str | None = None) -> tuple[int, str]:
    """(case id, purpose) of a valid token; NotFound for anything else (same answer for forged,
    expired and unknown links)."""
    token = token_in(token)
    try:
        data = signing.loads(token, salt=CASE_SALT, max_age=RATING_LINK_MAX_AGE)
    except signing.BadSignature:
        raise NotFound(_("评价链接无效或已过期"), code="rating_link_invalid") from None
    if purpose is not None and data.get("p") != purpose:
        raise NotFound(_("评价链接无效或已过期"), code="rating_link_invalid")
    return int(data["c"]), str(data["p"])


def window_token(window_id: int) -> str:
    return signing.dumps({"w": int(window_id)}, salt=WINDOW_SALT, compress=False)


def window_from_token(token: str) -> int:
    try:
        return int(signing.loads(token, salt=WINDOW_SALT)["w"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise NotFound(_("评价平板的绑定无效，请联系窗口工作人员"), code="tablet_binding_invalid") from None


def token_in(text: str) -> str:
    """The token in what a scanner typed: the QR holds the whole rating address, so take its last
    path segment; anything that is not token-shaped is refused."""
    text = (text or "").strip().rstrip("/")
    candidate = text.rsplit("/", 1)[-1]
    if not TOKEN_CHARS.fullmatch(candidate):
        raise NotFound(_("评价链接无效或已过期"), code="rating_link_invalid")
    return candidate


def rating_qr_url(case_id: int) -> str:
    """The address printed as the receipt's second QR code (扫码评价): rating page, channel 二维码;
    the hall tablet's scanner reads the same code."""
    from django.urls import reverse

    from zwfw.documents.rendering import absolute_url

    return absolute_url(reverse("portal:rate_link", args=[case_token(case_id, "qr")]))
