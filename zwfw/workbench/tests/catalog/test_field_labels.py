"""Issue 12 point 10: review comments and review records name every guide element by its Chinese
label, never by its field name (promised_limit …)."""

import re

import pytest
from django.test import Client

from zwfw.catalog.services import item_review_return, item_submit_for_review
from zwfw.catalog.snapshots import COMMENTABLE_FIELDS
from zwfw.portal.tests.guides import LATER, build_guides
from zwfw.portal.tests.network import build_network
from zwfw.workbench.catalog.labels import field_label

pytestmark = pytest.mark.django_db


def test_returned_version_shows_labels_for_every_commented_element():
    guides = build_guides(build_network())
    item_submit_for_review(actor=guides.editor, version=guides.household_draft, now=LATER)
    comments = {name: f"请修改{name}" for name in sorted(COMMENTABLE_FIELDS)}
    item_review_return(actor=guides.reviewer, version=guides.household_draft, field_comments=comments, now=LATER)
    client = Client()
    client.force_login(guides.editor)
    body = client.get(f"/workbench/catalog/versions/{guides.household_draft.pk}/").content.decode()
    records = body.split('id="version-decisions"', 1)[1]
    assert f"<strong>{field_label('promised_limit')}</strong>：请修改promised_limit" in records
    shown_keys = re.findall(r"<li><(?:code|strong)>([^<]+)</(?:code|strong)>：", records)
    assert len(shown_keys) == len(COMMENTABLE_FIELDS)
    assert [k for k in shown_keys if re.fullmatch(r"[a-z_]+", k)] == []
