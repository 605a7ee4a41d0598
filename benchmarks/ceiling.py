"""The bare-Django ceiling: one view, one indexed query, nothing else (no sessions, no auth, no
middleware, no templates). Served with the same gunicorn settings as the app, on the same
database, by benchmarks/run.py: what this machine can do at best for one request."""

from __future__ import annotations

import os

import dj_database_url
from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="ceiling-only",  # noqa: S106 - a benchmark app without sessions or users
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)},
    )

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def one_row(request: HttpRequest, pk: int) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT naam FROM gezinnen_gezin WHERE id = %s", [pk])
        row = cursor.fetchone()
    return HttpResponse(f"<p>{row[0] if row else ''}</p>", content_type="text/html")


urlpatterns = [path("c/<int:pk>/", one_row)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
