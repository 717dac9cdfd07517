"""Shared pytest fixtures for the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _notification_files(settings, tmp_path):
    settings.ZWFW_SMS_FILE = str(tmp_path / "outbox-sms.log")
