"""The one way a stored file leaves the platform: an HTTP response that no browser renders as a
page of ours (attachment, nosniff, a sandboxing CSP) and no shared cache keeps."""

from __future__ import annotations

from urllib.parse import quote

from django.http import FileResponse

from .models import StoredFile
from .services import file_open


def content_disposition(filename: str, *, as_attachment: bool = True) -> str:
    """RFC 6266 with an ASCII fallback and the UTF-8 name as RFC 5987 filename*."""
    kind = "attachment" if as_attachment else "inline"
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in filename)
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(stored_file: StoredFile, *, filename: str | None = None, as_attachment: bool = True) -> FileResponse:
    response = FileResponse(file_open(stored_file), content_type=stored_file.content_type)
    response["Content-Length"] = str(stored_file.size)
    response["Content-Disposition"] = content_disposition(filename or stored_file.original_name,
                                                          as_attachment=as_attachment)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
