"""Jeugdketen: the shared platform of a Dutch youth-care region."""

from .celery import app as celery_app

__all__ = ["celery_app"]
