"""The README's run command (scripts/start.sh) serves the demo with debugging off: a missing page
is the Chinese 404 page, never Django's debug page, and static files and the icon still load."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
DEBUG_MARKS = ("Traceback", "Django tried these URL patterns", "DEBUG = True", "URLconf", "Request Method")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url(tmp_path) -> str:
    """The test database for the server process: a copy on SQLite (the test one lives in memory),
    the test database itself on PostgreSQL."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "start.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(copy)])
        return f"sqlite:///{copy}"
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own local server
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_start_script_uses_the_local_settings_without_debug():
    script = (ROOT / "scripts" / "start.sh").read_text(encoding="utf-8")
    assert "config.settings.local" in script
    assert re.search(r"ZWFW_DEBUG=\S*(1|true|yes|on)", script, re.IGNORECASE) is None


@pytest.mark.django_db(transaction=True)
def test_demo_server_answers_a_missing_guide_with_the_chinese_page(tmp_path):
    # The local settings name the demo county as the home region: it must exist in the copy.
    from zwfw.organizations.models import Region

    province = Region.objects.create(code="510000000000", name="四川省", level="province")
    city = Region.objects.create(code="511600000000", name="广安市", level="city", parent=province)
    Region.objects.create(code="511602000000", name="广安区", level="county", parent=city)
    env = {k: v for k, v in os.environ.items() if k not in ("ZWFW_DEBUG", "DJANGO_SETTINGS_MODULE")}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.local", "DATABASE_URL": _database_url(tmp_path)}
    port = _free_port()
    zwfw = Path(sys.executable).parent / "zwfw"
    server = subprocess.Popen([str(zwfw), "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
        for path, says in (("/guide/999999/", "办事指南不存在"), ("/no-such-page/", "请检查网址")):
            status, content_type, body = _get(base + path)
            html = body.decode()
            assert (status, content_type) == (404, "text/html; charset=utf-8")
            assert "页面不存在" in html and says in html and '<html lang="zh-hans">' in html
            assert [mark for mark in DEBUG_MARKS if mark in html] == []
        # with DEBUG off the static files and the icon are still served (WhiteNoise)
        assert _get(base + "/static/zwfw/css/site.css")[:2] == (200, "text/css; charset=\"utf-8\"")
        assert _get(base + "/static/vendor/htmx/htmx.min.js")[0] == 200
        assert _get(base + "/favicon.ico")[:2] == (200, "image/x-icon")
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()
