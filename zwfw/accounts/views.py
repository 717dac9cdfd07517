from django.contrib.auth import logout
from django.shortcuts import redirect, render


def login_view(request):
    return render(request, "accounts/login.html")


def logout_view(request):
    logout(request)
    return redirect("portal:home")
