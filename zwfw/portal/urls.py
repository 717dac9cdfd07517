from django.urls import path

from . import apply_views, guide_views, my_case_views, personal_views, track_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("departments/", views.departments, name="departments"),
    path("network/", views.network, name="network"),
    path("my/", personal_views.my_space, name="my_space"),
    path("my/enterprises/open/", personal_views.enterprise_open, name="enterprise_open"),
    path("my/enterprises/<int:enterprise_id>/", personal_views.my_enterprise, name="my_enterprise"),
    path("my/enterprises/<int:enterprise_id>/agents/<int:authorisation_id>/revoke", personal_views.agent_revoke,
         name="agent_revoke"),
    path("guide/", guide_views.guide_browse, name="guide_browse"),
    path("guide/<int:item_id>/", guide_views.guide_detail, name="guide"),
    path("guide/<int:item_id>/pdf", guide_views.guide_pdf_view, name="guide_pdf"),
    path("guide/<int:item_id>/v/<int:number>/", guide_views.guide_detail, name="guide_version"),
    path("guide/<int:item_id>/v/<int:number>/pdf", guide_views.guide_pdf_view, name="guide_version_pdf"),
    path("guide/files/<int:file_id>/", guide_views.form_file_download, name="form_file"),
    # Applying online and tracking (issue 8 points 3 and 7)
    path("guide/<int:item_id>/apply/", apply_views.apply_start, name="apply"),
    path("my/applications/<int:case_id>/", apply_views.application, name="application"),
    path("my/applications/<int:case_id>/delete/", apply_views.application_delete, name="application_delete"),
    path("my/cases/<int:case_id>/materials/<int:material_id>/files/", apply_views.material_upload,
         name="material_upload"),
    path("my/cases/<int:case_id>/files/<int:file_id>/remove/", apply_views.material_file_remove,
         name="material_file_remove"),
    path("my/cases/<int:case_id>/receipt/", apply_views.receipt, name="receipt"),
    path("my/cases/<int:case_id>/receipt.pdf", apply_views.receipt_pdf, name="receipt_pdf"),
    path("my/cases/", my_case_views.my_cases, name="my_cases"),
    path("my/cases/<int:case_id>/", my_case_views.my_case, name="my_case"),
    path("my/cases/<int:case_id>/supply/", my_case_views.my_case_supply, name="my_case_supply"),
    path("my/cases/<int:case_id>/withdraw/", my_case_views.my_case_withdraw, name="my_case_withdraw"),
    path("my/cases/<int:case_id>/result/", my_case_views.my_case_result, name="my_case_result"),
    path("track/", track_views.track, name="track"),
    path("track/<str:number>/", track_views.track_case, name="track_case"),
]
