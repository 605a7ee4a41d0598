"""Issue 9 point 6: every page a citizen can reach is complete in English.

Crawls every page that the demo logins `ouder` and `jongere` reach by following links from their
home page and menu, with English chosen, and records every text the pages ask gettext for
(templates' translate/blocktranslate, gettext, ngettext, pgettext, lazy labels) that has no
English translation in the compiled catalogs. This catches a text that was never extracted as
well as one without a msgstr, and does not depend on how the page lays out the text. Texts of
Django and other libraries (English msgids, their own catalogs) are not ours and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from jeugdketen.demo.generator import build
from tests.core.test_i18n import ensure_compiled_catalog

BURGERS = ("ouder", "jongere")
MAX_PAGINAS = 80
# Not pages: leaving, switching language, files, the API; the PDF is a file with the same texts as its page.
OVERSLAAN = re.compile(r"^/(uitloggen|taal|static|media|api|admin|beheer)/|\.pdf$|/pdf/$|/afdrukken/")
LINK = re.compile(r'<a\s[^>]*href="(/[^"#]*)"')


@pytest.fixture
def demo(db: Any, settings: Any) -> Any:
    settings.REQUIRE_2FA = False
    ensure_compiled_catalog()
    return build(size=1)  # Gezin Janssen: `ouder` Linda and `jongere` Daan with a plan and a toekomstplan


@pytest.fixture
def onvertaald(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """The msgids asked for in English that have no English translation (ours, not a library's)."""
    gemist: set[str] = set()
    en, nl = trans_real.translation("en"), trans_real.translation("nl")

    def bekend_in(catalogus: Any, sleutel: Any) -> bool:
        return sleutel in catalogus._catalog

    def eigen_tekst(sleutel: Any) -> bool:
        # A library's msgid is English and has a Dutch translation in its own catalog.
        return not bekend_in(nl, sleutel)

    # The language switch names each language in that language (settings.LANGUAGES), on purpose.
    eigen_naam = {naam for _code, naam in settings.LANGUAGES}

    def zie(tekst: str, sleutel: Any) -> None:
        if translation.get_language() != "en" or not tekst.strip() or tekst in eigen_naam:
            return
        if not bekend_in(en, sleutel) and eigen_tekst(sleutel):
            gemist.add(tekst)

    def wrap(naam: str, sleutel: Callable[..., Any], tekst: Callable[..., str]) -> None:
        origineel = getattr(translation._trans, naam)

        def gekeken(*args: Any) -> Any:
            zie(tekst(*args), sleutel(*args))
            return origineel(*args)

        monkeypatch.setattr(translation._trans, naam, gekeken)

    wrap("gettext", lambda m: m, lambda m: m)
    wrap("ngettext", lambda s, p, n: (s, 0), lambda s, p, n: s)
    wrap("pgettext", lambda c, m: f"{c}\x04{m}", lambda c, m: m)
    wrap("npgettext", lambda c, s, p, n: (f"{c}\x04{s}", 0), lambda c, s, p, n: s)
    yield gemist


def _crawl(client: Any) -> list[str]:
    """Every page reachable from the home page and the menu (same site, GET, HTML)."""
    te_doen, gezien = ["/"], set()
    while te_doen and len(gezien) < MAX_PAGINAS:
        pad = te_doen.pop(0)
        if pad in gezien or OVERSLAAN.search(pad):
            continue
        gezien.add(pad)
        response = client.get(pad)
        assert response.status_code in (200, 302, 404), (pad, response.status_code)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode()):
            doel = urlsplit(href.replace("&amp;", "&"))
            if doel.path not in gezien:
                te_doen.append(doel.path + (f"?{doel.query}" if doel.query else ""))
    return sorted(gezien)


@pytest.mark.parametrize("burger", BURGERS)
def test_every_page_a_citizen_reaches_is_complete_in_english(
    burger: str, demo: Any, onvertaald: set[str], client: Any
) -> None:
    from tests.conftest import login

    login(client, burger)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    paginas = _crawl(client)
    assert len(paginas) >= 5, paginas  # the crawl reached the citizen's pages at all
    assert not onvertaald, f"{burger}: no English for these texts on {len(paginas)} pages:\n" + "\n".join(
        sorted(onvertaald)
    )
