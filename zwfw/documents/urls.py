from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<str:token>/", views.document_verify_page, name="verify"),
]
