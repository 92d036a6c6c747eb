from __future__ import annotations

from django.urls import path

from minping.consultations import views

app_name = "consultations"
urlpatterns = [
    # public
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/report/", views.public_report, name="report"),
    path("hearings/<int:pk>/", views.hearing, name="hearing"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    # department, office, supervisor
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.new, name="new"),
    path("manage/oversight/", views.oversight, name="oversight"),
    path("manage/<int:pk>/", views.staff, name="staff"),
    path("manage/<int:pk>/edit/", views.edit, name="edit"),
    path("manage/<int:pk>/submit/", views.submit, name="submit"),
    path("manage/<int:pk>/publish/", views.publish, name="publish"),
    path("manage/<int:pk>/return/", views.return_draft, name="return"),
    path("manage/<int:pk>/options/", views.add_option, name="add_option"),
    path("manage/options/<int:pk>/remove/", views.remove_option, name="remove_option"),
    path("manage/<int:pk>/attachments/", views.add_attachment, name="add_attachment"),
    path("manage/<int:pk>/comments/", views.comments, name="comments"),
    path("manage/<int:pk>/comments/record/", views.record_comment, name="record_comment"),
    path("manage/comments/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("manage/comments/<int:pk>/phone/", views.reveal_phone, name="reveal_phone"),
    path("manage/comments/<int:pk>/ungroup/", views.ungroup, name="ungroup"),
    path("manage/<int:pk>/weigh/", views.weigh, name="weigh"),
    path("manage/<int:pk>/weigh/group/", views.group, name="group"),
    path("manage/opinions/<int:pk>/decide/", views.decide, name="decide"),
    path("manage/<int:pk>/export.xlsx", views.export, name="export"),
    path("manage/<int:pk>/report/", views.report_edit, name="report_edit"),
    path("manage/<int:pk>/report/submit/", views.submit_report, name="submit_report"),
    path("manage/<int:pk>/report/approve/", views.approve_report, name="approve_report"),
    path("manage/<int:pk>/report/return/", views.return_report, name="return_report"),
    path("manage/<int:pk>/archive/", views.archive, name="archive"),
    path("manage/<int:pk>/delegates/", views.add_delegate, name="add_delegate"),
    path("manage/<int:pk>/delegates/approve/", views.approve_delegates, name="approve_delegates"),
    path("manage/delegates/<int:pk>/remove/", views.remove_delegate, name="remove_delegate"),
    path("manage/<int:pk>/symposia/new/", views.symposium_new, name="symposium_new"),
    path("manage/symposia/<int:pk>/", views.symposium, name="symposium"),
    path(
        "manage/symposia/<int:pk>/participants/",
        views.symposium_participant,
        name="symposium_participant",
    ),
    path(
        "manage/symposia/<int:pk>/materials/", views.symposium_materials, name="symposium_materials"
    ),
    path("manage/symposia/<int:pk>/minutes/", views.symposium_minutes, name="symposium_minutes"),
    path("manage/symposia/<int:pk>/scan/", views.symposium_scan, name="symposium_scan"),
    path("manage/<int:pk>/hearing/new/", views.hearing_new, name="hearing_new"),
    path("manage/hearings/<int:pk>/", views.hearing_staff, name="hearing_staff"),
    path("manage/hearings/<int:pk>/announce/", views.hearing_announce, name="hearing_announce"),
    path("manage/hearings/<int:pk>/invite/", views.hearing_invite, name="hearing_invite"),
    path("manage/hearings/<int:pk>/draw/", views.hearing_draw, name="hearing_draw"),
    path("manage/hearings/<int:pk>/publish/", views.hearing_publish, name="hearing_publish"),
    path("manage/hearings/<int:pk>/minutes/", views.hearing_minutes, name="hearing_minutes"),
    path("manage/hearings/<int:pk>/report/", views.hearing_report, name="hearing_report"),
    path("manage/registrations/<int:pk>/select/", views.hearing_select, name="hearing_select"),
    path(
        "manage/registrations/<int:pk>/phone/", views.registration_phone, name="registration_phone"
    ),
    path("manage/participants/<int:pk>/remove/", views.hearing_remove, name="hearing_remove"),
    path("manage/participants/<int:pk>/sign-in/", views.hearing_sign_in, name="hearing_sign_in"),
]
