"""Security headers on static files too: WhiteNoise answers them before the page middleware, so
its own hook adds what that middleware would (core.koppen.static_headers)."""

from __future__ import annotations

from typing import Any

from django.test import Client

STATIC = "/static/jeugdketen/css/jeugdketen.css"


def test_static_files_carry_the_security_headers(db: Any) -> None:
    response = Client().get(STATIC, secure=True)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "no-store" not in response.get("Cache-Control", "")  # static files may be cached
    # HSTS only over https (RFC 6797: a browser ignores it over http)
    assert not Client().get(STATIC).has_header("Strict-Transport-Security")
