"""URLs of the catalog workbench pages, included under /workbench/catalog/ (namespace workbench)."""

from django.urls import path

from . import views_changes, views_items, views_reports, views_review

urlpatterns = [
    path("", views_items.item_list, name="catalog_items"),
    path("new/", views_items.item_create, name="catalog_item_create"),
    path("items/<int:item_id>/", views_items.item_detail, name="catalog_item"),
    path("items/<int:item_id>/new-version/", views_items.version_new, name="catalog_version_new"),
    path("items/<int:item_id>/<str:kind>/", views_changes.item_change, name="catalog_item_change"),
    path("versions/<int:version_id>/", views_items.version_detail, name="catalog_version"),
    path("versions/<int:version_id>/edit/", views_items.version_edit, name="catalog_version_edit"),
    path("versions/<int:version_id>/form-preview/", views_items.version_form_preview,
         name="catalog_version_form_preview"),
    path("versions/<int:version_id>/submit/", views_items.version_submit, name="catalog_version_submit"),
    path("versions/<int:version_id>/review/", views_review.review, name="catalog_review"),
    path("versions/<int:version_id>/approve/", views_review.approve, name="catalog_approve"),
    path("versions/<int:version_id>/return/", views_review.return_version, name="catalog_return"),
    path("versions/<int:version_id>/publish/", views_review.publish, name="catalog_publish"),
    path("queue/", views_review.review_queue, name="catalog_queue"),
    path("take-over/", views_changes.take_over_list, name="catalog_take_over"),
    path("zero-reports/", views_changes.zero_reports, name="catalog_zero_reports"),
    path("consistency/", views_reports.consistency, name="catalog_consistency"),
    path("lint/", views_reports.lint, name="catalog_lint"),
    path("stats/", views_reports.stats, name="catalog_stats"),
    path("stats.xlsx", views_reports.stats_xlsx, name="catalog_stats_xlsx"),
]
