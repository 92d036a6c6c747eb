from __future__ import annotations

from django.urls import path

from minping.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("<int:year>/", views.campaign_detail, name="detail"),
]
