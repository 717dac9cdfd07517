"""`check --deploy` fails on the development keys published in the repository (issue 13,
finding 10)."""

import secrets

import pytest
from django.core.checks import run_checks

from config.settings import devkeys

KEYS = ("SECRET_KEY", "ZWFW_DATA_KEY", "ZWFW_DIGEST_KEY", "ZWFW_AUDIT_KEY")


@pytest.fixture
def fresh_keys(settings):
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    settings.ZWFW_DATA_KEY = secrets.token_hex(16)
    settings.ZWFW_DIGEST_KEY = secrets.token_hex(16)
    settings.ZWFW_AUDIT_KEY = secrets.token_hex(32)
    return settings


def _ids(deploy=True):
    return [m.id for m in run_checks(include_deployment_checks=deploy) if m.id in ("zwfw.E002", "zwfw.E003")]


def test_fresh_keys_pass(fresh_keys):
    assert _ids() == []


@pytest.mark.parametrize("name, value", [
    ("SECRET_KEY", devkeys.DEV_SECRET_KEY),
    ("SECRET_KEY", devkeys.TEST_SECRET_KEY),
    ("ZWFW_DATA_KEY", devkeys.DEV_DATA_KEY),
    ("ZWFW_DATA_KEY", devkeys.DEV_DATA_KEY.upper()),
    ("ZWFW_DIGEST_KEY", devkeys.DEV_DIGEST_KEY),
    ("ZWFW_AUDIT_KEY", devkeys.DEV_AUDIT_KEY),
])
def test_each_published_key_fails_the_deploy_check(fresh_keys, name, value):
    setattr(fresh_keys, name, value)
    messages = [m for m in run_checks(include_deployment_checks=True) if m.id == "zwfw.E002"]
    assert [m.msg for m in messages] == [f"{name} is a development key published in the repository"]
    assert messages[0].is_serious()


def test_the_development_defaults_fail_the_deploy_check_but_not_development(settings):
    from config.settings import base

    for name in KEYS:
        setattr(settings, name, getattr(base, name))
    assert _ids() == ["zwfw.E002"] * 4
    assert _ids(deploy=False) == []


def test_one_key_for_two_purposes_fails(fresh_keys):
    fresh_keys.ZWFW_DIGEST_KEY = fresh_keys.ZWFW_DATA_KEY
    assert _ids() == ["zwfw.E003"]
