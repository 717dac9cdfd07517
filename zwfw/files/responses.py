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
    fallback = filename
    if not all(c.isascii() and c.isprintable() and c not in '"\\;' for c in filename):
        # Old clients that ignore filename* get a plain name with the right extension.
        _stem, dot, extension = filename.rpartition(".")
        fallback = f"file.{extension}" if dot and extension.isascii() and extension.isalnum() else "file"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(stored_file: StoredFile, *, filename: str | None = None, as_attachment: bool = True,
                  cache_control: str = "private, no-store") -> FileResponse:
    """Stream `stored_file`. Uploads are always attachments; `as_attachment=False` is for PDFs the
    platform rendered itself (a sandboxing CSP would stop the browser's PDF viewer, so inline
    responses go without it)."""
    response = FileResponse(file_open(stored_file), content_type=stored_file.content_type)
    response["Content-Length"] = str(stored_file.size)
    response["Content-Disposition"] = content_disposition(filename or stored_file.original_name,
                                                          as_attachment=as_attachment)
    response["X-Content-Type-Options"] = "nosniff"
    if as_attachment:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = cache_control
    return response
