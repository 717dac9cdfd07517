from django.urls import path

from . import views

urlpatterns = [
    path("cards/", views.cards, name="supervision_cards"),
    path("cards/<int:pk>/", views.card, name="supervision_card"),
    path("cards/<int:pk>/cancel", views.cancel, name="supervision_card_cancel"),
    path("cards/<int:pk>/escalate", views.escalate, name="supervision_card_escalate"),
    path("cards/<int:pk>/remind", views.remind, name="supervision_card_remind"),
    path("appeals/<int:pk>/decide", views.appeal_decision, name="supervision_appeal_decide"),
    path("rules/", views.rules, name="supervision_rules"),
    path("anomalies/", views.anomalies, name="supervision_anomalies"),
    path("my-cards/", views.my_cards, name="supervision_my_cards"),
    path("my-cards/<int:pk>/answer", views.answer, name="supervision_card_answer"),
    path("my-cards/<int:pk>/appeal", views.appeal, name="supervision_card_appeal"),
]
