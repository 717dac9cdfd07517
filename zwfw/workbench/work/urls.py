"""URLs of the work queue and the step actions, included under /workbench/work/ (namespace workbench)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.queue, name="work_queue"),
    path("<int:case_id>/claim/", views.claim, name="step_claim"),
    path("<int:case_id>/assign/", views.assign, name="step_assign"),
    path("<int:case_id>/opinion/", views.opinion, name="step_opinion"),
    path("<int:case_id>/pass/", views.pass_step, name="step_pass"),
    path("<int:case_id>/return/", views.return_step, name="step_return"),
    path("<int:case_id>/joint/", views.joint, name="step_joint"),
    path("<int:case_id>/joint-answer/", views.joint_answer, name="step_joint_answer"),
]
