from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DepartmentsConfig(AppConfig):
    name = "minping.departments"
    verbose_name = _("部门述职材料")
