"""Masking of personal data on screen, in API responses and in logs.

Rules (GB/T 35273-2020 个人信息安全规范, 去标识化 practice): resident ID numbers show the first 6
and last 4 characters; mobile numbers show the first 3 and last 4.
"""

from __future__ import annotations

import logging
import re

# Digit boundaries only (not word boundaries), so a number glued to letters ("a11010519…") is masked
# too; phones may carry +86 and be grouped with spaces or hyphens ("+86 138-1234-5678").
ID_NUMBER_RE = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[0-9Xx])(?!\d)")
PHONE_RE = re.compile(r"(?<!\d)((?:\+?86[\s-]?)?1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)")


def mask_id_number(value: str) -> str:
    if not value:
        return ""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


MASKERS = {"id_number": mask_id_number, "phone": mask_phone}


def mask_text(text: str) -> str:
    """Mask every ID number and mobile number appearing in free text."""
    text = ID_NUMBER_RE.sub(lambda m: m.group(1) + "********" + m.group(2), text)
    return PHONE_RE.sub(lambda m: m.group(1) + "****" + m.group(2), text)


# Log lines quote URLs: a number may arrive percent-encoded ("%31%33%39…", "139%2D1234%2D5678",
# "%E5%BC%A0139…", even encoded twice), as full-width digits, or split by the separators people
# type and forms encode ("139+1234+5678", "+86 139-1234-5678", "511602.19990105.0038").
_SEP = r"[\s+\-.]{0,3}"
_PHONE_LOOSE = re.compile(rf"(?<!\d)(?:\+?{_SEP}86{_SEP})?(1{_SEP}[3-9]{_SEP}\d)((?:{_SEP}\d){{8}})(?!\d)")
_ID_LOOSE = re.compile(rf"(?<!\d)(\d(?:{_SEP}\d){{5}})((?:{_SEP}\d){{8}})((?:{_SEP}\d){{3}}{_SEP}[0-9Xx])(?![0-9Xx])")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text)


def _decoded(text: str) -> str:
    """Percent-decoding (up to three layers) and NFKC (full-width digits become ASCII)."""
    import unicodedata
    from urllib.parse import unquote

    for _ in range(3):
        if not _PERCENT.search(text):
            break
        text = unquote(text, errors="replace")
    return unicodedata.normalize("NFKC", text)


def mask_log_text(text: str) -> str:
    """mask_text for log lines: decode first, then find numbers whatever separates their digits.
    The line is logged decoded (a masked, readable URL rather than an encoded clear number)."""
    text = _decoded(text)
    text = _ID_LOOSE.sub(lambda m: _digits(m.group(1)) + "********" + _digits(m.group(3))[-4:], text)
    text = _PHONE_LOOSE.sub(lambda m: _digits(m.group(1)) + "****" + _digits(m.group(2))[-4:], text)
    return mask_text(text)


class PersonalDataLogFilter(logging.Filter):
    """Rewrites every log record so that no ID number or phone number reaches a log sink."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        record.msg = mask_log_text(message)
        record.args = None
        # A traceback's last line carries the exception message, which may quote the input;
        # formatters print `exc_text` when it is set, so mask the formatted text once here.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_log_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_log_text(record.stack_info)
        return True


class StderrHandler(logging.StreamHandler):
    """A console handler that writes to whatever sys.stderr is at the time of each record, so a
    handler configured while stderr was temporarily replaced (test capture, a daemoniser) never
    writes to a closed stream. `setStream` still pins an explicit stream."""

    def __init__(self) -> None:
        super().__init__()
        self._pinned = None

    @property
    def stream(self):
        import sys

        return self._pinned if self._pinned is not None else sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        self._pinned = value


def mask_name(value: str) -> str:
    """A person's name shows its first character only (张三 → 张*, 欧阳娜娜 → 欧***)."""
    value = (value or "").strip()
    if not value:
        return ""
    return value[0] + "*" * max(1, len(value) - 1)
