"""URLs of the accounts pages, included under /workbench/accounts/ (namespace workbench)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.account_list, name="accounts"),
    path("new/", views.account_create, name="account_create"),
    path("<int:pk>/", views.account_detail, name="account"),
    path("<int:pk>/update/", views.account_update, name="account_update"),
    path("<int:pk>/password/", views.account_password, name="account_password"),
    path("<int:pk>/deactivate/", views.account_deactivate, name="account_deactivate"),
    path("<int:pk>/roles/grant/", views.account_role_grant, name="account_role_grant"),
    path("<int:pk>/roles/revoke/", views.account_role_revoke, name="account_role_revoke"),
]
