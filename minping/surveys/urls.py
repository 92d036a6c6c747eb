from __future__ import annotations

from django.urls import path

from minping.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:survey_id>/", views.detail, name="detail"),
    path("<int:survey_id>/edit/", views.edit, name="edit"),
    path("<int:survey_id>/questions/new/", views.question_edit, name="question_new"),
    path("<int:survey_id>/questions/<int:question_id>/", views.question_edit, name="question"),
    path(
        "<int:survey_id>/questions/<int:question_id>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("<int:survey_id>/template/", views.use_template, name="template"),
    path("<int:survey_id>/preview/", views.preview, name="preview"),
    path("<int:survey_id>/state/", views.transition, name="transition"),
    path("<int:survey_id>/codes/", views.codes, name="codes"),
    path("<int:survey_id>/codes/<int:batch_id>/slips/", views.slips, name="slips"),
    path("<int:survey_id>/paper/", views.paper, name="paper"),
    path("<int:survey_id>/paper/<str:code>/", views.paper_resolve, name="paper_resolve"),
    path("<int:survey_id>/calls/", views.calls, name="calls"),
    path("calls/<int:list_id>/", views.call_list, name="call_list"),
    path("calls/<int:list_id>/draw/", views.call_draw, name="call_draw"),
    path("calls/<int:list_id>/next/", views.call_next, name="call_next"),
    path("contact/<int:contact_id>/", views.contact, name="contact"),
    path("contact/<int:contact_id>/reveal/", views.contact_reveal, name="contact_reveal"),
    path("contact/<int:contact_id>/answers/", views.contact_answers, name="contact_answers"),
    path("<int:survey_id>/results/", views.results, name="results"),
    path("<int:survey_id>/texts/", views.texts, name="texts"),
    path("<int:survey_id>/responses.xlsx", views.responses_xlsx, name="responses_xlsx"),
    path("<int:survey_id>/summary.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("<int:survey_id>/export.zip", views.export, name="export"),
    path("<int:survey_id>/publish/", views.publish, name="publish"),
    path("<int:survey_id>/scores/", views.scores, name="scores"),
    path("a/", views.answer_start, name="answer_start"),
    path("a/<str:code>/", views.answer, name="answer"),
    path("s/<int:survey_id>/", views.open_answer, name="open_answer"),
    path("s/<int:survey_id>/pilot/", views.pilot, name="pilot"),
    path("receipt/<str:code>/", views.receipt, name="receipt"),
    path("check/", views.check, name="check"),
]
