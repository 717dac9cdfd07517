"""Throttling per address, growing delays, known devices, and the security administrator's unlock
(issue 13, finding 2)."""

import datetime as dt

import pytest

from zwfw.accounts.errors import SignInFailed
from zwfw.accounts.models import LoginThrottle
from zwfw.accounts.services import staff_sign_in
from zwfw.accounts.services.sign_in import throttle_key
from zwfw.accounts.services.throttle import device_cookie_issue, sign_in_locks, sign_in_unlock
from zwfw.core.errors import PermissionDenied
from zwfw.core.models import AuditEvent

from .conftest import NOW, PASSWORD


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.ZWFW_LOGIN_MAX_FAILURES = 3
    settings.ZWFW_LOGIN_ADDRESS_MAX_FAILURES = 10
    settings.ZWFW_LOGIN_FAILURE_WINDOW_MINUTES = 15
    settings.ZWFW_LOGIN_LOCK_MINUTES = 30
    settings.ZWFW_LOGIN_LOCK_MAX_MINUTES = 240


def _try(username, password, *, ip="10.0.0.9", device="", now=NOW):
    try:
        return staff_sign_in(username=username, password=password, ip=ip, device=device, now=now)
    except SignInFailed as exc:
        return exc


def test_one_address_spraying_many_names_is_locked_before_it_reaches_a_real_account(people):
    # The probe: invented names with a few passwords each, then a real clerk's right password.
    for i in range(10):
        assert isinstance(_try(f"invented{i}", "Passw0rd!"), SignInFailed)
    assert isinstance(_try("clerk_a", PASSWORD), SignInFailed)
    assert AuditEvent.objects.filter(action="auth.sign_in_failed").last().changes["reason"] == "locked"
    # The same clerk from another address is not affected.
    assert _try("clerk_a", PASSWORD, ip="10.0.0.10") == people["clerk_a"]


def test_a_success_gives_the_address_its_attempt_back(people):
    for _ in range(9):
        assert _try("clerk_a", PASSWORD) == people["clerk_a"]
    address = LoginThrottle.objects.get(scope="address")
    assert (address.failures, address.locked_until) == (0, None)


def test_each_consecutive_lock_doubles_up_to_the_ceiling(people):
    expected = [30, 60, 120, 240, 240]
    now = NOW
    for minutes in expected:
        for _ in range(3):
            _try("clerk_a", "wrong", ip="", now=now)
        row = LoginThrottle.objects.get(scope="account")
        assert row.locked_until == now + dt.timedelta(minutes=minutes)
        now = row.locked_until + dt.timedelta(seconds=1)
    assert _try("clerk_a", PASSWORD, ip="", now=now) == people["clerk_a"]
    assert not LoginThrottle.objects.filter(scope="account").exists()  # success: back to the base period


def test_a_locked_name_does_not_lock_its_owner_out_of_a_known_device(people):
    cookie = device_cookie_issue(account_key=throttle_key("staff", "clerk_a"))
    for _ in range(5):  # someone who only knows the name
        _try("clerk_a", "guess", ip="203.0.113.7")
    assert isinstance(_try("clerk_a", PASSWORD, ip="203.0.113.7"), SignInFailed)
    assert _try("clerk_a", PASSWORD, ip="10.0.0.9", device=cookie) == people["clerk_a"]


def test_a_known_device_has_its_own_limit(people):
    cookie = device_cookie_issue(account_key=throttle_key("staff", "clerk_a"))
    for _ in range(3):
        _try("clerk_a", "wrong", device=cookie)
    assert isinstance(_try("clerk_a", PASSWORD, device=cookie), SignInFailed)
    assert LoginThrottle.objects.get().scope == "device"
    assert _try("clerk_a", PASSWORD) == people["clerk_a"]  # the name itself was not locked


def test_a_device_cookie_of_another_account_or_forged_is_ignored(people):
    other = device_cookie_issue(account_key=throttle_key("staff", "clerk_b"))
    for cookie in (other, "forged:value", other[:-2] + "xx"):
        _try("clerk_a", "wrong", device=cookie)
    assert isinstance(_try("clerk_a", PASSWORD, device=other), SignInFailed)
    assert not LoginThrottle.objects.filter(scope="device").exists()


def test_security_admin_lists_and_unlocks_with_an_audit_event(people):
    admin = people["secadmin"]
    for i in range(10):
        _try(f"invented{i}", "x")
    locks = list(sign_in_locks(viewer=admin, now=NOW))
    assert sorted(lock.scope for lock in locks) == ["address"]
    assert locks[0].label == "10.0.0.9"
    sign_in_unlock(actor=admin, throttle=locks[0], now=NOW)
    assert list(sign_in_locks(viewer=admin, now=NOW)) == []
    event = AuditEvent.objects.get(action="auth.sign_in_unlock")
    assert (event.actor_id, event.changes["scope"], event.changes["label"]) == (admin.pk, "address", "10.0.0.9")
    assert _try("clerk_a", PASSWORD) == people["clerk_a"]


@pytest.mark.parametrize("who", ["sysadmin", "auditor", "clerk_b"])
def test_only_the_security_admin_sees_or_lifts_locks(people, who):
    other = people[who]
    for _ in range(3):
        _try("clerk_a", "wrong")
    row = LoginThrottle.objects.get(scope="account")
    with pytest.raises(PermissionDenied):
        sign_in_locks(viewer=other, now=NOW)
    with pytest.raises(PermissionDenied):
        sign_in_unlock(actor=other, throttle=row, now=NOW)
    row.refresh_from_db()
    assert row.locked_until is not None
    assert not AuditEvent.objects.filter(action="auth.sign_in_unlock").exists()


def test_sign_in_locks_api_lists_and_unlocks(people):
    from rest_framework.test import APIClient

    for _ in range(3):
        staff_sign_in_quiet = _try("clerk_a", "wrong", now=dt.datetime.now(dt.UTC))
        assert isinstance(staff_sign_in_quiet, SignInFailed)
    admin, clerk = APIClient(), APIClient()
    admin.force_authenticate(people["secadmin"])
    clerk.force_authenticate(people["clerk_b"])
    assert clerk.get("/api/v1/sign-in-locks").status_code == 403
    listing = admin.get("/api/v1/sign-in-locks").json()["results"]
    assert [(row["scope"], row["label"], row["user"]) for row in listing] == [
        ("account", "clerk_a", people["clerk_a"].pk)]
    row_id = listing[0]["id"]
    assert clerk.post(f"/api/v1/sign-in-locks/{row_id}/unlock").status_code == 403
    assert admin.post(f"/api/v1/sign-in-locks/{row_id}/unlock").status_code == 204
    assert admin.get("/api/v1/sign-in-locks").json()["results"] == []
    assert AuditEvent.objects.filter(action="auth.sign_in_unlock").count() == 1


def test_ipv6_addresses_count_per_64_network(people):
    for i in range(10):
        _try(f"invented{i}", "x", ip=f"2001:db8:1:2::{i + 1:x}")
    assert isinstance(_try("clerk_a", PASSWORD, ip="2001:db8:1:2:ffff::1"), SignInFailed)
    assert LoginThrottle.objects.get(scope="address").label == "2001:db8:1:2::/64"
    assert _try("clerk_a", PASSWORD, ip="2001:db8:1:3::1") == people["clerk_a"]
