"""Sign-in: lockout, one answer for every failure, audit of every attempt, the citizen seam."""

import datetime as dt
from unittest import mock

import pytest

from zwfw.accounts.errors import SIGN_IN_FAILED_MESSAGE, SignInFailed
from zwfw.accounts.identity import IdentityProvider, LocalPasswordProvider, VerifiedIdentity
from zwfw.accounts.models import Applicant, LoginThrottle, User
from zwfw.accounts.services import citizen_account_create, citizen_sign_in, staff_sign_in
from zwfw.core.models import AuditEvent

from .conftest import NOW, PASSWORD, VALID_ID, VALID_ID_2


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.ZWFW_LOGIN_MAX_FAILURES = 3
    settings.ZWFW_LOGIN_FAILURE_WINDOW_MINUTES = 15
    settings.ZWFW_LOGIN_LOCK_MINUTES = 30


def _attempt(username, password, now):
    try:
        return staff_sign_in(username=username, password=password, ip="10.0.0.1", now=now)
    except SignInFailed as exc:
        return exc


def test_right_password_signs_in_and_is_audited(people):
    user = staff_sign_in(username=" Clerk_A ", password=PASSWORD, ip="10.0.0.1", now=NOW)
    assert user == people["clerk_a"]
    event = AuditEvent.objects.get(action="auth.sign_in_succeeded")
    assert (event.actor_id, event.ip_address, event.changes) == (user.pk, "10.0.0.1", {"channel": "staff"})
    user.refresh_from_db()
    assert user.last_login == NOW


def test_lockout_after_n_failures_refuses_even_the_right_password(people):
    for i in range(3):
        failure = _attempt("clerk_a", "wrong", NOW + dt.timedelta(minutes=i))
        assert isinstance(failure, SignInFailed)
    locked = _attempt("clerk_a", PASSWORD, NOW + dt.timedelta(minutes=5))
    assert isinstance(locked, SignInFailed)
    assert (locked.status, locked.code, locked.message) == (401, "sign_in_failed", SIGN_IN_FAILED_MESSAGE)
    reasons = list(AuditEvent.objects.filter(action="auth.sign_in_failed").values_list("changes__reason", flat=True))
    assert reasons == ["bad_password", "bad_password", "bad_password", "locked"]
    assert not AuditEvent.objects.filter(action="auth.sign_in_succeeded").exists()


def test_unknown_account_gets_identical_answer_and_is_locked_too(people):
    known = _attempt("clerk_a", "wrong", NOW)
    unknown = _attempt("nobody_here", "wrong", NOW)
    assert known.as_dict() == unknown.as_dict()
    assert known.status == unknown.status
    for _ in range(2):
        _attempt("nobody_here", "wrong", NOW)
    row = LoginThrottle.objects.filter(scope="account").order_by("-failures").first()
    assert row.failures == 3 and row.locked_until == NOW + dt.timedelta(minutes=30)
    assert "nobody" not in row.username_digest


def test_unknown_account_still_hashes_a_password(people):
    with mock.patch("zwfw.accounts.identity.User.set_password") as hashing:
        _attempt("nobody_here", "whatever", NOW)
    hashing.assert_called_once_with("whatever")


def test_unlock_after_the_lock_period(people):
    for _ in range(3):
        _attempt("clerk_a", "wrong", NOW)
    assert isinstance(_attempt("clerk_a", PASSWORD, NOW + dt.timedelta(minutes=29)), SignInFailed)
    assert _attempt("clerk_a", PASSWORD, NOW + dt.timedelta(minutes=31)) == people["clerk_a"]
    assert not LoginThrottle.objects.filter(scope="account").exists()  # success clears the count


def test_failures_outside_the_window_do_not_add_up(people):
    _attempt("clerk_a", "wrong", NOW)
    _attempt("clerk_a", "wrong", NOW + dt.timedelta(minutes=1))
    _attempt("clerk_a", "wrong", NOW + dt.timedelta(minutes=20))  # window restarted: count is 1
    assert _attempt("clerk_a", PASSWORD, NOW + dt.timedelta(minutes=21)) == people["clerk_a"]


