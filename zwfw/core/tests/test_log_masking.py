"""Every log sink masks personal data: Django's own loggers too, and exception text."""

import io
import logging
import logging.config

from django.conf import settings

from zwfw.core.masking import PersonalDataLogFilter

ID = "11010519491231002X"
PHONE = "13812345678"


def _emit(logger_name: str, level: int, msg: str, *args, exc_info=None) -> str:
    """Configure logging exactly as Django does (its defaults, then LOGGING), emit one record
    through `logger_name`, and return what every handler on its path wrote."""
    from django.utils.log import DEFAULT_LOGGING

    logging.config.dictConfig(DEFAULT_LOGGING)
    logging.config.dictConfig(settings.LOGGING)
    out = io.StringIO()
    logger = logging.getLogger(logger_name)
    node, seen = logger, []
    while node is not None:
        for handler in node.handlers:
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(out)
                seen.append(handler)
        node = node.parent if node.propagate else None
    try:
        logger.log(level, msg, *args, exc_info=exc_info)
    finally:
        logging.config.dictConfig(settings.LOGGING)
    return out.getvalue()


def test_runserver_request_lines_are_masked(settings):
    settings.DEBUG = True
    text = _emit("django.server", logging.INFO, '"GET /x?id=%s&tel=%s HTTP/1.1" 200 5', ID, PHONE)
    assert "110105********002X" in text
    assert ID not in text and PHONE not in text


def test_django_request_errors_are_masked_even_with_debug(settings):
    settings.DEBUG = True
    text = _emit("django.request", logging.ERROR, "Internal Server Error: /a/%s", PHONE)
    assert "138****5678" in text
    assert PHONE not in text


def test_exception_text_is_masked():
    try:
        raise ValueError(f"bad number {ID}")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    PersonalDataLogFilter().filter(record)
    formatted = logging.Formatter("%(message)s").format(record)
    assert "bad number 110105********002X" in formatted
    assert ID not in formatted


# Issue 13, finding 8: encoded and separated numbers reached the log unmasked.
import pytest  # noqa: E402


@pytest.mark.parametrize("line, kept", [
    ('"GET /guide/?q=139+1234+5678 HTTP/1.1" 200 5', "139****5678"),
    ('"GET /guide/?q=%2B86%20139-1234-5678 HTTP/1.1" 200 5', "139****5678"),
    ('"GET /guide/?q=+86%20139-1234-5678 HTTP/1.1" 200 5', "139****5678"),
    ('"GET /guide/?q=511602+19990105+0038 HTTP/1.1" 200 5', "511602********0038"),
    ('"GET /guide/?q=%31%33%39%31%32%33%34%35%36%37%38 HTTP/1.1" 200 5', "139****5678"),
    ('"GET /guide/?q=139%2D1234%2D5678 HTTP/1.1" 200 5', "139****5678"),
    ('"GET /guide/?q=%E5%BC%A013912345678 HTTP/1.1" 200 5', "张139****5678"),
    ('"GET /guide/?q=%252B8613912345678 HTTP/1.1" 200 5', "139****5678"),  # encoded twice
    ('"GET /guide/?q=１３９１２３４５６７８ HTTP/1.1" 200 5', "139****5678"),  # full-width digits
    ('"GET /guide/?q=511602.19990105.0038 HTTP/1.1" 200 5', "511602********0038"),
])
def test_encoded_and_separated_numbers_are_masked_in_request_lines(line, kept):
    text = _emit("django.server", logging.INFO, line)
    digits = "".join(ch for ch in text if ch.isdigit())
    assert kept in text, text
    for number in ("13912345678", "511602199901050038"):
        assert number not in digits, text
    assert "1234" not in text and "19990105" not in text, text


def test_ordinary_numbers_in_log_lines_are_left_alone():
    text = _emit("django.server", logging.INFO, '"GET /guide/?page=2&year=2026 HTTP/1.1" 200 5123')
    assert "page=2&year=2026" in text and "200 5123" in text
