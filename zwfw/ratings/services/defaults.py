"""Periodic 好差评 work: the SMS invitation after conclusion, and the default rating where a
region turned it on (policy.py; counted apart, never a bad rating, never a work order)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from zwfw.cases.models import Case, CaseStatus
from zwfw.cases.models.case import ONLINE_CHANNELS
from zwfw.core import clock as core_clock
from zwfw.core.audit import audit_record
from zwfw.core.errors import DomainError
from zwfw.notifications.services import notify
from zwfw.organizations.models import Region

from ..models import Rating, RatingChannel, RatingInvitation, RatingPolicy
from ..policy import policy_for
from ..tokens import case_token
from .rating import _rate

INVITE_WITHIN = dt.timedelta(days=7)  # only cases concluded lately are invited (a new deployment sends no backlog)


def ratings_invite_due(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Send each concluded case's applicant one SMS with a signed rating link (channel 短信).
    Applicants without an account are not reachable through the notification service yet."""
    now = now or core_clock.now()
    invited = RatingInvitation.objects.filter(case=OuterRef("pk"))
    cases = (Case.objects.filter(status=CaseStatus.CONCLUDED, concluded_at__gte=now - INVITE_WITHIN,
                                 concluded_at__lte=now, applicant__user__isnull=False)
             .exclude(Exists(invited)).select_related("applicant__user").order_by("concluded_at", "pk")[:limit])
    sent = 0
    for case in cases:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    invitation = RatingInvitation.objects.create(case=case, sent_at=now)
            except IntegrityError:
                continue
            notify(recipient=case.applicant.user, template="ratings.invite", now=now,
                   context={"number": case.number or "", "item": case.item_name,
                            "link": f"/rate/{case_token(case.pk, 'sms')}/"})
            audit_record(actor=None, action="rating.invite", target=invitation, now=now, changes={"case": case.pk})
            sent += 1
    return sent


def ratings_default_due(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Record the default rating of concluded, unrated cases in regions that turned it on, once
    their policy's days have passed since conclusion."""
    now = now or core_clock.now()
    enabled = set(RatingPolicy.objects.filter(default_rating_enabled=True).values_list("region_id", flat=True))
    if not enabled:
        return 0
    subtree = Q()
    for region in Region.objects.filter(pk__in=enabled):
        subtree |= Q(region__code__startswith=region.prefix)
    rated = Rating.objects.filter(case=OuterRef("pk"))
    cases = (Case.objects.filter(subtree, status=CaseStatus.CONCLUDED, concluded_at__lte=now - dt.timedelta(days=1))
             .exclude(Exists(rated)).select_related("applicant").order_by("concluded_at", "pk")[:limit])
    made = 0
    for case in cases:
        policy = policy_for(case.region_id)
        if not policy.default_rating_enabled or case.concluded_at + dt.timedelta(days=policy.default_after_days) > now:
            continue
        channel = RatingChannel.MOBILE if case.channel == "mobile" else (
            RatingChannel.PC if case.channel in ONLINE_CHANNELS else RatingChannel.HALL_OTHER)
        try:
            _rate(case=case, channel=channel, level=policy.default_level, tags=(), comment="", actor=None,
                  rater_name=_("系统默认评价"), real_name=False, window=None, now=now, is_default=True)
        except DomainError:
            continue  # rated meanwhile
        made += 1
    return made
