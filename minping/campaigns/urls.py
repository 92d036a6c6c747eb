from __future__ import annotations

from django.urls import path

from minping.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("<int:year>/", views.campaign_detail, name="detail"),
    # The office's setup pages.
    path("setup/", views.setup_home, name="setup_home"),
    path("setup/campaigns/", views.campaign_list, name="campaign_list"),
    path("setup/campaigns/new/", views.campaign_create, name="campaign_create"),
    path("setup/<int:year>/", views.setup_overview, name="setup"),
    path("setup/<int:year>/edit/", views.campaign_edit, name="campaign_edit"),
    path("setup/<int:year>/current/", views.campaign_set_current, name="campaign_set_current"),
    path("setup/<int:year>/sessions/", views.session_list, name="session_list"),
    path("setup/<int:year>/sessions/new/", views.session_create, name="session_create"),
    path("setup/sessions/<int:pk>/", views.session_edit, name="session_edit"),
    path("setup/sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("setup/<int:year>/venues/", views.venue_list, name="venue_list"),
    path("setup/<int:year>/venues/new/", views.venue_create, name="venue_create"),
    path("setup/venues/<int:pk>/", views.venue_edit, name="venue_edit"),
    path("setup/venues/<int:pk>/delete/", views.venue_delete, name="venue_delete"),
    path("setup/<int:year>/groups/", views.group_list, name="group_list"),
    path("setup/<int:year>/groups/new/", views.group_create, name="group_create"),
    path("setup/groups/<int:pk>/", views.group_edit, name="group_edit"),
    path("setup/<int:year>/categories/", views.category_list, name="category_list"),
    path("setup/<int:year>/categories/new/", views.category_create, name="category_create"),
    path("setup/categories/<int:pk>/", views.category_edit, name="category_edit"),
    path("setup/<int:year>/calendar/", views.deadline_list, name="deadline_list"),
    path("setup/<int:year>/calendar/new/", views.deadline_create, name="deadline_create"),
    path("setup/calendar/<int:pk>/", views.deadline_edit, name="deadline_edit"),
    path("setup/calendar/<int:pk>/delete/", views.deadline_delete, name="deadline_delete"),
    path("setup/districts/", views.district_list, name="district_list"),
    path("setup/districts/new/", views.district_create, name="district_create"),
    path("setup/districts/<int:pk>/", views.district_edit, name="district_edit"),
    path("setup/districts/<int:pk>/toggle/", views.district_toggle, name="district_toggle"),
    path("setup/departments/", views.department_list, name="department_list"),
    path("setup/departments/new/", views.department_create, name="department_create"),
    path("setup/departments/<int:pk>/", views.department_edit, name="department_edit"),
    path("setup/departments/<int:pk>/toggle/", views.department_toggle, name="department_toggle"),
]
