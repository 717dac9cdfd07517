"""The platform's WSGI application, fully imported before gunicorn forks its workers.

`bench._serve` runs gunicorn with --preload on this module: Django, the settings, the models
and — forced here, since Django loads it lazily on the first request — the URLconf with every
view, serializer and service it imports are loaded once in the master, and every worker starts
warm. Without it each worker imported (and, with PYTHONDONTWRITEBYTECODE set, compiled) the whole
application during its first requests, which on a loaded 2-core machine took longer than the
benchmark's warm-up and was counted as submission latency.
"""

from django.urls import get_resolver

from config.wsgi import application

get_resolver().url_patterns  # noqa: B018 (imports the URLconf and everything it names)

__all__ = ["application"]
