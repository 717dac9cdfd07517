"""Shared pytest fixtures for the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _notification_files(settings, tmp_path):
    settings.ZWFW_SMS_FILE = str(tmp_path / "outbox-sms.log")


@pytest.fixture(scope="session", autouse=True)
def _queue_file_removed():
    """The SQLite queue of this test process (config/settings/test.py) goes when the session ends."""
    yield
    import contextlib
    import os

    from django.conf import settings

    if not settings.ZWFW_REDIS_URL:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.remove(settings.ZWFW_JOBS_QUEUE_FILE + suffix)
