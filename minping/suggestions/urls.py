from __future__ import annotations

from django.urls import path

from minping.suggestions import views

app_name = "suggestions"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.submit, name="submit"),
    path("track/", views.track_lookup, name="track_lookup"),
    path("t/<str:number>/", views.track, name="track"),
    path("t/<str:number>/rate/", views.rate, name="rate"),
    path("t/<str:number>/reopen/", views.reopen, name="reopen"),
    path("board/", views.board, name="board"),
    path("stats/", views.stats, name="stats"),
    path("stats/export.<str:fmt>", views.export, name="export"),
    path("enter/", views.enter, name="enter"),
    path("office/", views.office, name="office"),
    path("office/<int:pk>/", views.office_suggestion, name="office_suggestion"),
    path("office/<int:pk>/screen-out/", views.screen_out, name="screen_out"),
    path("office/<int:pk>/reveal/", views.reveal_phone, name="reveal_phone"),
    path("office/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("objections/<int:pk>/", views.decide_objection, name="decide_objection"),
    path("extensions/<int:pk>/", views.decide_extension, name="decide_extension"),
    path("unit/", views.unit, name="unit"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/accept/", views.accept, name="accept"),
    path("assignments/<int:pk>/object/", views.object_to, name="object"),
    path("assignments/<int:pk>/contact/", views.contact, name="contact"),
    path("assignments/<int:pk>/message/", views.message, name="message"),
    path("assignments/<int:pk>/extend/", views.extend, name="extend"),
    path("assignments/<int:pk>/reply/", views.reply, name="reply"),
    path("assignments/<int:pk>/review/", views.review_reply, name="review_reply"),
    path("assignments/<int:pk>/chase/", views.chase, name="chase"),
    path("assignments/<int:pk>/reassign/", views.reassign, name="reassign"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("handlers/", views.handlers, name="handlers"),
    path("handlers/<int:pk>/remove/", views.remove_handler, name="remove_handler"),
    path("reports/", views.reports_index, name="reports"),
    path("reports/excellent.xlsx", views.excellent_export, name="excellent_export"),
    path("reports/<int:dept>/review-form/", views.review_form, name="review_form"),
    path("reports/<int:dept>/handling/", views.handling_report, name="handling_report"),
    path("reports/<int:dept>/excellent/", views.excellent, name="excellent"),
    path(
        "reports/<int:dept>/excellent/<int:pk>/",
        views.excellent_details,
        name="excellent_details",
    ),
    path("reports/<int:dept>/weekly/", views.weekly, name="weekly"),
    path("reports/<int:dept>/meetings/", views.meetings, name="meetings"),
]
