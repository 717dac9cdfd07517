"""CPU cost of one `zwfw bench submit` request, in one process, without HTTP or other clients.

`python -m bench._submit_profile N [--profile FILE]` with DATABASE_URL naming a scratch database
(it is migrated and filled like bench/_submit_fixture.py). Runs N submissions through the whole
Django stack the served instance runs — every middleware, Bearer-token authentication, multipart
parsing of the bench's form and two small PDFs, the view, the service, the response — and prints
CPU ms per submission (`time.process_time`: this process only, not the database server), wall
ms, and the SQL statements of the last submission. With --profile it writes a cProfile dump
timed in CPU seconds (waits on the database do not count). On a shared machine CPU per operation
is the figure that survives other sessions' load; wall time does not.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(argv: list[str]) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("ZWFW_DEBUG", "0")
    from bench._submit_fixture import prepare

    fixture = prepare()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.submit import FORM, PDF

    n = int(argv[0]) if argv else 100
    client = Client(HTTP_AUTHORIZATION=f"Bearer {fixture['token']}")

    def submit(i: int):
        from django.core.files.uploadedfile import SimpleUploadedFile

        body = {"item": str(fixture["item"]), "channel": "pc", "submit": "true",
                "form_data": json.dumps(FORM, ensure_ascii=False),
                "material_1": SimpleUploadedFile("申请书.pdf", PDF, content_type="application/pdf"),
                "material_2": SimpleUploadedFile("身份证.pdf", PDF, content_type="application/pdf")}
        res = client.post("/api/v1/cases", body, HTTP_IDEMPOTENCY_KEY=f"profile-{os.getpid()}-{i:06d}")
        assert res.status_code == 201, res.content[:300]

    for i in range(5):  # warm-up: imports, caches, prepared statements
        submit(-1 - i)
    profile = None
    if "--profile" in argv:
        import cProfile

        profile = cProfile.Profile(time.perf_counter if "--wall" in argv else time.process_time)
        profile.enable()
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(n):
        submit(i)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if profile is not None:
        profile.disable()
        profile.dump_stats(argv[argv.index("--profile") + 1])
    with CaptureQueriesContext(connection) as queries:
        submit(n)
    figures = {"submissions": n, "cpu_ms": round(1000 * cpu / n, 2), "wall_ms": round(1000 * wall / n, 2),
               "statements": len(queries), "load_average": os.getloadavg()[0]}
    if "--sql" in argv:
        for q in queries.captured_queries:
            print(q["sql"][:200])
    print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main(sys.argv[1:])
