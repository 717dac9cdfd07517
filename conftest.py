"""Shared pytest fixtures for the whole suite."""

import pytest

from zwfw.core.testing import allow_audit_flush_in_tests


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    private = dict(settings.STORAGES["private"])
    if "location" in private.get("OPTIONS", {}):
        private["OPTIONS"] = {**private["OPTIONS"], "location": str(tmp_path / "private")}
    settings.STORAGES = {**settings.STORAGES, "private": private}


# Transactional tests are emptied with Django's flush, which the audit triggers refuse unless
# the harness asks (see zwfw.core.testing.allow_audit_flush_in_tests and migration core 0005).
allow_audit_flush_in_tests()


@pytest.fixture(autouse=True)
def _audit_checkpoints(settings, tmp_path):
    """Each test gets its own checkpoint file, never the development one under data/."""
    settings.ZWFW_AUDIT_CHECKPOINT = f"file://{tmp_path / 'audit-checkpoints.jsonl'}"


@pytest.fixture
def empty_queue():
    """This test process's job queue, emptied before and after the test (zwfw.jobs.testing)."""
    from zwfw.jobs.testing import queue_flush

    queue_flush()
    yield
    queue_flush()


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


@pytest.fixture(autouse=True)
def _cache_cleared():
    """The in-process cache (rendered guides, the home region …) starts empty in every test:
    database ids are reused between tests, so an entry from another test could match."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
