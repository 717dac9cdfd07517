"""URLs of the window's pages, included under /workbench/cases/ (namespace workbench)."""

from django.urls import path

from . import decision_views, procedures, views

urlpatterns = [
    path("", views.queue, name="cases_queue"),
    path("new/", views.walk_in, name="case_walk_in"),
    path("<int:case_id>/", views.detail, name="case"),
    path("<int:case_id>/materials/", views.materials, name="case_materials"),
    path("<int:case_id>/submit/", views.submit, name="case_submit"),
    path("<int:case_id>/accept/", views.accept, name="case_accept"),
    path("<int:case_id>/supplement/", views.supplement, name="case_supplement"),
    path("<int:case_id>/supply/", views.supply, name="case_supply"),
    path("<int:case_id>/reject/", views.reject, name="case_reject"),
    path("<int:case_id>/settle/", views.settle, name="case_settle"),
    path("<int:case_id>/pre-review/", views.pre_review, name="case_pre_review"),
    path("<int:case_id>/special-procedures/", procedures.special_start, name="case_special_start"),
    path("<int:case_id>/special-procedures/<int:procedure_id>/end/", procedures.special_end, name="case_special_end"),
    path("<int:case_id>/extensions/", procedures.extension_request, name="case_extension_request"),
    path("<int:case_id>/extensions/<int:extension_id>/decision/", procedures.extension_decide,
         name="case_extension_decide"),
    path("<int:case_id>/decide/", decision_views.decide, name="case_decide"),
    path("<int:case_id>/deliver/window/", decision_views.deliver_window, name="case_deliver_window"),
    path("<int:case_id>/deliver/post/", decision_views.deliver_post, name="case_deliver_post"),
    path("<int:case_id>/deliver/electronic/", decision_views.deliver_electronic, name="case_deliver_electronic"),
    path("<int:case_id>/deliver/confirm/", decision_views.delivery_confirm, name="case_delivery_confirm"),
    path("<int:case_id>/conclude/", decision_views.conclude, name="case_conclude"),
]
