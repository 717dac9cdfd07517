"""How an archive package leaves the platform (page and API alike): a zip to save, never to
render — attachment, nosniff, a sandboxing CSP, not cached (as zwfw.files.responses does)."""

from __future__ import annotations

from django.http import FileResponse

from zwfw.files.responses import content_disposition

from .package import ArchivePackage


def archive_response(package: ArchivePackage) -> FileResponse:
    response = FileResponse(package.file, content_type="application/zip")
    response["Content-Length"] = str(package.size)
    response["Content-Disposition"] = content_disposition(package.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    # The digest the audit event recorded: the saved package can be matched to the trail.
    response["X-Manifest-SHA256"] = package.manifest_sha256
    return response
