"""Shared pytest fixtures for the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    private = dict(settings.STORAGES["private"])
    if "location" in private.get("OPTIONS", {}):
        private["OPTIONS"] = {**private["OPTIONS"], "location": str(tmp_path / "private")}
    settings.STORAGES = {**settings.STORAGES, "private": private}
