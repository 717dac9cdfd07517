import datetime as dt

import pytest
from django.db import transaction

from zwfw.core.errors import Conflict, PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.numbering.formats import number_render, pattern_check
from zwfw.numbering.models import NumberFormat, NumberSequence
from zwfw.numbering.services import number_format_save, number_next

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 11, 29)
GUANG_AN = "511602000000"


def next_number(kind="case", scope=GUANG_AN, on=ON, **values):
    with transaction.atomic():
        return number_next(kind=kind, scope=scope, on=on, values=values)


def test_case_numbers_are_18_characters_region_date_sequence():
    first, second = next_number(), next_number()
    assert (first.text, second.text) == ("511602261129000001", "511602261129000002")
    assert len(first.text) == 18


def test_document_numbers_carry_the_issuer_and_the_year():
    NumberSequence.objects.create(kind="notice.accept", scope=GUANG_AN, period="2026", last_value=122)
    assert next_number("notice.accept", 机关="广安区政务").text == "广安区政务〔2026〕受字第000123号"


def test_sequences_are_separate_per_region_kind_and_year():
    next_number()
    assert next_number(scope="511621000000").text == "511621261129000001"
    assert next_number("notice.reject", 机关="广安区政务").text == "广安区政务〔2026〕不受字第000001号"
    assert next_number(on=dt.date(2027, 1, 4)).text == "511602270104000001"
    assert next_number().text == "511602261129000002"


def test_a_rolled_back_transaction_gives_its_number_back():
    next_number()
    with pytest.raises(RuntimeError, match="undo"), transaction.atomic():
        assert number_next(kind="case", scope=GUANG_AN, on=ON).seq == 2
        raise RuntimeError("undo")
    assert next_number().seq == 2


@pytest.mark.django_db(transaction=True)
def test_numbers_are_only_given_inside_the_transaction_that_uses_them():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        number_next(kind="case", scope=GUANG_AN, on=ON)
    assert NumberSequence.objects.count() == 0


def test_an_exhausted_sequence_is_refused_not_lengthened():
    NumberSequence.objects.create(kind="case", scope=GUANG_AN, period="2026", last_value=999_999)
    with pytest.raises(Conflict) as error:
        next_number()
    assert error.value.code == "number_exhausted"
    assert NumberSequence.objects.get().last_value == 999_999


def test_a_missing_issuer_is_refused():
    with pytest.raises(ValidationFailed) as error:
        next_number("notice.accept")
    assert error.value.code == "number_value_missing"
    assert NumberSequence.objects.count() == 0


@pytest.mark.parametrize("pattern", ["{区划6}{seq6}{seq6}", "{区划6}{yymmdd}", "{区划6}{seq6}{user.password}",
                                     "{区划6}{seq6", "{seq6}{__class__}"])
def test_bad_patterns_are_refused(pattern):
    with pytest.raises(ValidationFailed) as error:
        pattern_check(pattern)
    assert error.value.code == "number_pattern_invalid"


def test_render_tokens():
    text = number_render("{区划12}-{yyyy}{mm}{dd}-{yy}-{seq}-{seq3}", scope=GUANG_AN, on=ON, seq=7, values={})
    assert text == "511602000000-20261129-26-7-007"


def test_an_administrator_changes_a_format_with_an_audit_event(django_user_model):
    from zwfw.accounts.models import RoleGrant

    admin = django_user_model.objects.create(username="sysadmin1")
    RoleGrant.objects.create(user=admin, role="system_admin", granted_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    clerk = django_user_model.objects.create(username="clerk1")
    with pytest.raises(PermissionDenied):
        number_format_save(actor=clerk, kind="case", label="办件编号", pattern="{区划6}{yyyymmdd}{seq6}")
    assert NumberFormat.objects.count() == 0 and AuditEvent.objects.count() == 0
    number_format_save(actor=admin, kind="case", label="办件编号", pattern="{区划6}{yyyymmdd}{seq6}")
    assert next_number().text == "51160220261129000001"
    event = AuditEvent.objects.get()
    assert event.action == "numbering.format.save" and event.changes["after"]["pattern"] == "{区划6}{yyyymmdd}{seq6}"
