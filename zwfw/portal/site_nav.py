"""The site's main navigation, built in Python rather than by the template engine.

It is on every page, and rendered as a template it cost more than the rest of a cached guide
page (eleven URL reversals and a dozen translations per request; issue 12 point 15). The links
are reversed once per process and language; what varies per request (the visitor, the current
page, the unread count, the CSRF token) is filled in here.
"""

from __future__ import annotations

from functools import cache

from django.middleware.csrf import get_token
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


@cache
def _url(name: str, prefix: str) -> str:  # prefix: the key only (reverse reads it itself)
    return reverse(name)


def _link(name: str, label: str, *, current: bool, query: str = "") -> SafeString:
    return format_html('<li><a href="{}{}"{}>{}</a></li>', _url(name, get_script_prefix()), query,
                       SafeString(' aria-current="page"') if current else "", label)


def site_nav(request, *, unread=lambda: 0) -> SafeString:
    """The `<ul>` of the header's navigation. `unread` is called only for a signed-in visitor."""
    match = getattr(request, "resolver_match", None)
    ns, un = (match.namespace, match.url_name) if match else ("", "")
    user = getattr(request, "user", None)
    items = [
        _link("portal:home", _("首页"), current=ns == "portal" and un == "home"),
        _link("portal:search", _("办事服务"), current=ns == "portal" and un == "search", query="?audience=person"),
        _link("portal:departments", _("部门"), current=ns == "portal" and un == "departments"),
        _link("portal:network", _("服务网点"), current=ns == "portal" and un == "network"),
    ]
    if user is not None and user.is_authenticated:
        if user.kind == "staff":
            items.append(_link("workbench:home", _("工作台"), current=ns == "workbench"))
        else:
            items.append(_link("portal:my_space", _("个人空间"), current=ns == "portal" and un == "my_space"))
        count = unread()
        badge = format_html(' <span class="badge" data-unread="{}">{}</span>', count, count) if count else ""
        items.append(format_html('<li><a href="{}"{}>{}{}</a></li>', _url("notifications:inbox", get_script_prefix()),
                                 SafeString(' aria-current="page"') if ns == "notifications" else "", _("消息"), badge))
        name = user.full_name or user.get_username()
        items.append(format_html('<li><span class="nav-user">{}</span></li>', _("您好，%(name)s") % {"name": name}))
        items.append(format_html(
            '<li><form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button type="submit">{}</button></form></li>',
            _url("accounts:logout", get_script_prefix()), get_token(request), _("退出")))
    else:
        items.append(_link("accounts:citizen_login", _("登录"), current=ns == "accounts" and un == "citizen_login"))
    return format_html("<ul>\n{}\n</ul>", format_html_join("\n", "{}", ((i,) for i in items)))
