"""Content-Security-Policy (issue 13, finding 9). The site loads nothing from elsewhere — htmx and
ECharts are our own static files, no page has an inline script, style element, style attribute
or event handler (guarded by zwfw/core/tests/test_csp.py) — so the policy can be strict: only
this origin, no inline code, no eval, no framing. QR codes on pages are data: images.

Under DEBUG the header is sent as Report-Only, so Django's debug pages (inline styles) still read.
"""

from __future__ import annotations

from django.conf import settings

POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = "Content-Security-Policy-Report-Only" if settings.DEBUG else "Content-Security-Policy"
        if "Content-Security-Policy" not in response and header not in response:
            response[header] = settings.ZWFW_CONTENT_SECURITY_POLICY or POLICY
        return response
