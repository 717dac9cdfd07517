"""A citizen's own account on the portal: sign-up with a mobile number confirmed by an SMS code,
and resetting a forgotten password by ID number + a code sent to the registered mobile.

Both go through `citizen_account_create` / the identity seam (docs/adr/0007): the code proves
the person holds the mobile number; it is not a real-name check, which stays the provincial
identity provider's job."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import ValidationFailed
from zwfw.core.masking import mask_id_number, mask_phone

from ..models import AccountKind, Applicant, ApplicantKind, LoginThrottle, User, VerificationPurpose
from ..validation import id_number_validate, mobile_validate
from ._common import collect, id_number_digest, password_errors, raise_if
from .applicants import _name, citizen_account_create, citizen_username
from .sign_in import throttle_key
from .verification import verification_code_check, verification_code_consume, verification_code_issue


def _required_mobile(phone: str) -> str:
    number = mobile_validate(phone)
    if not number:
        raise ValidationFailed.on("phone", _("请填写手机号码。"), code="phone_required")
    return number


def sign_up_code_send(*, phone: str, ip: str = "", now: dt.datetime | None = None) -> None:
    """Send a sign-up code to `phone` (rate-limited per number)."""
    now = now or clock.now()
    number = _required_mobile(phone)
    with transaction.atomic():
        verification_code_issue(purpose=VerificationPurpose.SIGN_UP, subject=number, phone=number, ip=ip, now=now)
        audit_record(actor=None, action="verification.code_sent", ip=ip, now=now, object_type="accounts.user",
                     object_id="", object_repr=mask_phone(number),
                     changes={"purpose": VerificationPurpose.SIGN_UP, "phone": mask_phone(number)})


def citizen_sign_up(
    *, name: str, id_number: str, phone: str, code: str, password: str, ip: str = "",
    now: dt.datetime | None = None,
) -> User:
    """Open a citizen account (姓名, 身份证号码 GB 11643, mobile confirmed by the SMS code, password
    under the policy). Every field problem is reported at once before the code is tried; a wrong
    code counts an attempt; the code is used up only when the account is created."""
    now = now or clock.now()
    errors: dict[str, list[str]] = {}
    name = _name(errors, name, 60)
    number = collect(errors, id_number_validate, id_number)
    mobile = collect(errors, _required_mobile, phone)
    probe = User(username=citizen_username(number or ""), full_name=name, kind=AccountKind.CITIZEN)
    if messages := password_errors(password, probe):
        errors["password"] = messages
    if not "".join(str(code or "").split()):
        errors["code"] = [_("请填写短信验证码。")]
    raise_if(errors)
    code_id = verification_code_check(purpose=VerificationPurpose.SIGN_UP, subject=mobile, code=code, now=now)
    with transaction.atomic():
        verification_code_consume(code_id=code_id, now=now)
        user = citizen_account_create(id_number=number, name=name, password=password, phone=mobile, now=now)
        audit_record(actor=user, action="citizen.sign_up", target=user, ip=ip, now=now, changes={
            "id_number": mask_id_number(number), "phone": mask_phone(mobile), "phone_verified": True})
    return user


RESET_SENT = "如该身份证号码已开通账号，验证码已发送至登记的手机号码。"


def password_reset_code_send(*, id_number: str, ip: str = "", now: dt.datetime | None = None) -> None:
    """Send a reset code to the mobile registered with this ID number. Whether or not an account
    exists, the answer and the rate limit are the same (a code row without a phone is kept)."""
    now = now or clock.now()
    number = id_number_validate(id_number)
    applicant = (Applicant.objects.select_related("user")
                 .filter(kind=ApplicantKind.PERSON, id_number_digest=id_number_digest(number),
                         user__kind=AccountKind.CITIZEN, user__is_active=True).first())
    phone = ""
    if applicant is not None:
        sealed = applicant.user.phone or applicant.phone
        phone = sealed.reveal() if sealed else ""
    with transaction.atomic():
        verification_code_issue(purpose=VerificationPurpose.PASSWORD_RESET, subject=number, phone=phone, ip=ip, now=now)
        audit_record(actor=None, action="verification.code_sent", ip=ip, now=now, object_type="accounts.user",
                     object_id="", object_repr=mask_id_number(number),
                     changes={"purpose": VerificationPurpose.PASSWORD_RESET, "id_number": mask_id_number(number)})


def citizen_password_reset(
    *, id_number: str, code: str, password: str, ip: str = "", now: dt.datetime | None = None,
) -> None:
    """Set a new password after the reset code is confirmed; lifts a sign-in lockout of the account.
    An unknown ID number fails exactly like a wrong code."""
    now = now or clock.now()
    errors: dict[str, list[str]] = {}
    number = collect(errors, id_number_validate, id_number)
    if not "".join(str(code or "").split()):
        errors["code"] = [_("请填写短信验证码。")]
    raise_if(errors)
    user = (User.objects.filter(kind=AccountKind.CITIZEN, is_active=True, applicant__id_number_digest=id_number_digest(
        number)).first())
    if messages := password_errors(password, user or User(kind=AccountKind.CITIZEN)):
        raise ValidationFailed(messages[0], field_errors={"password": messages})
    code_id = verification_code_check(purpose=VerificationPurpose.PASSWORD_RESET, subject=number, code=code, now=now)
    with transaction.atomic():
        verification_code_consume(code_id=code_id, now=now)
        if user is None:  # unreachable: codes of unknown numbers were never sent and never match
            raise ValidationFailed.on("code", _("验证码错误或已失效，请重新获取。"), code="sms_code_invalid")
        user.set_password(password)
        user.password_changed_at = now
        user.save(update_fields=["password", "password_changed_at"])
        LoginThrottle.objects.filter(username_digest=throttle_key("citizen", number)).delete()
        audit_record(actor=user, action="citizen.password_reset", target=user, ip=ip, now=now,
                     changes={"by": "sms_code"})
