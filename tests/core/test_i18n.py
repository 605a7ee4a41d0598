"""Dutch by default, English as the second language (docs/decisions/0004)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils.translation.reloader import translation_file_changed

CATALOG = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOG.with_suffix(".mo")
# The kernel and the login: fully translated. Domain apps fill their own entries as they go.
FULLY_TRANSLATED = ("core/", "organisaties/")


def ensure_compiled_catalog() -> None:
    """`make` compiles the catalogs; a bare `pytest` run compiles a missing or stale one here."""
    if COMPILED.exists() and COMPILED.stat().st_mtime >= CATALOG.stat().st_mtime:
        return
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("msgfmt (GNU gettext) is needed to compile the catalog: apt-get install gettext")
    subprocess.run([msgfmt, "--check-format", "-o", str(COMPILED), str(CATALOG)], check=True)
    translation_file_changed(None, COMPILED)  # forget catalogs loaded before this


@pytest.fixture(scope="module", autouse=True)
def compiled_catalog() -> None:
    ensure_compiled_catalog()


def _entries() -> list[tuple[list[str], str, str]]:
    """(references, msgid, msgstr) for every entry of the catalog; a small reader, no plurals.

    A fuzzy entry (msgmerge's guess, not used at runtime) counts as untranslated.
    """
    entries = []
    for block in CATALOG.read_text(encoding="utf-8").split("\n\n"):
        refs: list[str] = []
        parts: dict[str, list[str]] = {}
        current = ""
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#:"):
                refs.extend(line[2:].split())
            elif line.startswith(("msgid ", "msgstr ")):
                current, _, rest = line.partition(" ")
                parts[current] = [rest]
            elif line.startswith('"') and current:
                parts[current].append(line)
        if "msgid" in parts and "msgstr" in parts:
            msgid, msgstr = ("".join(ast.literal_eval(s) for s in parts[key]) for key in ("msgid", "msgstr"))
            if msgid:
                entries.append((refs, msgid, "" if fuzzy else msgstr))
    return entries


def _text(response: Any) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_login_page_is_dutch_by_default(client: Client) -> None:
    body = _text(client.get("/inloggen/"))
    assert '<html lang="nl"' in body
    assert "Inloggen bij Jeugdketen" in body
    assert "Gebruikersnaam" in body


@pytest.mark.django_db
def test_an_english_browser_still_gets_dutch(client: Client) -> None:
    """Dutch first: only the person's own choice in the footer switches the language."""
    body = _text(client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"))
    assert '<html lang="nl"' in body
    assert "Inloggen bij Jeugdketen" in body


@pytest.mark.django_db
def test_login_page_in_english_when_chosen(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = _text(client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="nl"))
    assert '<html lang="en"' in body
    assert "Log in to Jeugdketen" in body
    assert "Username" in body and "Password" in body
    assert "Skip to content" in body
    assert "Inloggen bij Jeugdketen" not in body


@pytest.mark.django_db
def test_unknown_language_cookie_falls_back_to_dutch(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert "Inloggen bij Jeugdketen" in _text(client.get("/inloggen/"))


@pytest.mark.django_db
def test_language_switch_in_the_footer(client: Client) -> None:
    response = client.post("/taal/", {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Log in to Jeugdketen" in _text(client.get("/inloggen/"))
    client.post("/taal/", {"language": "nl", "next": "/inloggen/"})
    assert "Inloggen bij Jeugdketen" in _text(client.get("/inloggen/"))


def test_home_page_in_english(client_for: Any) -> None:
    client = client_for("toegang")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = _text(client.get("/"))
    assert re.search(r"<h1[^>]*>My work</h1>", body)
    assert "Log out" in body


def test_kernel_and_login_texts_are_all_translated() -> None:
    missing = [
        msgid
        for refs, msgid, msgstr in _entries()
        if not msgstr and any(ref.startswith(FULLY_TRANSLATED) for ref in refs)
    ]
    assert not missing, "English translation missing in locale/en/LC_MESSAGES/django.po for:\n" + "\n".join(missing)


def test_placeholders_survive_translation() -> None:
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    wrong = [
        msgid
        for _refs, msgid, msgstr in _entries()
        if msgstr and sorted(placeholder.findall(msgid)) != sorted(placeholder.findall(msgstr))
    ]
    assert not wrong, f"placeholders differ between Dutch and English: {wrong}"
