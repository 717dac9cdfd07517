"""Domain errors on catalog pages: 404/403 for NotFound/PermissionDenied, the others shown on
the form (field by field, child rows included) or as a message."""

from __future__ import annotations

import re
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from zwfw.core.errors import DomainError, NotFound, PermissionDenied

from ..views import staff_required

_ROW = re.compile(r"^(?P<key>\w+)\[(?P<i>\d+)\](?:\.(?P<name>\w+))?$")


def catalog_view(view):
    """Staff only; NotFound → 404 and PermissionDenied → 403 pages."""

    @staff_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            raise DjangoPermissionDenied(exc.message) from exc

    return wrapper


def show_on_forms(request, exc: DomainError, form=None, rows: dict | None = None) -> None:
    """Put a service's field errors on the form fields and child-row forms they name.
    `rows` maps a child key to (formset, form index per submitted row)."""
    if isinstance(exc, NotFound | PermissionDenied):
        raise exc
    messages.error(request, exc.message)
    for key, errors in exc.field_errors.items():
        match = _ROW.match(key)
        if match and rows and match["key"] in rows:
            formset, index = rows[match["key"]]
            i = int(match["i"])
            if i < len(index):
                target = formset.forms[index[i]]
                name = match["name"] if match["name"] in target.fields else None
                target.add_error(name, errors)
                continue
        if form is not None:
            form.add_error(key if key in form.fields else None, errors)
