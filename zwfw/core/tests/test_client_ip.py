"""The audit trail's "from which address": a client cannot choose it by sending X-Forwarded-For."""

from django.test import RequestFactory

from zwfw.core.context import client_ip


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.ZWFW_TRUST_PROXY = False
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="10.0.0.9")
    assert client_ip(request) == "10.0.0.9"


def test_behind_the_proxy_a_forged_first_hop_is_not_taken(settings):
    # The client sent "X-Forwarded-For: 1.2.3.4"; the hall's proxy appended the address it saw.
    settings.ZWFW_TRUST_PROXY = True
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "203.0.113.7"


def test_the_documented_environment_variable_is_read(monkeypatch):
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("ZWFW_TRUST_PROXY", "on")
    try:
        assert importlib.reload(base).ZWFW_TRUST_PROXY is True
    finally:
        monkeypatch.delenv("ZWFW_TRUST_PROXY")
        importlib.reload(base)


def test_behind_a_chain_of_trusted_proxies_the_first_untrusted_hop_is_the_client(settings):
    """Issue 13 finding 2: sign-in throttling counts per address. Behind two proxies (the
    provincial gateway, then the hall's), the last hop is a proxy: every client would share it."""
    settings.ZWFW_TRUST_PROXY = True
    settings.ZWFW_TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7, 192.0.2.10, 10.1.2.3",
                                   REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "203.0.113.7"


def test_a_request_not_from_a_trusted_proxy_keeps_its_own_address(settings):
    settings.ZWFW_TRUST_PROXY = True
    settings.ZWFW_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="198.51.100.20")
    assert client_ip(request) == "198.51.100.20"


def test_only_trusted_proxies_in_the_header_gives_the_first_hop(settings):
    settings.ZWFW_TRUST_PROXY = True
    settings.ZWFW_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 10.1.1.1", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "10.9.9.9"
