"""One table include for list pages (core/_tabel.html): a named scroll region, headings with
scope, one row per item through the page's row template, a sentence when there are none. A page
that writes the table markup itself again fails here."""

from __future__ import annotations

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
    # Follow-up: both could use the include once it takes per-cell captions and row headers.
    "agenda/templates/agenda/agenda.html": "the seeds' agenda tables: a row header per activity, a budget per year",
    "ervaring/templates/ervaring/cijfers.html": "six core values per municipality and year, hidden cells marked",
    # The monitor's tables with a chart, a row header per area and per-year columns (their own
    # explanation of suppressed cells); its plain lists use the include.
    "monitor/templates/monitor/_figuur.html": "a chart's table of numbers, suppressed cells marked",
    "monitor/templates/monitor/indicator.html": "an indicator per municipality and year against 2018",
    "monitor/templates/monitor/overzicht.html": "every indicator's region figure against 2018",
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
