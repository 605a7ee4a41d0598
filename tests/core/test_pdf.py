"""The one PDF renderer (core.pdf): tagged PDF/UA-1 with the page's language and title, core's
print stylesheet, no outside resources fetched, a download with a fixed file name."""

from __future__ import annotations

import re
import zlib
from typing import Any

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from jeugdketen.core import pdf

PAGE = """{% extends "core/pdf.html" %}
{% block title %}Plan van het gezin{% endblock %}
{% block content %}<h1>Plan</h1><p>Tekst.</p><img src="http://127.0.0.1:9/spion.png" alt="">{% endblock %}"""


def _templates() -> list[dict[str, Any]]:
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            ("django.template.loaders.locmem.Loader", {"test/pagina.html": PAGE}),
            "django.template.loaders.app_directories.Loader",
        ],
    }
    return [engine]


def _readable(data: bytes) -> bytes:
    """The PDF with its compressed streams (object streams, XMP metadata) unpacked."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL weasyprint's fetcher would open (over the network or from disk)."""
    from weasyprint.urls import URLFetcher

    calls: list[str] = []
    original = URLFetcher.open

    def record(self: Any, url: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(str(getattr(url, "full_url", url)))
        return original(self, url, *args, **kwargs)

    monkeypatch.setattr(URLFetcher, "open", record)
    return calls


def test_a_pdf_is_tagged_pdf_ua_with_language_title_and_the_print_styles(fetched: list[str]) -> None:
    with override_settings(TEMPLATES=_templates()):
        data = pdf.render_pdf("test/pagina.html", {})
    assert data.startswith(b"%PDF")
    text = _readable(data)
    assert b"/StructTreeRoot" in text and b"/MarkInfo" in text  # tagged
    assert b"pdfuaid" in text  # declares PDF/UA in its metadata
    assert b"/Lang (nl)" in text and b"/Title (Plan van het gezin)" in text
    assert b"DisplayDocTitle" in text  # a reader shows the title, not the file name
    assert b"DejaVu-Sans" in text  # the stylesheet's typeface
    assert fetched == []  # the image on another server was never requested


def test_the_download_has_a_fixed_name_and_the_pdf_type() -> None:
    request = RequestFactory().get("/")
    with override_settings(TEMPLATES=_templates()):
        response = pdf.pdf_response(request, "test/pagina.html", {}, filename="gezinsplan.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="gezinsplan.pdf"'
    assert response.content.startswith(b"%PDF")
