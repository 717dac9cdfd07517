"""Sign-in pages: thin — parse the form, call one sign-in service, log the session in."""

from django.conf import settings
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from zwfw.core.context import client_ip

from .errors import SignInFailed
from .forms import CitizenLoginForm, StaffLoginForm
from .middleware import IDLE_FLAG
from .services import citizen_sign_in, sign_out, staff_sign_in
from .services.sign_in import device_cookie_for
from .services.throttle import DEVICE_COOKIE

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse(default)


def _sign_in_page(request, *, form_class, template, sign_in, device_cookie, default_next):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = sign_in(form.cleaned_data, client_ip(request), request.COOKIES.get(DEVICE_COOKIE, ""))
        except SignInFailed as exc:
            form.add_error(None, exc.message)
        else:
            login(request, user, backend=BACKEND)
            response = redirect(_next_url(request, default_next))
            # This browser is now a known device of the account (docs/adr/0024-sec1-sign-in-throttling.md).
            response.set_cookie(DEVICE_COOKIE, device_cookie(form.cleaned_data),
                                max_age=settings.ZWFW_LOGIN_DEVICE_DAYS * 86400, httponly=True,
                                secure=settings.SESSION_COOKIE_SECURE, samesite="Lax")
            return response
    idle = request.session.pop(IDLE_FLAG, False) if request.method == "GET" else False
    return render(request, template, {"form": form, "next": request.GET.get("next", ""), "idle_signed_out": idle})


@sensitive_post_parameters("password", "id_number")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    return _sign_in_page(
        request, form_class=StaffLoginForm, template="accounts/login.html", default_next="workbench:home",
        sign_in=lambda data, ip, device: staff_sign_in(username=data["username"], password=data["password"], ip=ip,
                                                       device=device),
        device_cookie=lambda data: device_cookie_for(channel="staff", account=data["username"]),
    )


@sensitive_post_parameters("password", "id_number")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def citizen_login_view(request):
    return _sign_in_page(
        request, form_class=CitizenLoginForm, template="accounts/citizen_login.html", default_next="portal:my_space",
        sign_in=lambda data, ip, device: citizen_sign_in(credentials=data, ip=ip, device=device),
        device_cookie=lambda data: device_cookie_for(channel="citizen", credentials=data),
    )


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        sign_out(user=request.user, ip=client_ip(request))
    logout(request)
    return redirect("portal:home")
