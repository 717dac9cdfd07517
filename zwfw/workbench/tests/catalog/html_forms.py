"""Read a rendered form the way a browser would submit it (inputs, checked boxes, selected
options, textareas), so tests post exactly what the page offers."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, action_contains: str | None):
        super().__init__(convert_charrefs=True)
        self.action_contains = action_contains
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._in_form = False
        self._fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form, self._fields, self._action = True, [], a.get("action") or ""
        elif not self._in_form:
            return
        elif tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "reset") or "name" not in a:
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select, self._select_value = a.get("name"), None
        elif tag == "option" and self._select is not None:
            # The first option unless another one is marked selected.
            if self._select_value is None or ("selected" in a and not self._select_value[1]):
                self._select_value = (a.get("value", ""), "selected" in a)
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            if self._select_value is not None:
                self._fields.append((self._select, self._select_value[0]))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None
        elif tag == "form" and self._in_form:
            self.forms.append((self._action, self._fields))
            self._in_form = False


def form_fields(html: str, action_contains: str | None = None) -> dict[str, list[str] | str]:
    """The fields of the first POST form whose action contains `action_contains` (or, without
    it, that posts to the page itself), as a dict for Client.post (lists for repeated names)."""
    parser = _FormParser(action_contains)
    parser.feed(html)
    for action, fields in parser.forms:
        if (action_contains not in action) if action_contains is not None else action:
            continue
        if not any(name == "csrfmiddlewaretoken" for name, _v in fields):
            continue
        data: dict[str, list[str]] = {}
        for name, value in fields:
            data.setdefault(name, []).append(value)
        return {k: v if len(v) > 1 else v[0] for k, v in data.items()}
    raise AssertionError(f"no form with action containing {action_contains!r}")
