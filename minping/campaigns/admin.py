from __future__ import annotations

from django.contrib import admin

from minping.campaigns import models

for model in (
    models.District,
    models.Department,
    models.Campaign,
    models.DepartmentGroup,
    models.Session,
    models.Venue,
    models.Category,
    models.Deadline,
):
    admin.site.register(model)
