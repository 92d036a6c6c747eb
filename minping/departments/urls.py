from __future__ import annotations

from django.urls import path

from minping.departments import views

app_name = "departments"
urlpatterns = [
    path("my/", views.workspace, name="workspace"),
    path("my/video/", views.video, name="video"),
    path("my/<slug:kind>/", views.edit_material, name="edit"),
    path("m/<int:pk>/", views.material_detail, name="material"),
    path("m/<int:pk>/move/<slug:to_state>/", views.material_move, name="move"),
    path("m/<int:pk>/diff/", views.material_diff, name="diff"),
    path("v/<int:pk>/photo/<int:index>/", views.version_photo, name="version_photo"),
    path("v/<int:pk>/<slug:which>/", views.version_file, name="version_file"),
    path("video/<int:pk>/", views.video_file, name="video_file"),
    path("t/<int:pk>/signed/", views.transition_file, name="transition_file"),
    path("review/", views.review_queue, name="review_queue"),
    path(
        "review/d/<int:department_id>/<slug:to_state>/",
        views.review_department,
        name="review_department",
    ),
    path("office/", views.board, name="board"),
    path("office/scopes/", views.scopes, name="scopes"),
    path("office/publish-cleared/", views.publish_cleared, name="publish_cleared"),
    path("office/policies/new/", views.policy_new, name="policy_new"),
    path("office/video/<int:department_id>/", views.office_video, name="office_video"),
    path("office/handbook/", views.handbook, name="handbook"),
    path("office/handbook/<int:pk>/", views.handbook_status, name="handbook_status"),
    path("handbook/<int:pk>.pdf", views.handbook_pdf, name="handbook_pdf"),
    path("", views.public_index, name="public_index"),
    path("<int:year>/", views.public_index, name="public_year"),
    path("<int:year>/d/<int:department_id>/", views.public_department, name="public_department"),
    path("<int:year>/targets.xlsx", views.targets_xlsx, name="targets_xlsx"),
    path("<int:year>/targets.docx", views.targets_docx, name="targets_docx"),
    path("policies/", views.policies, name="policies"),
    path("policies/<int:pk>/", views.policy_detail, name="policy"),
    path("search/", views.search, name="search"),
]
