from __future__ import annotations

from django.urls import path

from minping.ballots import views

app_name = "ballots"
urlpatterns = [
    path("", views.index, name="index"),
    path("session/<int:session_id>/", views.session_detail, name="session"),
    path("session/<int:session_id>/prepare/", views.session_prepare, name="prepare"),
    path("session/<int:session_id>/boxes/", views.session_transition, name="session_move"),
    path("session/<int:session_id>/design/", views.design_edit, name="design"),
    path("session/<int:session_id>/preview/", views.preview, name="preview"),
    path("session/<int:session_id>/export.zip", views.export_download, name="export"),
    path("session/<int:session_id>/tally/", views.tally_upload, name="tally"),
    path("session/<int:session_id>/results/", views.results_view, name="results"),
    path("session/<int:session_id>/results.xlsx", views.results_xlsx, name="results_xlsx"),
    path("session/<int:session_id>/publish/", views.publish, name="publish"),
    path("box/<str:box_id>/", views.box_detail, name="box"),
    path("box/<str:box_id>/issue/", views.box_issue, name="issue"),
    path("box/<str:box_id>/expected/", views.box_expected, name="expected"),
    path("box/<str:box_id>/state/", views.box_transition, name="transition"),
    path("box/<str:box_id>/slips/", views.box_slips, name="slips"),
    path("box/<str:box_id>/paper/", views.paper_entry, name="paper"),
    path("box/<str:box_id>/paper/<str:code>/", views.paper_resolve, name="paper_resolve"),
    path("box/<str:box_id>/seal/", views.box_seal, name="seal"),
    path("v/", views.vote_start, name="vote_start"),
    path("v/<str:code>/", views.vote, name="vote"),
    path("receipt/<str:code>/", views.receipt, name="receipt"),
    path("board/", views.board, name="board"),
    path("board/<str:box_id>/receipts/", views.board_receipts, name="board_receipts"),
]
