"""Applicants (申请人): natural persons and enterprises, and citizens' own accounts."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zwfw.core import clock
from zwfw.core.audit import audit_record
from zwfw.core.crypto import digest
from zwfw.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from zwfw.core.fields import Sealed
from zwfw.core.masking import mask_id_number, mask_phone

from ..models import AccountKind, Applicant, ApplicantKind, User
from ..roles import APPLICANT_LOOKUP_ROLES, REVEAL_ROLES
from ..scope import Scope
from ..validation import credit_code_validate, id_number_validate, mobile_validate, phone_validate
from ._common import collect, id_number_digest, password_errors, phone_digest, raise_if, require_staff

DUPLICATE_PERSON = gettext_noop("该身份证号码已登记为申请人，请直接查询使用。")
DUPLICATE_ENTERPRISE = gettext_noop("该统一社会信用代码已登记为申请人，请直接查询使用。")


def jurisdiction_region(user: User):
    """The region a staff member serves: their own, their department's, or their proxy point's."""
    return Scope.for_viewer(user).region


def _require_registrar(actor: User) -> None:
    # Front-desk staff register applicants who come in person or through a village agent.
    require_staff(actor)
    if not actor.has_role(*APPLICANT_LOOKUP_ROLES):
        raise PermissionDenied(_("您无权登记申请人。"))


def _name(errors: dict, name: str, max_length: int = 120) -> str:
    name = (name or "").strip()
    if not name:
        errors.setdefault("name", []).append(_("请填写姓名或名称。"))
    elif len(name) > max_length:
        errors.setdefault("name", []).append(_("名称不能超过%(n)d个字。") % {"n": max_length})
    return name


def _person_create(*, actor, name, number, phone, address, region, user, now) -> Applicant:
    """Insert a validated person applicant and its audit event (caller holds the transaction)."""
    applicant = Applicant(
        kind=ApplicantKind.PERSON, name=name, id_number=Sealed.of(number, kind="id_number"),
        id_number_digest=id_number_digest(number), phone=Sealed.of(phone, kind="phone") if phone else None,
        phone_digest=phone_digest(phone), address=address, region=region, user=user, created_at=now,
    )
    try:
        with transaction.atomic():
            applicant.save(force_insert=True)
    except IntegrityError:
        raise Conflict(_(DUPLICATE_PERSON), code="applicant_duplicate",
                       field_errors={"id_number": [_(DUPLICATE_PERSON)]}) from None
    audit_record(actor=actor or user, action="applicant.register", target=applicant, now=now, changes={
        "kind": applicant.kind, "name": name, "id_number": mask_id_number(number), "phone": mask_phone(phone),
        "region": applicant.region_id, "user": applicant.user_id,
    })
    return applicant


def applicant_register_person(
    *, actor: User, name: str, id_number: str, phone: str = "", address: str = "", region=None,
    user: User | None = None, now: dt.datetime | None = None,
) -> Applicant:
    """Register a natural person (resident ID number, GB 11643) at a window or proxy point."""
    now = now or clock.now()
    _require_registrar(actor)
    errors: dict[str, list[str]] = {}
    name = _name(errors, name, 60)
    number = collect(errors, id_number_validate, id_number)
    phone = collect(errors, phone_validate, phone) or ""
    raise_if(errors)
    with transaction.atomic():
        return _person_create(actor=actor, name=name, number=number, phone=phone, address=(address or "").strip(),
                              region=region or jurisdiction_region(actor), user=user, now=now)


def applicant_register_enterprise(
    *, actor: User, name: str, credit_code: str, legal_representative: str = "", phone: str = "",
    address: str = "", region=None, user: User | None = None, now: dt.datetime | None = None,
) -> Applicant:
    """Register a legal person or other organisation (unified social credit code, GB 32100)."""
    now = now or clock.now()
    _require_registrar(actor)
    errors: dict[str, list[str]] = {}
    name = _name(errors, name)
    code = collect(errors, credit_code_validate, credit_code)
    phone = collect(errors, phone_validate, phone) or ""
    raise_if(errors)
    applicant = Applicant(
        kind=ApplicantKind.ENTERPRISE, name=name, credit_code=code,
        legal_representative=(legal_representative or "").strip()[:60],
        phone=Sealed.of(phone, kind="phone") if phone else None, phone_digest=phone_digest(phone),
        address=(address or "").strip(), region=region or jurisdiction_region(actor), user=user, created_at=now,
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                applicant.save(force_insert=True)
        except IntegrityError:
            raise Conflict(_(DUPLICATE_ENTERPRISE), code="applicant_duplicate",
                           field_errors={"credit_code": [_(DUPLICATE_ENTERPRISE)]}) from None
        audit_record(actor=actor, action="applicant.register", target=applicant, now=now, changes={
            "kind": applicant.kind, "name": name, "credit_code": code, "phone": mask_phone(phone),
            "region": applicant.region_id,
        })
    return applicant


def citizen_username(number: str) -> str:
    """Account name of a citizen: derived from the keyed digest, so no ID number is stored in clear."""
    return "c_" + digest(number, purpose="citizen_username")[:32]


def citizen_user_create(*, number: str, name: str, now: dt.datetime) -> User:
    """Insert the User row of a citizen (caller holds the transaction and sets the password)."""
    user = User(username=citizen_username(number), full_name=name, kind=AccountKind.CITIZEN, date_joined=now)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save(force_insert=True)
    except IntegrityError:
        raise Conflict(_("该身份证号码已开通账号，请直接登录。"), code="citizen_account_exists",
                       field_errors={"id_number": [_("该身份证号码已开通账号，请直接登录。")]}) from None
    return user


def citizen_account_create(
    *, id_number: str, name: str, password: str, phone: str = "", now: dt.datetime | None = None,
) -> User:
    """A citizen opens a local account (ID number + password) for the LocalPasswordProvider.

    Links to an applicant already registered at a window when the name matches.
    """
    now = now or clock.now()
    errors: dict[str, list[str]] = {}
    name = _name(errors, name, 60)
    number = collect(errors, id_number_validate, id_number)
    phone = collect(errors, mobile_validate, phone) or ""
    probe = User(username=citizen_username(number or ""), full_name=name, kind=AccountKind.CITIZEN)
    if messages := password_errors(password, probe):
        errors["password"] = messages
    raise_if(errors)
    with transaction.atomic():
        existing = Applicant.objects.select_for_update().filter(id_number_digest=id_number_digest(number)).first()
        if existing is not None and (existing.user_id or existing.name != name):
            message = _("该身份证号码已开通账号，请直接登录。") if existing.user_id else _("姓名与已登记的信息不一致。")
            raise Conflict(message, code="citizen_account_exists", field_errors={"id_number": [message]})
        user = citizen_user_create(number=number, name=name, now=now)
        user.set_password(password)
        user.password_changed_at = now
        if phone:  # the account's own number: notify() sends its SMS there
            user.phone, user.phone_digest = Sealed.of(phone, kind="phone"), phone_digest(phone)
        user.save(update_fields=["password", "password_changed_at", "phone", "phone_digest"])
        if existing is None:
            _person_create(actor=user, name=name, number=number, phone=phone, address="", region=None,
                           user=user, now=now)
        else:
            Applicant.objects.filter(pk=existing.pk).update(user=user)
        audit_record(actor=user, action="citizen_account.create", target=user, now=now,
                     changes={"id_number": mask_id_number(number)})
    return user


def applicant_reveal_id_number(*, viewer: User, applicant: Applicant, now: dt.datetime | None = None) -> str:
    """The clear ID number for a role whose work needs it, audited as "applicant.reveal"
    (GB/T 35273-2020 6.3: access to personal sensitive information is minimal and recorded)."""
    from ..selectors import applicants_visible_to

    now = now or clock.now()
    require_staff(viewer)
    if not viewer.has_role(*REVEAL_ROLES):
        raise PermissionDenied(_("您的角色无权查看完整身份证号码。"))
    if not applicants_visible_to(viewer).filter(pk=applicant.pk).exists():
        raise NotFound()
    if applicant.kind != ApplicantKind.PERSON or not applicant.id_number:
        raise ValidationFailed(_("该申请人为法人，没有身份证号码。"), code="no_id_number")
    with transaction.atomic():
        audit_record(actor=viewer, action="applicant.reveal", target=applicant, now=now,
                     changes={"field": "id_number", "value": str(applicant.id_number)})
    return applicant.id_number.reveal()
