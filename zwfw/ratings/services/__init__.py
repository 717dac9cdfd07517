"""Writes of 好差评 (ratings, work orders, call-backs, appeals, moderation, policy)."""

from .appeal import rating_appeal_decide, rating_appeal_file
from .defaults import ratings_default_due, ratings_invite_due
from .rating import (
    case_rateable,
    rating_create_at_tablet,
    rating_create_by_applicant,
    rating_create_by_link,
)
from .review import rating_comment_moderate, rating_policy_set
from .work_order import (
    work_order_callback,
    work_order_close,
    work_order_open,
    work_order_send_back,
    work_order_submit,
)

__all__ = [
    "case_rateable", "rating_appeal_decide", "rating_appeal_file", "rating_comment_moderate",
    "rating_create_at_tablet", "rating_create_by_applicant", "rating_create_by_link", "rating_policy_set",
    "ratings_default_due", "ratings_invite_due", "work_order_callback", "work_order_close", "work_order_open",
    "work_order_send_back", "work_order_submit",
]