def test_inactive_account_gets_the_same_answer(people):
    User.objects.filter(pk=people["clerk_a"].pk).update(is_active=False)
    failure = _attempt("clerk_a", PASSWORD, NOW)
    assert failure.message == SIGN_IN_FAILED_MESSAGE
    assert AuditEvent.objects.get(action="auth.sign_in_failed").changes["reason"] == "inactive"


def test_citizens_cannot_use_staff_sign_in(db):
    citizen_account_create(id_number=VALID_ID, name="张三", password=PASSWORD, now=NOW)
    citizen = User.objects.get(kind="citizen")
    assert isinstance(_attempt(citizen.username, PASSWORD, NOW), SignInFailed)


def test_failed_attempt_with_an_id_number_as_name_is_masked_in_audit(db):
    _attempt(VALID_ID, "wrong", NOW)
    event = AuditEvent.objects.get(action="auth.sign_in_failed")
    assert VALID_ID.lower() not in str(event.changes).lower()
    assert event.changes["account"] == "110105********002x"


def test_citizen_local_sign_in_with_lockout(db):
    user = citizen_account_create(id_number=VALID_ID, name="张三", password=PASSWORD, now=NOW)
    assert citizen_sign_in(credentials={"id_number": VALID_ID.lower(), "password": PASSWORD}, now=NOW) == user
    for _ in range(3):
        with pytest.raises(SignInFailed):
            citizen_sign_in(credentials={"id_number": VALID_ID, "password": "bad"}, now=NOW)
    with pytest.raises(SignInFailed) as info:
        citizen_sign_in(credentials={"id_number": VALID_ID, "password": PASSWORD}, now=NOW)
    assert info.value.message == SIGN_IN_FAILED_MESSAGE
    with pytest.raises(SignInFailed):  # unknown and malformed ID numbers: same answer
        citizen_sign_in(credentials={"id_number": "123", "password": PASSWORD}, now=NOW)


class ProvincialStub:
    """Stands in for a provincial unified identity service: vouches for one person."""

    def account_key(self, credentials):
        return credentials["ticket"]

    def authenticate(self, credentials):
        if credentials["ticket"] == "good":
            return VerifiedIdentity(id_number=VALID_ID_2, name="刘六", phone="13900001111", level="L3")
        return None


def test_external_provider_creates_citizen_on_first_sign_in(db):
    assert isinstance(LocalPasswordProvider(), IdentityProvider)
    assert isinstance(ProvincialStub(), IdentityProvider)
    user = citizen_sign_in(credentials={"ticket": "good"}, provider=ProvincialStub(), now=NOW)
    applicant = Applicant.objects.get(user=user)
    assert (user.kind, applicant.name, applicant.id_number.reveal()) == ("citizen", "刘六", VALID_ID_2)
    again = citizen_sign_in(credentials={"ticket": "good"}, provider=ProvincialStub(), now=NOW)
    assert again == user and Applicant.objects.count() == 1
    with pytest.raises(SignInFailed):
        citizen_sign_in(credentials={"ticket": "forged"}, provider=ProvincialStub(), now=NOW)
    assert "13900001111" not in repr(VerifiedIdentity(id_number=VALID_ID_2, name="x", phone="13900001111"))


@pytest.mark.parametrize("typed", [
    "a" + VALID_ID,          # glued to a letter: mask_text's word boundaries do not see it
    VALID_ID + "x",
    "+8613812345678",        # country code
    "138 1234 5678",         # grouped
    "138-1234-5678",
])
def test_failed_attempt_never_puts_a_number_in_clear_into_the_audit(db, typed):
    _attempt(typed, "wrong", NOW)
    event = AuditEvent.objects.get(action="auth.sign_in_failed")
    stored = "".join(ch for ch in f"{event.object_repr} {event.changes}" if ch.isdigit())
    assert "13812345678" not in stored
    assert VALID_ID[:17] not in stored
    assert "5678" in stored or "002" in stored  # still recognisable for the auditor (last digits kept)
