from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from minping.accounts import views
from minping.accounts.forms import LoginForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url="/accounts/"
        ),
        name="password_change",
    ),
    path("", views.dashboard, name="dashboard"),
]
