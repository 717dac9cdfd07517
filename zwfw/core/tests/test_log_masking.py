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
