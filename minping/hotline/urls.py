from __future__ import annotations

from django.urls import path

from minping.hotline import views

app_name = "hotline"
urlpatterns = [
    path("", views.index, name="index"),
    path("month/<int:year>/<int:month>/", views.month, name="month"),
    path("office/", views.office, name="office"),
    path("people/", views.people, name="people"),
    path("people/new/", views.person_new, name="person_new"),
    path("people/import/", views.people_import, name="people_import"),
    path("people/import/template/", views.people_import_template, name="people_import_template"),
    path("people/import/problems/", views.people_import_problems, name="people_import_problems"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/unavailable/", views.person_unavailable, name="person_unavailable"),
    path("people/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
    path("unavailable/<int:pk>/delete/", views.unavailable_delete, name="unavailable_delete"),
    path("rota/new/", views.rota_new, name="rota_new"),
    path("rota/<int:pk>/", views.rota, name="rota"),
    path("rota/<int:pk>/publish/", views.rota_publish, name="rota_publish"),
    path("rota/<int:pk>/regenerate/", views.rota_regenerate, name="rota_regenerate"),
    path("rota/<int:pk>/swap/", views.rota_swap, name="rota_swap"),
    path("seat/<int:pk>/replace/", views.member_replace, name="member_replace"),
    path("duty/<int:pk>/", views.duty, name="duty"),
    path("duty/<int:pk>/call/", views.call_new, name="call_new"),
    path("duty/<int:pk>/summary/", views.duty_summary, name="duty_summary"),
    path("call/<int:pk>/", views.call, name="call"),
    path("call/<int:pk>/reveal/", views.call_reveal, name="call_reveal"),
    path("call/<int:pk>/follow-up/", views.call_follow_up, name="call_follow_up"),
    path("mine/", views.mine, name="mine"),
    path("oversight/", views.oversight, name="oversight"),
    path("oversight/export/", views.export, name="export"),
]
