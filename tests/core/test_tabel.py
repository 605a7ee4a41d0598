"""One table include (core/_tabel.html): a named scroll region, headings with scope, one row per
item through the page's row template (with its own row header), a sentence when there are none;
for a table of figures a caption (shown or for screen readers), numeric columns, a column per
year, a row's anchor and a total row. A page that writes the table markup itself again fails here."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import engines

import jeugdketen

PAGE = (
    '{% load i18n tabel %}{% kolommen _("Naam") "Datum" as koppen %}'
    '{% include "core/_tabel.html" with label=_("Mensen") koppen=koppen rijen=mensen'
    ' rij_template="core/_toegangslog_rij.html" leeg=_("Niemand.") %}'
)

# Tables that are not a list of items (each row is marked differently), with the reason.
OWN_MARKUP = {
    "gezinsplan/templates/gezinsplan/versies.html": "two versions side by side, each row marked as added/removed",
    "core/templates/core/_tabel.html": "the include itself",
}


def _render(mensen: list[object]) -> str:
    return engines["django"].from_string(PAGE).render({"mensen": mensen})


def test_headings_region_and_the_empty_sentence() -> None:
    html = _render([])
    assert '<div class="jk-table-wrap" tabindex="0" role="region" aria-label="Mensen">' in html
    assert '<th class="utrecht-table__header-cell" scope="col">Naam</th>' in html
    assert '<th class="utrecht-table__header-cell" scope="col">Datum</th>' in html
    assert '<td class="utrecht-table__cell" colspan="2">Niemand.</td>' in html


def test_one_row_per_item_through_the_row_template() -> None:
    rows = [{"gebruiker_naam": "A. de Vries", "namens": "A. de Vries"}, {"gebruiker_naam": "B", "namens": "B"}]
    html = _render(rows)
    assert html.count('<tr class="utrecht-table__row">') == 3  # the heading row and two items
    assert "A. de Vries" in html and "Niemand." not in html


def test_list_pages_use_the_include_instead_of_their_own_table() -> None:
    root = Path(jeugdketen.__file__).parent
    own = sorted(
        str(p.relative_to(root))
        for p in root.glob("*/templates/**/*.html")
        if "jk-table-wrap" in p.read_text(encoding="utf-8") and str(p.relative_to(root)) not in OWN_MARKUP
    )
    assert own == [], f"use core/_tabel.html: {own}"


FIGUREN = (
    '{% load i18n tabel %}{% kolommen _("Gebied") jaren as koppen %}'
    '{% include "core/_tabel.html" with label="Cijfers" koppen=koppen rijen=reeksen numeriek_vanaf=1'
    " bijschrift=bijschrift bijschrift_verborgen=verborgen rij_anker=anker laatste_rij=laatste"
    ' data_attribuut="grafiektabel" rij_template="monitor/_figuur_rij.html" %}'
)


def _figuren(**context: object) -> str:
    reeksen = [
        ("GM0917", "Heerlen", [{"waarde": {"tekst": "3,5"}}, {"waarde": {"tekst": ""}}], None),
        ("GM0928", "Kerkrade", [{"waarde": {"tekst": "< 10"}}, {"waarde": {"tekst": "4,1"}}], None),
    ]
    return engines["django"].from_string(FIGUREN).render({"jaren": [2019, 2020], "reeksen": reeksen} | context)


def _gewoon(html: str) -> str:
    return re.sub(r">\s+<", "><", html)


def test_a_table_of_figures_has_its_caption_row_headers_and_a_numeric_column_per_year() -> None:
    html = _gewoon(_figuren(bijschrift="Jeugdhulp (%)"))
    assert (
        '<table class="utrecht-table" data-grafiektabel><caption class="utrecht-table__caption">Jeugdhulp (%)</caption>'
        in html
    )
    assert '<th class="utrecht-table__header-cell" scope="col">Gebied</th>' in html
    for jaar in (2019, 2020):
        assert (
            f'<th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{jaar}</th>'
            in html
        )
    assert (
        '<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="row">Heerlen</th>'
        '<td class="utrecht-table__cell utrecht-table__cell--numeric">3,5</td>'
        '<td class="utrecht-table__cell utrecht-table__cell--numeric">–</td></tr>'
    ) in html
    assert '<td class="utrecht-table__cell utrecht-table__cell--numeric">&lt; 10</td>' in html
    assert " id=" not in html  # no anchors unless asked


def test_a_caption_for_screen_readers_only_row_anchors_and_a_total_row() -> None:
    rijen = [{"anker": "activiteit-1"}, {"anker": "activiteit-2"}]
    page = (
        '{% include "core/_tabel.html" with label="Budget" koppen=koppen rijen=rijen bijschrift="Activiteiten"'
        ' bijschrift_verborgen=True rij_anker=True rij_template="core/_toegangslog_rij.html"'
        ' laatste_rij="core/_toegangslog_rij.html" %}'
    )
    html = _gewoon(engines["django"].from_string(page).render({"koppen": ["Naam"], "rijen": rijen}))
    assert '<caption class="jk-visually-hidden">Activiteiten</caption>' in html
    assert '<tr class="utrecht-table__row" id="activiteit-1">' in html
    assert '<tr class="utrecht-table__row" id="activiteit-2">' in html
    assert html.count('<tr class="utrecht-table__row">') == 2  # the heading row and the last row


def test_without_a_caption_there_is_no_caption_element() -> None:
    assert "<caption" not in _figuren() and "<caption" not in _render([])
