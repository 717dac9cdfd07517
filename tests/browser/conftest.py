"""Browser-test harness: Playwright (Python) driving Debian's /usr/bin/chromium against
pytest-django's live_server. Never run `playwright install`: its browser download is neither
wanted nor possible offline; the system Chromium is installed by scripts/bootstrap.sh."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def submit(locator) -> None:
    """Click something that loads a new page (a form post, a link) and wait until it has loaded.
    A read right after a bare click can see the old page: a flake of this kind failed CI once."""
    with locator.page.expect_navigation():
        locator.click()


@pytest.fixture
def _async_unsafe_allowed(monkeypatch):
    # Playwright's sync API keeps an event loop in this thread; Django would otherwise refuse
    # ORM calls made by the test itself. Set per test, so other tests keep Django's check.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(_async_unsafe_allowed) -> Iterator:
    """One Chromium per test (function scope: no event loop outlives a browser test in a worker
    that runs other tests next)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian chromium is missing: run scripts/bootstrap.sh"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            # While Playwright's loop is set, Django's connection storage (asgiref Local) is a
            # different one from pytest-django's; close what the test opened there, or the
            # PostgreSQL test database cannot be dropped at the end of the session.
            connections.close_all()
            browser.close()


@dataclass
class Visit:
    """A browser context with every request URL it made recorded."""

    page: object
    base_url: str
    requests: list[str] = field(default_factory=list)
    request_headers: dict[str, dict] = field(default_factory=dict)
    console_csp: list[str] = field(default_factory=list)

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def csp_violations(self) -> list[str]:
        """What the page's Content-Security-Policy blocked (recorded by an init script)."""
        try:
            return list(self.page.evaluate("window.__cspViolations || []"))
        except Exception:  # noqa: BLE001 (a closed or navigating page has nothing to report)
            return []

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base_url + "/")]

    def has_horizontal_overflow(self) -> bool:
        return self.page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def visit(browser, live_server):
    contexts, visits = [], []

    def open_(viewport=DESKTOP, user=None) -> Visit:
        context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai")
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies(
                [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
            )
        page = context.new_page()
        page.set_default_timeout(15_000)
        # Every browser test also checks the strict CSP (issue 13, finding 9): nothing blocked.
        page.add_init_script(
            "window.__cspViolations = [];"
            "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
            "e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));"
        )
        v = Visit(page=page, base_url=live_server.url)
        visits.append(v)
        page.on("console", lambda msg: v.console_csp.append(msg.text)
                if "Content Security Policy" in msg.text else None)

        def record(request):
            v.requests.append(request.url)
            v.request_headers[request.url] = request.headers

        page.on("request", record)
        return v

    yield open_
    blocked = [text for v in visits for text in v.csp_violations() + v.console_csp]
    for context in contexts:
        context.close()
    assert blocked == [], "Content-Security-Policy blocked something"


@pytest.fixture
def clean_audit_trail(transactional_db):
    """Sign-in and verification write audit events; the append-only triggers would make the
    transactional flush fail, so the rows are removed with the triggers off at teardown."""
    yield
    from zwfw.core.models import AuditChainHead, AuditEvent
    from zwfw.core.testing import audit_triggers_disabled

    with audit_triggers_disabled():
        AuditEvent.objects.all().delete()
        AuditChainHead.objects.all().delete()


@pytest.fixture
def clean_catalog(transactional_db, clean_audit_trail):
    """Published versions refuse DELETE (triggers, migration 0002); the transactional flush at
    teardown would fail on SQLite, so the catalog rows are removed with those triggers off."""
    yield
    from zwfw.catalog.models import (
        CatalogSearchEntry,
        ItemChange,
        ItemVersion,
        MaterialFile,
        ReviewDecision,
        ServiceItem,
        Theme,
    )

    mod = importlib.import_module("zwfw.catalog.migrations.0002_published_versions_immutable")
    forms = importlib.import_module("zwfw.catalog.migrations.0008_formspec_form_fields")
    # The form-field table's triggers (0008) use 0002's function: dropped first, created last.
    forms_down = {"sqlite": [f"DROP TRIGGER IF EXISTS {forms.TABLE}_frozen_{op}" for op in ("insert", "update", "delete")],
                  "postgresql": [f"DROP TRIGGER IF EXISTS {forms.TABLE}_frozen ON {forms.TABLE}"]}[connection.vendor]
    forms_up = {"sqlite": forms._form_field_triggers_sqlite,
                "postgresql": forms._form_field_triggers_postgres}[connection.vendor]()
    down = forms_down + {"sqlite": mod._sqlite_down, "postgresql": mod._postgres_down}[connection.vendor]()
    up = {"sqlite": mod._sqlite_up, "postgresql": mod._postgres_up}[connection.vendor]() + forms_up
    with connection.cursor() as cursor:
        for sql in down:
            cursor.execute(sql)
    try:
        CatalogSearchEntry.objects.all().delete()
        MaterialFile.objects.all().delete()
        ServiceItem.objects.update(current_version=None)
        ReviewDecision.objects.all().delete()
        ItemChange.objects.all().delete()
        for version in ItemVersion.objects.all():
            version.themes.clear()
            version.windows.clear()
        ItemVersion.objects.all().delete()
        ServiceItem.objects.all().delete()
        Theme.objects.all().delete()
    finally:
        with connection.cursor() as cursor:
            for sql in up:
                cursor.execute(sql)

