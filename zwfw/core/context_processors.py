from django.conf import settings


def platform(request):
    return {"platform_name": settings.ZWFW_PLATFORM_NAME}
