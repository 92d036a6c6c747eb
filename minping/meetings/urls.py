from __future__ import annotations

from django.urls import path

from minping.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("session/<int:session_id>/", views.session_detail, name="session"),
    path("session/<int:session_id>/agenda/", views.agenda_update, name="agenda"),
    path("slot/<int:slot_id>/move/", views.slot_move, name="slot_move"),
    path("slot/<int:slot_id>/press/", views.slot_press, name="slot_press"),
    path("session/<int:session_id>/control/", views.control, name="control"),
    path("session/<int:session_id>/timer/", views.timer_command, name="timer"),
    path("session/<int:session_id>/display/", views.display, name="display"),
    path("session/<int:session_id>/timer.json", views.timer_json, name="timer_json"),
    path("session/<int:session_id>/screen-link/", views.screen_rotate, name="screen_rotate"),
    path("screen/<str:key>/", views.screen, name="screen"),
    path("screen/<str:key>/timer.json", views.screen_json, name="screen_json"),
    path("session/<int:session_id>/summary/", views.summary, name="summary"),
    path("session/<int:session_id>/attendance/", views.attendance, name="attendance"),
    path("session/<int:session_id>/attendance.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
    path("session/<int:session_id>/discipline/", views.discipline, name="discipline"),
    path("session/<int:session_id>/venue/<int:venue_id>/checkin/", views.checkin, name="checkin"),
    path(
        "session/<int:session_id>/venue/<int:venue_id>/checkin/list/",
        views.checkin_list,
        name="checkin_list",
    ),
    path("session/<int:session_id>/venue/<int:venue_id>/absent/", views.absent, name="absent"),
    path(
        "session/<int:session_id>/venue/<int:venue_id>/summary/",
        views.venue_summary,
        name="venue_summary",
    ),
    path("session/<int:session_id>/venue/<int:venue_id>/seats/", views.seats, name="seats"),
    path(
        "session/<int:session_id>/venue/<int:venue_id>/seats/assign/",
        views.seats_assign,
        name="seats_assign",
    ),
    path(
        "session/<int:session_id>/venue/<int:venue_id>/seats/move/",
        views.seats_move,
        name="seats_move",
    ),
    path("representative/<int:rep_id>/replace/", views.replace, name="replace"),
    path("venue/<int:venue_id>/layout/", views.layout_edit, name="layout"),
    path("credentials/", views.credentials, name="credentials"),
    path("credentials/add/", views.credential_add, name="credential_add"),
    path("credentials/generate/", views.credentials_generate, name="credentials_generate"),
    path("credentials/import/", views.credentials_import, name="credentials_import"),
    path(
        "credentials/import/problems.xlsx", views.credentials_problems, name="credentials_problems"
    ),
    path("credentials/print/", views.credentials_print, name="credentials_print"),
    path("credentials/<int:credential_id>/reissue/", views.credential_reissue, name="reissue"),
    path("my/", views.my_meeting, name="my"),
    path("notice/", views.notice, name="notice"),
]
