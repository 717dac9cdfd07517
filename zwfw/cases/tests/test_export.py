"""The upward feed (`zwfw cases export`, GB/T 39046—2020 tables 5–8): one case field by field, the
watermark, `--since last`, and the index the selection reads."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from zwfw.cases.export.feed import cases_changed, cases_export, export_watermark_last
from zwfw.cases.models import Case, CaseExportBatch
from zwfw.cases.services.acceptance import case_accept, case_reject
from zwfw.cases.services.drafting import case_submit
from zwfw.core.models import AuditEvent
from zwfw.files.tests import samples
from zwfw.jobs.testing import outbox_drain

from .conftest import ID_NUMBER, NOW
from .test_acceptance import online_case

pytestmark = pytest.mark.django_db


def _export(since, now):
    out = io.StringIO()
    batch = cases_export(out=out, since=since, now=now)
    return batch, [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture
def accepted(citizen, item, clerk, empty_queue):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    case_accept(actor=clerk, case=case, note="材料齐全", now=NOW + dt.timedelta(hours=1))
    outbox_drain(now=NOW + dt.timedelta(hours=2))
    return Case.objects.get(pk=case.pk)


def test_one_accepted_case_field_by_field(accepted):
    batch, rows = _export(None, NOW + dt.timedelta(days=1))
    assert len(rows) == 1
    row = rows[0]
    pdf_sha256 = hashlib.sha256(samples.PDF).hexdigest()
    number = accepted.number
    assert number == "511602260303000001"
    code, name = "1151130168236467954000104002000", "固定资产投资项目节能审查"
    assert row == {
        "批次号": str(batch.pk), "操作": "I", "办件编号": number, "更新时间": "20260303T120000",
        "申请": {
            "办件编号": number, "实施编码": code, "事项名称": name,
            "办件类型": "2", "办件类型名称": "承诺件",  # A.6
            "申请人名称": "张三", "申请人证件类型": "111", "申请人证件类型名称": "居民身份证",
            "申请人证件号码": ID_NUMBER, "联系人/代理人姓名": "张三", "联系人手机号码": "13800001234",
            "邮政编码": "", "通讯地址": "", "法定代表人": "",
            "申报来源": "2", "申报来源名称": "电脑端网办",  # A.5: applied on the PC portal
            "申请时间": "20260303T100000", "投资项目编号": "", "行政区划": "511602000000",
            "材料": [
                {"材料名称": "申请书", "是否收取": "1", "收取方式": "电子件", "收取数量": "1",
                 "收取时间": "20260303T100000", "附件": [{"文件名": "申请书.pdf", "SHA256": pdf_sha256}]},
                {"材料名称": "营业执照", "是否收取": "1", "收取方式": "共享获取（免提交）", "收取数量": "1",
                 "收取时间": "", "附件": []},
            ],
        },
        "受理": {
            "办件编号": number, "实施编码": code, "事项名称": name,
            "受理单位": "区行政审批局", "受理单位统一社会信用代码": "115113016823646795",
            "受理人员": "clerk_a01", "受理时间": "20260303T110000",
            # Linked after commit by the outbox, and still in the feed: the notice bumps updated_at.
            "受理文书编号": "区行政审批局〔2026〕受字第000001号",
            # Five working days after Tuesday 3 March 2026 (the test item's promised limit).
            "承诺办结时间": "20260310T235959", "办件类型": "2", "行政区划": "511602000000",
        },
        "办理": [
            {"业务动作": "其他", "环节名称": "提交申请", "办理人": "张三", "办理意见": "",
             "环节开始时间": "20260303T100000", "环节结束时间": "20260303T100000", "办理单位": "区行政审批局",
             "环节状态": "2"},
            {"业务动作": "通过", "环节名称": "受理", "办理人": "clerk_a01", "办理意见": "材料齐全",
             "环节开始时间": "20260303T110000", "环节结束时间": "20260303T110000", "办理单位": "区行政审批局",
             "环节状态": "2"},
        ],
        "办结": None,
    }
    assert batch.exported == 1 and batch.until == NOW + dt.timedelta(days=1)
    assert AuditEvent.objects.filter(action="cases.export", object_id=str(batch.pk)).count() == 1


def test_a_rejected_case_has_its_conclusion_and_no_acceptance(citizen, item, clerk, empty_queue):
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    case_reject(actor=clerk, case=case, reasons="申请事项依法不需要取得行政许可", now=NOW + dt.timedelta(hours=1))
    _batch, rows = _export(None, NOW + dt.timedelta(days=1))
    (row,) = rows
    assert row["受理"] is None
    assert [(h["业务动作"], h["环节名称"]) for h in row["办理"]] == [("其他", "提交申请"), ("退回", "不予受理")]
    assert row["办结"] == {
        "办结人员": "clerk_a01", "办结时间": "20260303T110000", "办结结果类型": "not_accepted",
        "办结结果类型名称": "不予受理", "办理结果描述": "申请事项依法不需要取得行政许可",
        "结果证照名称": "", "结果证照编号": "", "证照有效期": "", "发证机关": "", "是否快递寄送结果": "",
        "是否收费": "",
    }


def test_the_watermark_exports_only_what_changed_since(citizen, item, clerk, settings, empty_queue):
    settings.ZWFW_CASE_EXPORT_OVERLAP_SECONDS = 0
    first = online_case(citizen, item)
    case_submit(actor=citizen, case=first, now=NOW)
    second = online_case(citizen, item)
    case_submit(actor=citizen, case=second, now=NOW + dt.timedelta(minutes=10))
    batch, rows = _export(None, NOW + dt.timedelta(hours=1))
    assert [r["办件编号"] for r in rows] == [Case.objects.get(pk=first.pk).number, Case.objects.get(pk=second.pk).number]
    assert export_watermark_last() == NOW + dt.timedelta(hours=1)
    # Nothing changed: an empty batch. Then one case is accepted: it alone goes again, as a change.
    _b, rows = _export(export_watermark_last(), NOW + dt.timedelta(hours=2))
    assert rows == []
    case_accept(actor=clerk, case=second, now=NOW + dt.timedelta(hours=3))
    _b, rows = _export(export_watermark_last(), NOW + dt.timedelta(hours=4))
    assert [(r["办件编号"], r["操作"]) for r in rows] == [(Case.objects.get(pk=second.pk).number, "U")]
    # Its acceptance notice is issued after commit: the number it brings is a change of its own.
    outbox_drain(now=NOW + dt.timedelta(hours=5))
    _b, rows = _export(export_watermark_last(), NOW + dt.timedelta(hours=6))
    assert [r["受理"]["受理文书编号"] for r in rows] == ["区行政审批局〔2026〕受字第000001号"]
    # The overlap re-reads a settling margin before the watermark (receivers upsert by 办件编号).
    settings.ZWFW_CASE_EXPORT_OVERLAP_SECONDS = 2 * 3600
    _b, rows = _export(export_watermark_last(), NOW + dt.timedelta(hours=7))
    assert len(rows) == 1
    assert CaseExportBatch.objects.count() == 5


def test_the_command_continues_from_the_last_watermark(citizen, item, tmp_path, settings):
    settings.ZWFW_CASE_EXPORT_OVERLAP_SECONDS = 0
    with pytest.raises(CommandError):
        call_command("cases", "export", "--since", "last")
    case = online_case(citizen, item)
    case_submit(actor=citizen, case=case, now=NOW)
    target = tmp_path / "feed.jsonl"
    call_command("cases", "export", "--since", "all", "--output", str(target), "--now", "2026-03-03T12:00:00+08:00")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["办件编号"] for x in lines] == [Case.objects.get(pk=case.pk).number]
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    out = io.StringIO()
    call_command("cases", "export", "--since", "last", "--now", "2026-03-03T13:00:00+08:00", stdout=out)
    assert out.getvalue() == ""
    with pytest.raises(CommandError):
        call_command("cases", "export", "--since", "2026-03-03T10:00:00")  # no offset


def test_the_selection_reads_the_updated_at_index():
    """No full scan: SQLite's plan for the feed's query goes through case_updated_idx (the tiny test
    tables would let PostgreSQL's planner prefer a scan, so the plan is checked on SQLite)."""
    if connection.vendor != "sqlite":
        pytest.skip("the plan is checked on SQLite")
    plan = cases_changed(since=NOW, until=NOW + dt.timedelta(days=1)).explain()
    assert "case_updated_idx" in plan, plan


def test_a_batch_costs_the_same_queries_for_one_case_as_for_three(citizen, item, clerk, settings):
    """The tables are read with the cases (select_related / prefetch), not per case."""
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    settings.ZWFW_CASE_EXPORT_OVERLAP_SECONDS = 0
    counts = []
    for n, start in ((1, NOW), (3, NOW + dt.timedelta(days=1))):
        for i in range(n):
            case = online_case(citizen, item)
            case_submit(actor=citizen, case=case, now=start + dt.timedelta(minutes=i))
            case_accept(actor=clerk, case=case, now=start + dt.timedelta(minutes=i, seconds=30))
        with CaptureQueriesContext(conn) as queries:
            _batch, rows = _export(start - dt.timedelta(seconds=1), start + dt.timedelta(hours=1))
        assert len(rows) == n
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
