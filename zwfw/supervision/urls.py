from django.urls import path

from . import views

urlpatterns = [
    path("cards/", views.cards, name="supervision_cards"),
    path("cards/<int:pk>/cancel", views.cancel, name="supervision_card_cancel"),
    path("cards/<int:pk>/escalate", views.escalate, name="supervision_card_escalate"),
    path("cards/<int:pk>/remind", views.remind, name="supervision_card_remind"),
]
