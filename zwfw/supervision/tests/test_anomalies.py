"""Anomalies: each pattern flags the case that shows it and not a normal one; thresholds are
data (a region's version, a department's own norm); scoped to the supervisor's region; the
number of queries does not grow with the number of cases."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zwfw.calendar.limits import LimitUnit
from zwfw.calendar.models import PauseKind, TimeLimitClock
from zwfw.calendar.services.clock import clock_extend, clock_pause, clock_resume, clock_start, clock_stop
from zwfw.cases.models import Case, CaseStatus
from zwfw.core.errors import PermissionDenied, ValidationFailed
from zwfw.core.models import AuditEvent
from zwfw.documents.models import OfficialDocument
from zwfw.files.models import StoredFile
from zwfw.supervision.models import AnomalyKind as K
from zwfw.supervision.selectors import anomalies_for
from zwfw.supervision.services import anomaly_threshold_set

from .conftest import accepted_case, at, received_case

NOW = at(31)


def _flags(viewer, now=NOW):
    return {row.case.pk: set(row.reasons) for row in anomalies_for(viewer, now=now)}


def _promised(case):
    return TimeLimitClock.objects.get(owner_type="cases.case", owner_id=str(case.pk), purpose="promised")


def _pause(clerk, clock, start, end):
    clock_pause(actor=clerk, clock=clock, kind=PauseKind.SUPPLEMENT, reason="补正", legal_basis="行政许可法第三十二条",
                now=start)
    if end is not None:
        clock_resume(actor=clerk, clock=clock, now=end)


def test_each_pattern_flags_its_case_and_a_normal_case_is_not_flagged(citizen, item, clerk, head, supervisor,
                                                                     approval_dept, county):
    normal = accepted_case(citizen, item, clerk)
    often = accepted_case(citizen, item, clerk)
    _pause(clerk, _promised(often), at(4), at(5))
    _pause(clerk, _promised(often), at(6), at(9))
    long = accepted_case(citizen, item, clerk)
    _pause(clerk, _promised(long), at(4), None)  # open since 4 March: 27 days on the 31st
    extended = accepted_case(citizen, item, clerk)
    clock_extend(actor=head, clock=_promised(extended), days=6, reason="需现场核查", now=at(9))
    late = accepted_case(citizen, item, clerk, now=at(4))
    late_received = received_case(citizen, item, now=at(4))
    from zwfw.cases.services.acceptance import case_accept

    case_accept(actor=clerk, case=late_received, now=at(12))  # the 5 working days ended on 11 March
    deemed = accepted_case(citizen, item, clerk)
    Case.objects.filter(pk=deemed.pk).update(deemed_accepted=True)
    # Conclusion belongs to the case processing helpers; here the concluded state is set directly.
    undocumented = accepted_case(citizen, item, clerk)
    documented = accepted_case(citizen, item, clerk)
    Case.objects.filter(pk__in=[undocumented.pk, documented.pk]).update(status=CaseStatus.CONCLUDED,
                                                                        concluded_at=at(10))
    OfficialDocument.objects.create(
        owner_type="cases.case", owner_id=str(documented.pk), kind="decision", title="准予行政许可决定书",
        number="决定-1", issuer_name="审批局", region_code=county.code, issued_on=at(10).date(),
        stored_file=StoredFile.objects.first(), sha256="0" * 64, verify_token="t" * 43, created_at=at(10))
    last_day = accepted_case(citizen, item, clerk)
    for n, (start, stop) in enumerate([(at(3, 11), at(5, 15)), (at(5, 16), at(6, 15))], start=1):
        step = clock_start(actor=clerk, owner_type="cases.case", owner_id=str(last_day.pk), purpose=f"step:{n}:1",
                           limit=2 if n == 1 else 1, unit=LimitUnit.WORKING_DAYS, region=county,
                           department=approval_dept, now=start)
        clock_stop(actor=clerk, clock=step, now=stop)
    early = clock_start(actor=clerk, owner_type="cases.case", owner_id=str(normal.pk), purpose="step:1:1", limit=3,
                        unit=LimitUnit.WORKING_DAYS, region=county, department=approval_dept, now=at(3, 11))
    clock_stop(actor=clerk, clock=early, now=at(4, 10))

    flags = _flags(supervisor)
    assert normal.pk not in flags and late.pk not in flags and documented.pk not in flags
    assert flags[often.pk] == {K.PAUSED_OFTEN}
    assert K.PAUSED_LONG not in flags.get(long.pk, set())  # 27 < 30 days
    assert _flags(supervisor, now=at(5, month=4))[long.pk] == {K.PAUSED_LONG}
    assert flags[extended.pk] == {K.EXTENDED}
    assert flags[late_received.pk] == {K.ACCEPTED_LATE}
    assert flags[deemed.pk] == {K.ACCEPTED_LATE}
    assert flags[undocumented.pk] == {K.NO_DECISION_DOCUMENT}
    assert flags[last_day.pk] == {K.STEPS_LAST_DAY}


def test_thresholds_are_data_per_region_and_department(citizen, item, clerk, head, supervisor, approval_dept,
                                                      other_dept, neighbour_supervisor):
    extended = accepted_case(citizen, item, clerk)
    clock_extend(actor=head, clock=_promised(extended), days=6, reason="需现场核查", now=at(9))
    assert K.EXTENDED in _flags(supervisor)[extended.pk]
    # This department's norm is longer: 10 days.
    row = anomaly_threshold_set(actor=supervisor, region=supervisor.region, kind=K.EXTENDED, value=10,
                                department=approval_dept, now=at(20))
    assert (row.version, row.department) == (1, approval_dept)
    assert extended.pk not in _flags(supervisor)
    assert AuditEvent.objects.get(action="anomaly_threshold.set").changes["value"] == 10
    # The region's norm for other departments stays; a stricter region value does not override the department's.
    anomaly_threshold_set(actor=supervisor, region=supervisor.region, kind=K.EXTENDED, value=1, now=at(21))
    assert extended.pk not in _flags(supervisor)
    with pytest.raises(ValidationFailed):
        anomaly_threshold_set(actor=supervisor, region=supervisor.region, kind=K.EXTENDED, value=99, now=at(21))
    with pytest.raises(ValidationFailed):
        anomaly_threshold_set(actor=supervisor, region=supervisor.region, kind="odd", value=1, now=at(21))
    with pytest.raises(PermissionDenied):
        anomaly_threshold_set(actor=clerk, region=supervisor.region, kind=K.EXTENDED, value=1, now=at(21))


def test_scoped_to_the_supervisors_region(citizen, item, clerk, supervisor, neighbour_supervisor):
    case = accepted_case(citizen, item, clerk)
    Case.objects.filter(pk=case.pk).update(deemed_accepted=True)
    assert case.pk in _flags(supervisor)
    assert _flags(neighbour_supervisor) == {}
    with pytest.raises(PermissionDenied):
        anomalies_for(clerk, now=NOW)


def test_queries_do_not_grow_with_the_cases(citizen, item, clerk, supervisor):
    accepted_case(citizen, item, clerk)
    anomalies_for(supervisor, now=NOW)  # the first call stores the default rules
    with CaptureQueriesContext(connection) as few:
        anomalies_for(supervisor, now=NOW)
    for _ in range(4):
        accepted_case(citizen, item, clerk)
    with CaptureQueriesContext(connection) as more:
        anomalies_for(supervisor, now=NOW)
    assert len(more) == len(few) <= 12, [q["sql"][:120] for q in more.captured_queries]
