"""Download of a stored file, checked by its purpose's reader. Thin: parse, select, respond."""

from __future__ import annotations

from django.views.decorators.http import require_GET

from .responses import file_response
from .selectors import stored_file_get


@require_GET
def file_download(request, file_id: int):
    stored_file = stored_file_get(viewer=request.user, file_id=file_id)
    return file_response(stored_file)
