"""The SMS invitation after conclusion, and the region-configurable default rating (off by
default; counted apart, never a work order)."""

from __future__ import annotations

from zwfw.notifications.models import Notification
from zwfw.ratings.models import Rating, RatingInvitation, WorkOrder
from zwfw.ratings.services import (
    rating_create_by_link,
    rating_policy_set,
    ratings_default_due,
    ratings_invite_due,
)

from .conftest import at


def test_one_invitation_by_sms_with_a_working_link(concluded, citizen):
    assert ratings_invite_due(now=at(3, 12)) == 1
    assert ratings_invite_due(now=at(3, 13)) == 0
    note = Notification.objects.get(recipient=citizen, template="ratings.invite")
    link = note.context["link"]
    assert link.startswith("/rate/") and RatingInvitation.objects.filter(case=concluded).count() == 1
    rating = rating_create_by_link(token=link, level=1, now=at(3, 14))
    assert rating.channel == "sms" and rating.case_id == concluded.pk


def test_no_default_rating_unless_the_region_turns_it_on(concluded, county, supervisor):
    assert ratings_default_due(now=at(20)) == 0
    rating_policy_set(actor=supervisor, region=county, default_rating_enabled=True, default_after_days=7,
                      default_level=3, callback_working_days=1, rectification_working_days=5,
                      source="广东省做法：7 个自然日未评价默认基本满意", now=at(3, 9))
    assert ratings_default_due(now=at(10, 9)) == 0  # 7 natural days after 3 March 10:00 not yet passed
    assert ratings_default_due(now=at(10, 11)) == 1
    assert ratings_default_due(now=at(11)) == 0
    rating = Rating.objects.get(case=concluded)
    assert (rating.is_default, rating.real_name, rating.level, rating.rater_id) == (True, False, 3, None)
    assert not WorkOrder.objects.exists()
