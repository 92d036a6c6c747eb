from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minping.settings")
application = get_wsgi_application()

if os.environ.get("MINPING_ENV") == "production":
    # Management commands run the system checks; a WSGI server does not. Refuse to serve
    # with demo secrets or DEBUG on rather than start and leak (minping.E001-E007).
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    errors = [m for m in checks.run_checks(include_deployment_checks=False) if m.is_serious()]
    if errors:
        raise ImproperlyConfigured("; ".join(f"{m.id}: {m.msg}" for m in errors))
