"""Rating a case: once per channel (a database constraint), levels A.8, tags per channel set,
comment limits; bad input and wrong cases change nothing."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from zwfw.core.errors import Conflict, NotFound, StateError, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.ratings.models import Rating, RatingChannel, WorkOrder
from zwfw.ratings.services import rating_create_at_tablet, rating_create_by_applicant, rating_create_by_link
from zwfw.ratings.tokens import case_token, window_token

from .conftest import NOW, at, received_case


def _snapshot():
    return (Rating.objects.count(), WorkOrder.objects.count(),
            AuditEvent.objects.filter(action__startswith="rating.").count())


def test_applicant_rates_a_concluded_case_from_the_account(concluded, citizen):
    rating = rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=1, tags=["easy_online"],
                                        comment="办理很快", now=at(4))
    row = Rating.objects.get(pk=rating.pk)
    assert (row.channel, row.level, row.sequence, row.tags, row.comment, row.rater, row.real_name, row.stage) == (
        RatingChannel.PC, 1, 1, ["easy_online"], "办理很快", citizen, True, "concluded")
    assert row.department_id == concluded.department_id and row.rated_at == at(4)
    assert AuditEvent.objects.get(action="rating.create").changes["level"] == 1
    assert not WorkOrder.objects.exists()


def test_an_accepted_case_can_be_rated_for_the_acceptance_experience(accepted, citizen):
    rating = rating_create_by_applicant(actor=citizen, case_id=accepted.pk, level=2, now=at(4))
    assert rating.stage == "accepted"


def test_one_rating_per_case_per_channel_and_the_sequence_counts(concluded, citizen):
    rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=2, now=at(4))
    before = _snapshot()
    with pytest.raises(Conflict) as exc:
        rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=5, now=at(4, 11))
    assert exc.value.code == "rating_exists" and "每个渠道只能评价一次" in exc.value.message
    assert _snapshot() == before
    second = rating_create_by_link(token=case_token(concluded.pk, "sms"), level=3, now=at(4, 12))
    assert (second.channel, second.sequence) == (RatingChannel.SMS, 2)
    third = rating_create_by_link(token=case_token(concluded.pk, "qr"), level=3, now=at(4, 13))
    assert (third.channel, third.sequence) == (RatingChannel.QR, 3)


def test_the_database_refuses_a_second_rating_on_the_same_channel(concluded, citizen):
    first = rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=2, now=at(4))
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(case=concluded, channel=RatingChannel.PC, sequence=9, level=1, rated_at=at(5),
                              stage="concluded", region_id=first.region_id, department_id=first.department_id)


def test_a_case_not_yet_accepted_cannot_be_rated(citizen, immediate_item):
    case = received_case(citizen, immediate_item, NOW)
    before = _snapshot()
    with pytest.raises(StateError) as exc:
        rating_create_by_applicant(actor=citizen, case_id=case.pk, level=1, now=at(4))
    assert exc.value.code == "case_not_rateable" and exc.value.message == "该办件尚未受理或办结，暂不能评价"
    assert _snapshot() == before


def test_someone_elses_case_is_not_found(concluded, other_citizen):
    before = _snapshot()
    with pytest.raises(NotFound) as exc:
        rating_create_by_applicant(actor=other_citizen, case_id=concluded.pk, level=5, now=at(4))
    assert exc.value.code == "case_not_found"
    assert _snapshot() == before


@pytest.fixture
def other_citizen(db):
    from zwfw.accounts.services.applicants import citizen_account_create

    from .conftest import NOW as _now
    return citizen_account_create(id_number="110105194912310046", name="李四", password="Zwfw-test-2026!", now=_now)


@pytest.mark.parametrize("comment,code", [
    ("差" * 10_000, "rating_comment_too_long"),
    ("服务很差<script>alert(1)</script>", "rating_comment_html"),
    ("<b>态度差</b>", "rating_comment_html"),
    ("态度差&lt;", "rating_comment_html"),
])
def test_a_bad_comment_is_refused_and_nothing_is_saved(concluded, citizen, comment, code):
    before = _snapshot()
    with pytest.raises(ValidationFailed) as exc:
        rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=5, comment=comment, now=at(4))
    assert exc.value.code == code and exc.value.field_errors["comment"]
    assert "评价内容" in exc.value.field_errors["comment"][0]
    assert _snapshot() == before


def test_a_comment_of_500_characters_and_plain_angle_words_are_accepted(concluded, citizen):
    rating = rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=3, comment="好" * 500, now=at(4))
    assert len(rating.comment) == 500


@pytest.mark.parametrize("level,tags,code", [(0, [], "rating_level_invalid"), (6, [], "rating_level_invalid"),
                                             ("x", [], "rating_level_invalid"),
                                             (2, ["friendly_staff"], "rating_tags_invalid"),
                                             (2, ["nonsense"], "rating_tags_invalid")])
def test_levels_follow_a8_and_tags_the_channel_set(concluded, citizen, level, tags, code):
    before = _snapshot()
    with pytest.raises(ValidationFailed) as exc:
        rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=level, tags=tags, now=at(4))
    assert exc.value.code == code
    assert _snapshot() == before


def test_a_forged_or_tampered_link_is_refused(concluded):
    token = case_token(concluded.pk, "sms")
    for bad in (token[:-2] + "xx", case_token(concluded.pk + 1000, "sms") + "0", "12345678901", str(concluded.pk)):
        with pytest.raises(NotFound):
            rating_create_by_link(token=bad, level=1, now=at(4))
    assert not Rating.objects.exists()


def test_the_hall_tablet_rates_the_window_and_the_clerk(concluded, window, clerk):
    rating = rating_create_at_tablet(window_token=window_token(window.pk),
                                     case_token=f"https://zwfw.example/rate/{case_token(concluded.pk, 'qr')}/",
                                     level=2, tags=["friendly_staff"], now=at(3, 11))
    assert (rating.channel, rating.window, rating.staff, rating.tags) == (
        RatingChannel.HALL_TABLET, window, clerk, ["friendly_staff"])
    with pytest.raises(NotFound) as exc:
        rating_create_at_tablet(window_token="forged-binding-123", case_token=case_token(concluded.pk, "qr"),
                                level=2, now=at(3, 11))
    assert exc.value.code == "tablet_binding_invalid"
    # The SMS token is not the receipt's: the tablet takes only the QR code's.
    with pytest.raises(NotFound):
        rating_create_at_tablet(window_token=window_token(window.pk), case_token=case_token(concluded.pk, "sms"),
                                level=2, now=at(3, 11))
