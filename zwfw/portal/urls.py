from django.urls import path

from . import guide_views, personal_views, views

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
]
