"""Issue 9 point 6: counts read as Dutch needs them — "1 melding", "2 meldingen" — on the home
page and in import results (ngettext / blocktranslate count)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from jeugdketen.core import importer
from tests.verwijsindex.factories import RegistratieFactory


def test_the_home_page_counts_one_registration_and_two_registrations(client_for: Any) -> None:
    RegistratieFactory(door="toegang")
    client = client_for("toegang")
    home = client.get("/").content.decode()
    assert "1 melding: nog informeren" in home and "1 meldingen" not in home
    RegistratieFactory(door="toegang")
    assert "2 meldingen: nog informeren" in client.get("/").content.decode()


def test_an_import_result_counts_lines_in_the_singular_and_the_plural() -> None:
    een_en_twee = importer.Resultaat(
        regels=[importer.Verwerkt(2, "ok")], fouten=[importer.Fout(3, "x"), importer.Fout(4, "y")]
    )
    with translation.override("nl"):
        html = render_to_string("jeugdhulp/_csv_resultaat.html", {"resultaat": een_en_twee})
        assert "1 regel verwerkt, 2 regels met een fout" in " ".join(html.split())
