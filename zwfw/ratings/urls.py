from django.urls import path

from . import views_workbench as views

urlpatterns = [
    path("", views.orders, name="ratings_orders"),
    path("orders/<int:pk>/", views.order_detail, name="ratings_order"),
    path("statistics/", views.statistics, name="ratings_stats"),
    path("list/", views.rating_list, name="ratings_list"),
    path("list/<int:pk>/appeal", views.rating_appeal, name="ratings_appeal"),
    path("review/", views.review, name="ratings_review"),
    path("review/appeals/<int:pk>/decide", views.appeal_decide, name="ratings_appeal_decide"),
    path("review/comments/<int:pk>/moderate", views.comment_moderate, name="ratings_comment_moderate"),
    path("tablets/", views.tablets, name="ratings_tablets"),
    path("policy/", views.policy, name="ratings_policy"),
]
