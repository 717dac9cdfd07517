"""The site's URLs plus `/__bench/trivial`: the cheapest Django response, measured in the same run."""

from django.http import HttpResponse
from django.urls import path

from config.urls import *  # noqa: F403
from config.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bench/trivial", trivial), *site_urlpatterns]
