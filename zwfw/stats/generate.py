"""Generated history (`zwfw demo`, `zwfw bench seed --cases N`): months of cases of a region's real
published items, by channel, with on-time and late mixes that differ by department, pauses and
extensions, open cases on running clocks (some overdue), and — for the demo — cards on the late
ones. Rows are written in bulk (PostgreSQL COPY, SQLite executemany) with ids reserved up front,
numbered "G…" and recorded in a `GeneratedBatch`; the rollups get the same facts the live path
would have added (facts.case_facts), merged in one pass.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Max

from zwfw.calendar.engine import CalendarNotCovered, add_working_days
from zwfw.calendar.limits import NATIONAL_THRESHOLDS, LimitUnit, Span, clock_schedule
from zwfw.calendar.selectors import calendar_for
from zwfw.core.audit import audit_record
from zwfw.core.clock import SHANGHAI

from .facts import CaseRow, case_facts
from .models import METRICS, CaseDayRollup, GeneratedBatch

BATCH = 20_000
OFFICE_OPEN, OFFICE_CLOSE = 9 * 60, 17 * 60


@dataclass
class Plan:
    region_code: str
    start: dt.date
    now: dt.datetime
    cases: int
    seed: int = 20260101
    label: str = "演示历史办件"
    cards: bool = True  # red cards on late cases (needs the supervision rules)
    open_only: bool = False  # every timed case still open (a sweep's workload)
    # PostgreSQL bulk load without the per-row foreign-key triggers (session_replication_role =
    # replica; needs a superuser): every id written was just read from its table. Benchmarks only.
    skip_fk_triggers: bool = False


@dataclass
class Result:
    cases: int = 0
    open: int = 0
    clocks: int = 0
    cards: int = 0
    rollup_rows: int = 0
    first_id: int = 0
    last_id: int = 0
    by_status: dict = field(default_factory=dict)


def _items(prefix: str) -> list[tuple]:
    from zwfw.catalog.models import ItemStatus, ServiceItem

    rows = (ServiceItem.objects.filter(region__code__startswith=prefix, status=ItemStatus.ACTIVE,
                                       current_version__isnull=False, department__isnull=False)
            .values_list("pk", "current_version_id", "current_version__name", "implementation_code",
                         "current_version__case_kind", "department_id", "region_id",
                         "current_version__promised_limit", "current_version__promised_limit_unit",
                         "current_version__statutory_limit", "current_version__statutory_limit_unit",
                         "current_version__max_visits", "current_version__extension_max")
            .order_by("pk"))
    return list(rows)


def _network(prefix: str):
    from zwfw.organizations.models import CenterKind, ServiceCenter, ServicePoint

    centers = list(ServiceCenter.objects.filter(region__code__startswith=prefix, is_active=True)
                   .values_list("pk", "kind", "region_id", "department_id"))
    halls = [c for c in centers if c[1] == CenterKind.HALL]
    branches = {c[3]: c[0] for c in centers if c[1] == CenterKind.BRANCH and c[3]}
    towns = {c[2]: c[0] for c in centers if c[1] == CenterKind.TOWN}
    points = list(ServicePoint.objects.filter(region__code__startswith=prefix, is_active=True,
                                              center__isnull=False).values_list("pk", "center_id", "region_id"))
    return halls, branches, towns, points


def _applicants(prefix: str, n: int = 40) -> list[int]:
    from zwfw.accounts.models import Applicant, ApplicantKind
    from zwfw.core.crypto import sm3_hex

    ids = list(Applicant.objects.filter(region__code__startswith=prefix).values_list("pk", flat=True)[:n])
    if ids:
        return ids
    from zwfw.organizations.models import Region

    region = Region.objects.get(pk=prefix.ljust(12, "0")) if Region.objects.filter(
        pk=prefix.ljust(12, "0")).exists() else None
    for i in range(n):
        applicant, _created = Applicant.objects.get_or_create(
            id_number_digest=sm3_hex(f"generated-applicant-{prefix}-{i}".encode()),
            defaults={"kind": ApplicantKind.PERSON, "name": f"演示申请人{i + 1:02d}", "region": region,
                      "created_at": dt.datetime(2020, 1, 1, tzinfo=SHANGHAI)})
        ids.append(applicant.pk)
    return ids


def _profile(dept_id: int, seed: int) -> dict:
    """How a department works, fixed per department: late, online, refusal and pause shares."""
    r = random.Random(seed * 7919 + dept_id)
    return {"late": r.uniform(0.01, 0.14), "online": r.uniform(0.15, 0.6), "proxy": r.uniform(0.02, 0.1),
            "reject": r.uniform(0.01, 0.05), "withdraw": 0.01, "deemed": 0.01, "pause": r.uniform(0.03, 0.12),
            "extend": r.uniform(0.0, 0.05), "speed": r.uniform(0.25, 0.9)}


def _at(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=SHANGHAI)


class Writer:
    """Bulk rows into one table: PostgreSQL COPY, else executemany; values already adapted."""

    def __init__(self, model, columns: list[str]):
        self.table = model._meta.db_table
        # Quoted: "limit" is a column of the clocks and a keyword of SQL.
        self.columns = [connection.ops.quote_name(c) for c in columns]
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks})",  # noqa: S608
                                   self.rows)
        self.written += len(self.rows)
        self.rows = []


def _constant_columns(model, dynamic: set[str]) -> dict[str, object]:
    """The other columns of `model` with their defaults, prepared for the database once."""
    out = {}
    for f in model._meta.concrete_fields:
        if f.primary_key or f.column in dynamic or f.attname in dynamic:
            continue
        default = f.get_default() if f.has_default() else (None if f.null else "")
        out[f.column] = f.get_db_prep_save(default, connection)
    return out


def _dt(value):
    # psycopg takes aware datetimes as they are; SQLite stores Django's UTC text form.
    if value is None or connection.vendor == "postgresql":
        return value
    return connection.ops.adapt_datetimefield_value(value)


def _date(value):
    if value is None or connection.vendor == "postgresql":
        return value
    return connection.ops.adapt_datefield_value(value)


CASE_DYNAMIC = ["id", "number", "query_code", "status", "revision", "item_id", "version_id", "item_name",
                "implementation_code", "case_kind", "applicant_id", "channel", "region_id", "department_id",
                "service_center_id", "service_point_id", "created_at", "updated_at", "received_at", "accepted_at",
                "deemed_accepted", "promised_by", "rejected_at", "rejection_reason", "concluded_at", "result_note",
                "withdrawn_at"]
CLOCK_DYNAMIC = ["id", "owner_type", "owner_id", "purpose", "region_id", "service_center_id", "department_id",
                 "started_at", "limit", "unit", "extension_days", "extension_max", "status", "due_date", "due_at",
                 "warn_at", "stopped_at", "calendar_version"]


def _next_id(model) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _reset_sequence(model) -> None:
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def history_generate(plan: Plan) -> Result:
    """Write `plan.cases` generated cases received between plan.start and plan.now's date."""
    from zwfw.calendar.models import ClockExtension, ClockPause, TimeLimitClock
    from zwfw.cases.models import Case

    items = _items(plan.region_code[:6] if plan.region_code.endswith("000000") else plan.region_code)
    if not items:
        raise ValueError("该区划没有已发布的事项，无法生成历史办件")
    prefix = plan.region_code.rstrip("0") or plan.region_code
    prefix = plan.region_code[:max(6, len(prefix))]
    halls, branches, towns, points = _network(prefix)
    applicants = _applicants(prefix)
    cal = calendar_for(plan.region_code)
    today = plan.now.astimezone(SHANGHAI).date()
    days = cal.workdays_in(plan.start, today)
    if not days:
        raise ValueError("所选期间没有工作日")
    rnd = random.Random(plan.seed)
    weights = [rnd.uniform(0.2, 3.0) for _ in items]
    profiles: dict[int, dict] = {}
    result = Result()

    case_consts = _constant_columns(Case, set(CASE_DYNAMIC))
    clock_consts = _constant_columns(TimeLimitClock, set(CLOCK_DYNAMIC))
    cases = Writer(Case, CASE_DYNAMIC + list(case_consts))
    clocks = Writer(TimeLimitClock, CLOCK_DYNAMIC + list(clock_consts))
    pauses = Writer(ClockPause, ["clock_id", "kind", "reason", "legal_basis", "started_at", "ended_at"])
    extensions = Writer(ClockExtension, ["clock_id", "days", "reason", "legal_basis", "approved_by_id", "approved_at"])
    case_tail = tuple(case_consts.values())
    clock_tail = tuple(clock_consts.values())
    totals: dict[tuple, dict[str, int]] = {}
    late_clocks: list[tuple[int, int, int, str, dt.datetime]] = []
    calendars = {plan.region_code: cal}

    def lookup(code: str):
        if code not in calendars:
            calendars[code] = calendar_for(code)
        return calendars[code]

    with transaction.atomic():
        if plan.skip_fk_triggers and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        case_id = _next_id(Case)
        clock_id = _next_id(TimeLimitClock)
        result.first_id = case_id
        picks = rnd.choices(range(len(items)), weights=weights, k=plan.cases)
        for n, pick in enumerate(picks):
            (item_id, version_id, name, code, kind, dept, region, p_limit, p_unit, s_limit, s_unit, visits,
             ext_max) = items[pick]
            prof = profiles.get(dept) or profiles.setdefault(dept, _profile(dept, plan.seed))
            day = days[rnd.randrange(len(days))]
            received = _at(day, rnd.randrange(OFFICE_OPEN, OFFICE_CLOSE))
            if received > plan.now:
                received = plan.now - dt.timedelta(minutes=rnd.randrange(1, 600))
            u = rnd.random()
            if u < prof["online"]:
                channel = "pc" if rnd.random() < 0.45 else "mobile"
            elif u < prof["online"] + prof["proxy"] and points:
                channel = "proxy_point"
            else:
                channel = "window" if rnd.random() < 0.95 else "kiosk"
            center = point = None
            if channel == "proxy_point":
                point, center, _r = points[rnd.randrange(len(points))]
            elif channel in ("window", "kiosk"):
                if region in towns:
                    center = towns[region]
                elif dept in branches and rnd.random() < 0.6:
                    center = branches[dept]
                elif halls:
                    center = halls[rnd.randrange(len(halls))][0]
            status, accepted, deemed, promised_by, rejected, concluded, withdrawn = (
                "received", None, False, None, None, None, None)
            reason = note = ""
            clock_row = None
            if kind == "immediate":
                status, accepted = "concluded", received
                concluded = received + dt.timedelta(minutes=rnd.randrange(5, 40))
                note = "当场办结"
            else:
                r = rnd.random()
                if r < prof["reject"]:
                    status, rejected, reason = "rejected", received + dt.timedelta(hours=2), "申请事项不属于本机关职权范围"
                elif r < prof["reject"] + prof["withdraw"]:
                    status, withdrawn = "withdrawn", received + dt.timedelta(hours=3)
                else:
                    deemed = rnd.random() < prof["deemed"]
                    lag = 0 if deemed or rnd.random() < 0.8 else rnd.randint(1, 2)
                    accepted = received if lag == 0 else _at(add_working_days(cal, day, lag), OFFICE_OPEN + 30)
                    limit = p_limit if p_limit is not None else s_limit
                    unit = p_unit if p_limit is not None else s_unit
                    if accepted > plan.now:
                        accepted = None
                    elif limit is None or unit not in (LimitUnit.WORKING_DAYS, LimitUnit.NATURAL_DAYS):
                        status = "accepted"
                    else:
                        status = "accepted"
                        try:
                            paused = rnd.random() < prof["pause"]
                            extension = min(ext_max or 10, 10) if rnd.random() < prof["extend"] else 0
                            pause_days = rnd.randint(2, 8) if paused else 0
                            start_day = accepted.astimezone(SHANGHAI).date()
                            span = [Span(add_working_days(cal, start_day, 1),
                                         add_working_days(cal, start_day, 1 + pause_days))] if paused else []
                            sched = clock_schedule(cal, started_at=accepted, limit=limit, unit=unit,
                                                   extension_days=extension, pauses=span, thresholds=NATIONAL_THRESHOLDS)
                            if p_limit is not None:
                                promised_by = sched.due_date
                            late = rnd.random() < prof["late"]
                            budget = limit + extension + pause_days
                            used = (rnd.randint(budget + 1, budget + max(2, budget // 2)) if late
                                    else max(0, min(budget, round(budget * rnd.uniform(prof["speed"] * 0.5, prof["speed"])))))
                            done_day = add_working_days(cal, start_day, used) if unit == LimitUnit.WORKING_DAYS else (
                                start_day + dt.timedelta(days=used))
                            done = _at(done_day, rnd.randrange(OFFICE_OPEN, OFFICE_CLOSE))
                            if done <= plan.now and not plan.open_only:
                                status, concluded, note = "concluded", done, "准予许可"
                            clock_row = (clock_id, sched, limit, unit, extension, ext_max or 10, span, late)
                            clock_id += 1
                        except CalendarNotCovered:
                            # A limit that ends in a year whose calendar is not loaded yet: the case
                            # stays accepted without a clock, as acceptance would have refused it.
                            clock_row = None
            row = CaseRow(status, channel, kind, received, accepted, deemed, rejected, concluded, promised_by,
                          region, dept, center or 0, p_limit, p_unit, s_limit, s_unit, visits)
            for key, counts in case_facts(row, lookup).items():
                bucket = totals.setdefault(key, {})
                for m, c in counts.items():
                    bucket[m] = bucket.get(m, 0) + c
            result.by_status[status] = result.by_status.get(status, 0) + 1
            last = concluded or rejected or withdrawn or accepted or received
            cases.add((case_id, f"G{region[:6]}{case_id:010d}", f"{rnd.randrange(10**6):06d}", status,
                       2 + (accepted is not None) + (concluded is not None), item_id, version_id, name, code or "",
                       kind, applicants[n % len(applicants)], channel, region, dept, center, point, _dt(received),
                       _dt(last), _dt(received), _dt(accepted), deemed, _date(promised_by), _dt(rejected), reason,
                       _dt(concluded), note, _dt(withdrawn), *case_tail))
            if clock_row is not None:
                cid, sched, limit, unit, extension, ext_cap, span, late = clock_row
                running = status == "accepted"
                clocks.add((cid, "cases.case", str(case_id), "promised" if p_limit is not None else "statutory",
                            region, center, dept, _dt(accepted), limit, unit, extension, ext_cap,
                            "running" if running else "stopped", _date(sched.due_date), _dt(sched.due_at),
                            _dt(sched.warn_at), None if running else _dt(concluded), str(cal.version or ""),
                            *clock_tail))
                result.clocks += 1
                result.open += running
                for s in span:
                    pauses.add((cid, "special_procedure", "现场勘验", "行政许可法第四十五条",
                                _dt(_at(s.start, OFFICE_OPEN)), _dt(_at(s.end, OFFICE_OPEN))))
                if extension:
                    extensions.add((cid, extension, "情况复杂，经本机关负责人批准延长", "行政许可法第四十二条", None,
                                    _dt(accepted + dt.timedelta(days=3))))
                if late and (not running or (sched.due_at and sched.due_at < plan.now)):
                    late_clocks.append((cid, dept, case_id, region, sched.due_at))
            case_id += 1
        for writer in (cases, clocks, pauses, extensions):
            writer.flush()
        _reset_sequence(Case)
        _reset_sequence(TimeLimitClock)
        result.cases, result.last_id = cases.written, case_id - 1
        if plan.cards:
            result.cards = _cards(late_clocks, plan)
        result.rollup_rows = rollup_merge(totals)
        GeneratedBatch.objects.create(label=plan.label, region_code=plan.region_code, seed=plan.seed,
                                      first_case_id=result.first_id, last_case_id=result.last_id,
                                      cases=result.cases, start=plan.start, end=today, created_at=plan.now)
        audit_record(actor=None, action="stats.history.generate", target=None, now=plan.now,
                     changes={"label": plan.label, "region": plan.region_code, "cases": result.cases,
                              "first_case_id": result.first_id, "last_case_id": result.last_id})
    return result


def _cards(late_clocks, plan: Plan) -> int:
    """A red card, issued, on each late clock (the card a sweep would have raised)."""
    from zwfw.supervision.models import Card, CardStatus, Level, SupervisionRule, Target
    from zwfw.supervision.services import rule_defaults_ensure

    rule_defaults_ensure(now=plan.now)
    rule = SupervisionRule.objects.filter(region__isnull=True, level=Level.RED,
                                          target__in=(Target.CASE_PROMISED, Target.CASE_STATUTORY)).order_by(
        "target", "-version").first()
    if rule is None:
        return 0
    rows = []
    for i, (cid, dept, case_id, region, due_at) in enumerate(late_clocks):
        raised = (due_at or plan.now) + dt.timedelta(hours=15)
        if raised > plan.now:
            raised = plan.now
        cancelled = i % 17 == 0
        rows.append(Card(clock_id=cid, level=Level.RED, rule=rule, rule_code=rule.code, rule_version=rule.version,
                         status=CardStatus.CANCELLED if cancelled else (
                             CardStatus.ESCALATED if i % 5 == 0 else CardStatus.ISSUED),
                         owner_type="cases.case", owner_id=str(case_id), region_id=region, department_id=dept,
                         summary=f"办件 G{region[:6]}{case_id:010d} 超过承诺办结时限", due_at=due_at, raised_at=raised,
                         issued_at=raised, feedback_due_at=raised + dt.timedelta(days=2),
                         closed_at=raised + dt.timedelta(days=1) if (cancelled or i % 5 == 0) else None,
                         close_reason="因系统时钟误差误报" if cancelled else ("" if i % 5 else "请部门负责人督促办理"),
                         reminders=i % 3))
    Card.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def rollup_merge(totals: dict[tuple, dict[str, int]]) -> int:
    """Add `totals` to the rollups: one upsert statement run for every key (executemany)."""
    table = CaseDayRollup._meta.db_table
    cols = ", ".join(("day", "region_code", "department_id", "center_id", *METRICS))
    marks = ", ".join(["%s"] * (4 + len(METRICS)))
    sets = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in METRICS)
    sql = (f"INSERT INTO {table} ({cols}) VALUES ({marks}) "  # noqa: S608 — fixed column names only
           f"ON CONFLICT (day, region_code, department_id, center_id) DO UPDATE SET {sets}")
    rows = [(_date(k[0]), k[1], k[2], k[3], *(c.get(m, 0) for m in METRICS)) for k, c in sorted(totals.items())]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One round trip per row is the cost on a server: COPY into a temporary table, then
            # one INSERT … SELECT … ON CONFLICT for all of them.
            metric_cols = ", ".join(f"{m} bigint" for m in METRICS)
            cursor.execute("CREATE TEMPORARY TABLE stats_merge (day date, region_code varchar(12), "
                           f"department_id bigint, center_id bigint, {metric_cols}) ON COMMIT DROP")
            with cursor.cursor.copy(f"COPY stats_merge ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM stats_merge "  # noqa: S608
                           f"ON CONFLICT (day, region_code, department_id, center_id) DO UPDATE SET {sets}")
            cursor.execute("DROP TABLE stats_merge")
        else:
            for i in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[i:i + BATCH])
    return len(rows)
