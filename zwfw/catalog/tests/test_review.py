import pytest

from zwfw.accounts.models import Role
from zwfw.catalog.models import ReviewChain, ReviewChainStep, ReviewDecision
from zwfw.catalog.selectors import version_diff, version_get
from zwfw.catalog.services import (
    item_publish,
    item_review_approve,
    item_review_return,
    item_submit_for_review,
    item_version_create,
    item_version_update,
)
from zwfw.core.audit import audit_verify
from zwfw.core.errors import PermissionDenied, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.organizations.models import Department

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(county):
    """审管局 → 编办 → 司法局, as data."""
    chain = ReviewChain.objects.create(region=county, name="广安区事项审核链")
    people = []
    for i, (code, name) in enumerate([("sgj", "区审管局"), ("bb", "区委编办"), ("sfj", "区司法局")]):
        dept = Department.objects.create(region=county, code=code, name=name)
        ReviewChainStep.objects.create(chain=chain, position=i, label=name, department=dept)
        people.append(make_user(f"rev_{code}", Role.CATALOG_REVIEWER, department=dept))
    return people


def test_acceptance_flow_return_fix_resubmit_chain_publish(draft, editor, reviewer, chain, now):
    sgj, bb, sfj = chain
    item_submit_for_review(actor=editor, version=draft, now=now)
    draft = item_review_approve(actor=sgj, version=draft, now=now)
    assert (draft.status, draft.review_step) == ("reviewed", 1)
    draft = item_review_return(actor=bb, version=draft, comment="请核实时限",
                       field_comments={"promised_limit": "承诺时限应短于5个工作日", "materials": "补充身份证明"},
                       now=now)
    assert (draft.status, draft.review_step) == ("returned", 0)
    decision = ReviewDecision.objects.get(outcome="return")
    assert decision.field_comments == {"promised_limit": "承诺时限应短于5个工作日", "materials": "补充身份证明"}
    assert decision.step_label == "区委编办"

    item_version_update(actor=editor, version=draft, fields={"promised_limit": 3}, now=now)
    item_submit_for_review(actor=editor, version=draft, now=now)
    for person in (sgj, bb, sfj):
        draft = item_review_approve(actor=person, version=draft, now=now)
    assert draft.status == "approved"
    item_publish(actor=reviewer, version=draft, now=now)
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.item.current_version_id == draft.pk

    assert list(AuditEvent.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True)) == [
        "catalog.item.draft_create", "catalog.version.submit", "catalog.version.approve",
        "catalog.version.return", "catalog.version.update", "catalog.version.submit",
        "catalog.version.approve", "catalog.version.approve", "catalog.version.approve",
        "catalog.version.publish",
    ]
    assert audit_verify() == []


def test_wrong_step_reviewer_and_own_version_are_refused(draft, editor, chain, now):
    sgj, bb, _sfj = chain
    item_submit_for_review(actor=editor, version=draft, now=now)
    with pytest.raises(PermissionDenied):
        item_review_approve(actor=bb, version=draft, now=now)  # step 0 belongs to 审管局
    with pytest.raises(PermissionDenied):
        item_review_approve(actor=editor, version=draft, now=now)
    draft.refresh_from_db()
    assert (draft.status, draft.review_step) == ("submitted", 0)
    assert ReviewDecision.objects.count() == 0


def test_drafter_who_is_also_reviewer_cannot_approve_own_version(draft, editor, reviewer, now):
    from zwfw.accounts.models import RoleGrant

    RoleGrant.objects.create(user=editor, role=Role.CATALOG_REVIEWER, granted_at=now)
    editor.region = draft.item.region
    editor.save()
    editor = type(editor).objects.get(pk=editor.pk)
    item_submit_for_review(actor=editor, version=draft, now=now)
    with pytest.raises(PermissionDenied) as exc:
        item_review_approve(actor=editor, version=draft, now=now)
    assert exc.value.code == "own_version"


@pytest.mark.parametrize("action", ["approve", "return", "publish"])
def test_transitions_not_in_the_table_are_refused(draft, reviewer, action, now):
    with pytest.raises(StateError):
        if action == "approve":
            item_review_approve(actor=reviewer, version=draft, now=now)
        elif action == "return":
            item_review_return(actor=reviewer, version=draft, comment="x", now=now)
        else:
            item_publish(actor=reviewer, version=draft, now=now)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not AuditEvent.objects.filter(action__in=["catalog.version.approve", "catalog.version.publish"]).exists()


def test_return_needs_a_comment_on_known_fields(draft, editor, reviewer, now):
    item_submit_for_review(actor=editor, version=draft, now=now)
    with pytest.raises(ValidationFailed):
        item_review_return(actor=reviewer, version=draft, now=now)
    with pytest.raises(ValidationFailed) as exc:
        item_review_return(actor=reviewer, version=draft, field_comments={"colour": "?"}, now=now)
    assert exc.value.field_errors == {"field_comments": ["未知的事项要素：colour"]}
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_editor_cannot_publish(draft, editor, reviewer, now):
    item_submit_for_review(actor=editor, version=draft, now=now)
    item_review_approve(actor=reviewer, version=draft, now=now)
    with pytest.raises(PermissionDenied):
        item_publish(actor=editor, version=draft, now=now)
    draft.refresh_from_db()
    assert draft.status == "approved"


def test_old_version_stays_readable_and_diff_shows_fields(published, editor, reviewer, now):
    v2 = item_version_create(actor=editor, item=published.item, now=now)
    item_version_update(actor=editor, version=v2, fields={"promised_limit": 2},
                        materials=[{"name": "申请书（2026版）", "original_count": 1}], now=now)
    item_submit_for_review(actor=editor, version=v2, now=now)
    item_review_approve(actor=reviewer, version=v2, now=now)
    item_publish(actor=reviewer, version=v2, now=now)
    published.item.refresh_from_db()
    assert published.item.current_version_id == v2.pk
    old = version_get(viewer=None, version_id=published.pk)
    assert (old.status, old.promised_limit) == ("published", 5)
    changes = {c["field"]: (c["old"], c["new"]) for c in version_diff(viewer=None, old_id=published.pk,
                                                                       new_id=v2.pk)}
    assert changes["promised_limit"] == (5, 2)
    assert changes["materials[0].name"] == ("申请书", "申请书（2026版）")
    assert changes["materials[0].legal_basis"] == ("《行政许可法》第二十九条", "")
    assert changes["materials[1]"][1] is None
    assert "name" not in changes


def test_a_chain_shortened_during_review_ends_at_its_last_step(draft, editor, chain, now):
    sgj, bb, sfj = chain
    item_submit_for_review(actor=editor, version=draft, now=now)
    draft = item_review_approve(actor=sgj, version=draft, now=now)
    draft = item_review_approve(actor=bb, version=draft, now=now)
    assert draft.review_step == 2
    ReviewChainStep.objects.filter(position__gte=1).delete()  # the region drops 编办 and 司法局
    draft = item_review_approve(actor=make_user("rev_sgj2", Role.CATALOG_REVIEWER,
                                                department=sgj.department), version=draft, now=now)
    assert draft.status == "approved"
