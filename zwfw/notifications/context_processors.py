from __future__ import annotations

from .selectors import inbox_unread_count


class _LazyCount:
    """The header's unread count: one COUNT query, run only when a page actually shows it."""

    def __init__(self, user) -> None:
        self._user = user
        self._value: int | None = None

    def __call__(self) -> int:  # templates call callables
        if self._value is None:
            self._value = inbox_unread_count(viewer=self._user)
        return self._value


def inbox(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_unread": _LazyCount(user)}
