"""`zwfw ratings export`: one JSON line per rating with the GB/T 39046 table 9 elements."""

from __future__ import annotations

import json

from django.core.management import call_command

from zwfw.core.models import AuditEvent
from zwfw.ratings.services import rating_create_by_applicant, rating_create_by_link
from zwfw.ratings.tokens import case_token

from .conftest import at


def test_export_writes_table_9_elements(tmp_path, concluded, citizen, county):
    rating_create_by_applicant(actor=citizen, case_id=concluded.pk, level=5, comment="太慢", now=at(4, 9, minute=5))
    rating_create_by_link(token=case_token(concluded.pk, "sms"), level=2, now=at(5))
    out = tmp_path / "ratings.jsonl"
    call_command("ratings", "export", "--since", "2026-03-04", "--until", "2026-03-04", "--region", county.pk,
                 "--output", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert {k: row[k] for k in ("case_number", "channel", "rated_at", "sequence", "satisfaction",
                                "satisfaction_code", "text", "operation", "default")} == {
        "case_number": concluded.number, "channel": "PC端", "rated_at": "20260304T090500", "sequence": 1,
        "satisfaction": "非常不满意", "satisfaction_code": "5", "text": "太慢", "operation": "add", "default": False}
    assert row["rater"] != "张三" and row["rater"].startswith("张")
    assert AuditEvent.objects.get(action="rating.export").changes["rows"] == 1
    call_command("ratings", "export", "--output", str(out))
    assert [json.loads(line)["channel"] for line in out.read_text(encoding="utf-8").splitlines()] == ["PC端", "短信"]
