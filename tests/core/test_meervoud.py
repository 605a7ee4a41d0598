"""Issue 9 point 6: counts read as Dutch needs them — "1 melding", "2 meldingen" — on the home
page and in import results (ngettext / blocktranslate count)."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from jeugdketen.core import importer, paginering
from tests.verwijsindex.factories import RegistratieFactory


def test_the_home_page_counts_one_registration_and_two_registrations(client_for: Any) -> None:
    RegistratieFactory(door="toegang")
    client = client_for("toegang")
    home = client.get("/").content.decode()
    assert "1 melding: nog informeren" in home and "1 meldingen" not in home
    RegistratieFactory(door="toegang")
    assert "2 meldingen: nog informeren" in client.get("/").content.decode()


def test_beyond_the_cap_the_home_page_says_more_than(client_for: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tile counts at most one row past the cap of every list (core.paginering), not every
    registration of a large organisation; the school, which registered none, has nothing to do."""
    monkeypatch.setattr(paginering, "TELLEN_TOT", 2)
    for _ in range(2):
        RegistratieFactory(door="toegang")
    assert "2 meldingen: nog informeren" in client_for("toegang").get("/").content.decode()
    RegistratieFactory(door="toegang")
    home = client_for("toegang").get("/").content.decode()
    assert "Meer dan 2 meldingen: nog informeren" in home and "3 meldingen" not in home
    assert "nog informeren" not in client_for("school").get("/").content.decode()


def test_an_import_result_counts_lines_in_the_singular_and_the_plural() -> None:
    een_en_twee = importer.Resultaat(
        regels=[importer.Verwerkt(2, "ok")], fouten=[importer.Fout(3, "x"), importer.Fout(4, "y")]
    )
    with translation.override("nl"):
        html = render_to_string("jeugdhulp/_csv_resultaat.html", {"resultaat": een_en_twee})
        assert "1 regel verwerkt, 2 regels met een fout" in " ".join(html.split())
