"""One PDF renderer for every app: a template that extends `core/pdf.html`, core's print
stylesheet (`jeugdketen/css/pdf.css`), weasyprint, tagged PDF/UA-1 (the accessible variant, as
Open Formulieren and Signalen produce).

The renderer never fetches a URL: the stylesheet is read from the static files and any other
resource a template names (an image, a font from the web) is refused, so a PDF cannot be made to
call out (SSRF) and looks the same everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"
STYLESHEET = "jeugdketen/css/pdf.css"


def _stylesheet() -> str:
    path = finders.find(STYLESHEET)
    if not isinstance(path, str):
        raise ImproperlyConfigured(f"{STYLESHEET} is missing from the static files")
    return Path(path).read_text(encoding="utf-8")


def render_pdf(template: str, context: dict[str, Any], *, request: HttpRequest | None = None) -> bytes:
    """Render `template` (which extends core/pdf.html) to the bytes of a tagged PDF/UA-1 file."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    no_fetching = URLFetcher(allowed_protocols=frozenset())  # every scheme refused, http and file alike
    html = render_to_string(template, context, request=request)
    document = HTML(string=html, url_fetcher=no_fetching)
    stylesheet = CSS(string=_stylesheet(), url_fetcher=no_fetching)
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, stylesheets=[stylesheet])
    return pdf


def pdf_response(request: HttpRequest, template: str, context: dict[str, Any], *, filename: str) -> HttpResponse:
    """The PDF as a download (`filename` is fixed text: never a person's name in a header)."""
    response = HttpResponse(render_pdf(template, context, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
