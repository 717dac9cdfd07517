"""The kill test (issue 8): 1,000 submissions over HTTP with retries while the server process is
killed by its PID several times; afterwards 0 lost, 0 duplicated, every number unique.

Each submission carries its own Idempotency-Key and is retried with the same key and body until
it gets its answer; the server (gunicorn, its own process group) is SIGKILLed mid-stream and
restarted. A request cut off before commit left nothing; one that committed replays.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
import urllib3
from django.db import connection

from bench._serve import Served, database_url
from zwfw.accounts.tokens import api_token_issue
from zwfw.cases.models import Case
from zwfw.core.models import IdempotencyRecord
from zwfw.files.tests import samples

from .conftest import FORM

pytestmark = pytest.mark.django_db(transaction=True)

SUBMISSIONS = 1000
CLIENTS = 6
KILL_AFTER = (120, 330, 560, 800)  # completed submissions at which the server is killed


def _body(item_id: int, n: int) -> tuple[bytes, str]:
    form = {**FORM, "申请人姓名": "张三", "联系电话": "13800001234", "经营场所": f"广安区金安大道{n}号", "经营范围": "日用百货零售",
            "从业人数": 3, "申请日期": "2026-11-29"}
    return urllib3.encode_multipart_formdata({
        "item": str(item_id), "channel": "pc", "submit": "true",
        "form_data": json.dumps(form, ensure_ascii=False),
        "material_1": ("申请书.pdf", samples.PDF, "application/pdf"),
    })


def test_no_submission_is_lost_or_duplicated_when_the_server_is_killed(catalog_flushable, citizen, item, hall,
                                                                       tmp_path):
    _token, key = api_token_issue(user=citizen, name="kill test")
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url(connection.settings_dict),
           "ZWFW_PRIVATE_FILES_ROOT": str(tmp_path / "private"),
           "ZWFW_AUDIT_CHECKPOINT": f"file://{tmp_path / 'checkpoints.jsonl'}"}
    server = Served(env=env, workers=2, log=tmp_path / "gunicorn.log").start()
    http = urllib3.PoolManager(maxsize=CLIENTS, retries=False, timeout=urllib3.Timeout(connect=2, read=60))
    answers: dict[str, dict] = {}
    lock = threading.Lock()
    kills = {"done": 0}
    next_n = iter(range(SUBMISSIONS))

    def client() -> None:
        while True:
            with lock:
                n = next(next_n, None)
            if n is None:
                return
            idem = f"kill-{n:05d}"
            body, content_type = _body(item.pk, n)
            while True:
                try:
                    res = http.request("POST", f"{server.url}/api/v1/cases", body=body, headers={
                        "Content-Type": content_type, "Authorization": f"Bearer {key}", "Idempotency-Key": idem})
                except (urllib3.exceptions.HTTPError, OSError):
                    time.sleep(0.2)
                    continue
                if res.status == 201:
                    break
                assert res.status >= 500 or res.status == 409 and b"case_changed" in res.data, (res.status, res.data)
                time.sleep(0.2)
            with lock:
                answers[idem] = json.loads(res.data)

    def killer() -> None:
        for threshold in KILL_AFTER:
            while len(answers) < threshold:
                time.sleep(0.05)
            server.kill()
            kills["done"] += 1
            time.sleep(0.5)
            server.start()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    chaos = threading.Thread(target=killer)
    try:
        for t in (*threads, chaos):
            t.start()
        for t in (*threads, chaos):
            t.join(timeout=1800)
    finally:
        server.stop()
    assert kills["done"] == len(KILL_AFTER)
    assert len(answers) == SUBMISSIONS
    numbers = [a["number"] for a in answers.values()]
    assert len(set(numbers)) == SUBMISSIONS, "every receipt's number is unique"
    cases = Case.objects.filter(applicant=citizen.applicant)
    assert cases.count() == SUBMISSIONS, "0 lost and 0 duplicated"
    assert set(cases.values_list("number", flat=True)) == set(numbers)
    assert {a["id"] for a in answers.values()} == set(cases.values_list("pk", flat=True))
    assert IdempotencyRecord.objects.filter(user_id_value=citizen.pk).count() == SUBMISSIONS
