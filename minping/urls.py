from __future__ import annotations

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from minping import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("minping.accounts.urls")),
    path("campaign/", include("minping.campaigns.urls")),
    path("departments/", include("minping.departments.urls")),
    path("selection/", include("minping.selection.urls")),
    path("ballots/", include("minping.ballots.urls")),
    path("surveys/", include("minping.surveys.urls")),
    path("suggestions/", include("minping.suggestions.urls")),
    path("consultations/", include("minping.consultations.urls")),
    path("meetings/", include("minping.meetings.urls")),
    path("hotline/", include("minping.hotline.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "minping.views.permission_denied"
handler404 = "minping.views.page_not_found"
handler500 = "minping.views.server_error"
