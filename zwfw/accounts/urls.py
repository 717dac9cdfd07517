from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("citizen/login/", views.citizen_login_view, name="citizen_login"),
    path("citizen/sign-up/", views.citizen_sign_up_view, name="citizen_sign_up"),
    path("citizen/password-reset/", views.citizen_password_reset_view, name="citizen_password_reset"),
    path("logout/", views.logout_view, name="logout"),
]
