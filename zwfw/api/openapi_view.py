"""`/api/v1/openapi.json`, built once per process (deployment) instead of on every request.

The document depends only on the code (views, serializers, settings), never on the caller
(`SERVE_PUBLIC`): the first request of a worker builds it, every later one answers the same
bytes. A new deployment starts new processes, so a changed API gets a new document.
"""

from __future__ import annotations

import threading

from django.http import HttpResponse
from django.utils.translation import get_language
from drf_spectacular.views import SpectacularJSONAPIView

_documents: dict[tuple, tuple[bytes, str]] = {}
_lock = threading.Lock()


class OpenAPIDocumentView(SpectacularJSONAPIView):
    def dispatch(self, request, *args, **kwargs):
        key = (get_language(), request.GET.get("lang", ""), request.GET.get("version", ""))
        document = _documents.get(key) if request.method == "GET" else None
        if document is None:
            with _lock:
                document = _documents.get(key)
                if document is None:
                    response = super().dispatch(request, *args, **kwargs)
                    if request.method != "GET" or response.status_code != 200:
                        return response
                    response.render()
                    document = (response.content, response["Content-Type"])
                    _documents[key] = document
        content, content_type = document
        return HttpResponse(content, content_type=content_type)


def openapi_documents_forget() -> None:
    """Tests that change the API's settings build the document again."""
    _documents.clear()
