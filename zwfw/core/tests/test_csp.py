"""A strict Content-Security-Policy (issue 13, finding 9): every response carries it, and no
template served to a browser needs anything it forbids (inline scripts, style elements, style
attributes, event-handler attributes, javascript: links, resources from elsewhere)."""

import re
from pathlib import Path

import pytest
from django.test import Client

from zwfw.core.csp import POLICY

ROOT = Path(__file__).resolve().parents[2]
# Rendered to PDF by WeasyPrint on the server, never served as a page: CSP does not apply.
PDF_ONLY = {"portal/demo_form_print.html", "stats/monthly_report.html", "portal/guide_print.html", "documents/notice_base.html",
            "portal/apply/receipt_print.html"}
FORBIDDEN = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"\shx-on[:-]", re.I), "htmx inline handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I), "resource from another origin"),
]


def _templates():
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        name = str(path.relative_to(path.parents[len(path.parts) - path.parts.index("templates") - 2]))
        yield name, path


def test_no_served_template_needs_what_the_policy_forbids():
    found = []
    for name, path in _templates():
        if name in PDF_ONLY:
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{name}: {what}" for pattern, what in FORBIDDEN if pattern.search(text)]
    assert found == []


def test_the_policy_is_strict():
    directives = dict(part.split(" ", 1) for part in POLICY.split("; "))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in POLICY and "*" not in POLICY


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/guide/", "/accounts/login/", "/no-such-page/", "/api/v1/me"])
def test_every_response_carries_the_policy(path):
    response = Client().get(path)
    assert response["Content-Security-Policy"] == POLICY


@pytest.mark.django_db
def test_debug_reports_only(settings):
    settings.DEBUG = True
    response = Client().get("/accounts/login/")
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == POLICY
