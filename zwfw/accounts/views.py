"""Sign-in pages: thin — parse the form, call one sign-in service, log the session in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from zwfw.core.context import client_ip
from zwfw.core.errors import DomainError, NotFound
from zwfw.core.masking import mask_phone
from zwfw.core.views import show_on_forms

from .errors import SignInFailed
from .forms import CitizenLoginForm, CitizenSignUpForm, PasswordResetForm, StaffLoginForm
from .identity import local_accounts_enabled
from .middleware import IDLE_FLAG
from .services import (
    citizen_password_reset,
    citizen_sign_in,
    citizen_sign_up,
    password_reset_code_send,
    sign_out,
    sign_up_code_send,
    staff_sign_in,
)
from .services.citizens import RESET_SENT
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
            # This browser is now a known device of the account (docs/adr/0027-sign-in-throttling.md).
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


# ---- citizen sign-up and password reset (issue 8 point 2) ----------------------------------------

def _require_local_accounts() -> None:
    """Local sign-up and reset exist only while citizens sign in with local passwords (ADR 0007);
    under a provincial identity service the province owns both."""
    if not local_accounts_enabled():
        raise NotFound()


def _code_step(request, form, send) -> bool:
    """The "获取验证码" button: send a code, say so, keep what was typed. True when it was pressed."""
    if form.action != "send_code":
        return False
    try:
        shown = send(form.cleaned_data, client_ip(request))
    except DomainError as exc:
        show_on_forms(request, exc, form)
    else:
        messages.success(request, shown)
    return True


@sensitive_post_parameters("password", "password2", "id_number", "code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def citizen_sign_up_view(request):
    _require_local_accounts()
    form = CitizenSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        def send(data, ip):
            sign_up_code_send(phone=data["phone"], ip=ip)
            return _("验证码已发送至 %(p)s，5分钟内有效。") % {"p": mask_phone(data["phone"].strip())}

        if not _code_step(request, form, send):
            try:
                user = citizen_sign_up(name=form.cleaned_data["name"], id_number=form.cleaned_data["id_number"],
                                       phone=form.cleaned_data["phone"], code=form.cleaned_data["code"],
                                       password=form.cleaned_data["password"], ip=client_ip(request))
            except DomainError as exc:
                show_on_forms(request, exc, form)
            else:
                login(request, user, backend=BACKEND)
                messages.success(request, _("注册成功，欢迎使用。"))
                return redirect("portal:my_space")
    return render(request, "accounts/citizen_sign_up.html", {"form": form})


@sensitive_post_parameters("password", "password2", "id_number", "code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def citizen_password_reset_view(request):
    _require_local_accounts()
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        def send(data, ip):
            password_reset_code_send(id_number=data["id_number"], ip=ip)
            return _(RESET_SENT)

        if not _code_step(request, form, send):
            try:
                citizen_password_reset(id_number=form.cleaned_data["id_number"], code=form.cleaned_data["code"],
                                       password=form.cleaned_data["password"], ip=client_ip(request))
            except DomainError as exc:
                show_on_forms(request, exc, form)
            else:
                messages.success(request, _("密码已重置，请使用新密码登录。"))
                return redirect("accounts:citizen_login")
    return render(request, "accounts/citizen_password_reset.html", {"form": form})
