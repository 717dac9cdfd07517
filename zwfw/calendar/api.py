"""API resources of this context. `register(router)` adds viewsets; it may return extra URL patterns."""


def register(router):
    return []
