from __future__ import annotations

from django.urls import path

from minping.selection import views

app_name = "selection"
urlpatterns = [
    path("", views.index, name="index"),
    path("frames/", views.frame_list, name="frames"),
    path("frames/template.xlsx", views.frame_template, name="frame_template"),
    path("frames/<int:pk>/", views.frame_detail, name="frame"),
    path("frames/<int:pk>/department/", views.frame_department, name="frame_department"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("imports/<int:pk>/status.json", views.import_status, name="import_status"),
    path("imports/<int:pk>/report.xlsx", views.import_report, name="import_report"),
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path("signup/status/", views.signup_status, name="signup_status"),
    path("me/", views.my_seat, name="my_seat"),
    path("volunteers/", views.volunteer_list, name="volunteers"),
    path("volunteers/<int:pk>/review/", views.volunteer_review, name="volunteer_review"),
    path("quotas/", views.quota_overview, name="quotas"),
    path("quotas/seed/", views.quota_seed, name="quota_seed"),
    path("quotas/<int:session>/<int:venue>/", views.quota_edit, name="quota_edit"),
    path("draw/", views.draw_detail, name="draw"),
    path("draw/commit/", views.draw_commit, name="draw_commit"),
    path("draw/reveal/", views.draw_reveal, name="draw_reveal"),
    path("draw/run/", views.draw_run, name="draw_run"),
    path("draw/accounts/", views.draw_accounts, name="draw_accounts"),
    path("draw/export.zip", views.draw_export, name="draw_export"),
    path("draw/<int:year>/public/", views.draw_public, name="draw_public"),
    path("results/", views.composition, name="composition"),
    path("results/export.xlsx", views.composition_export, name="composition_export"),
    path("results/list/", views.representative_list, name="list"),
    path("results/contacts.xlsx", views.contact_export, name="contact_export"),
    path("results/district/", views.district_view, name="district"),
    path("results/district/export.xlsx", views.district_export, name="district_export"),
    path("representatives/<int:pk>/replace/", views.representative_replace, name="replace"),
]
