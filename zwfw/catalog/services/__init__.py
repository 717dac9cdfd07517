"""Writes of the catalog. Every service runs in one transaction with its audit event."""

from .changes import item_cancel, item_delegate, item_take_over, zero_report_file
from .drafting import item_draft_create, item_version_create, item_version_update
from .review import item_publish, item_review_approve, item_review_return, item_submit_for_review

__all__ = [
    "item_cancel", "item_delegate", "item_draft_create", "item_publish", "item_review_approve",
    "item_review_return", "item_submit_for_review", "item_take_over", "item_version_create",
    "item_version_update", "zero_report_file",
]
