"""CSV through core.importer: good rows kept, each bad row reported with its line, twice = once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from jeugdketen.jeugdhulp import csvimport
from jeugdketen.jeugdhulp.models import Traject

from .conftest import Wereld


@pytest.fixture(autouse=True)
def _klok() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 2, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        yield


def toewijzingen(w: Wereld) -> bytes:
    return (
        "actie;bsn;geboortedatum;achternaam;gemeente;toewijzingnummer;aanbieder_agb;productcategorie;productcode;"
        "ingangsdatum;einddatum;volume;eenheid;frequentie;verwijzer\n"
        f"toewijzing;999990019;17-05-2012;Janssen;0917;801;{w.agb};45;45A06;2025-05-01;2025-12-31;2;04;2;02\n"
        f"toewijzing;999990018;17-05-2012;Janssen;0917;802;{w.agb};45;45A06;2025-05-01;2025-12-31;2;04;2;02\n"
        f"toewijzing;999990020;31-02-2012;Coenen;0917;803;{w.agb};45;;2025-05-01;;;;;\n"
        f"toewijzing;999990032;01-01-2013;Habets;0928;804;{w.agb};45;;2025-05-01;;;;;\n"
    ).encode()


def test_good_rows_are_kept_and_each_bad_row_is_reported_with_its_line(wereld: Wereld) -> None:
    resultaat = csvimport.verwerken(actor=wereld.actor("toegang"), data=toewijzingen(wereld))
    assert [r.uitkomst for r in resultaat.regels] == ["toegewezen"]
    fouten = dict(resultaat.fouten)
    assert set(fouten) == {3, 4, 5}
    assert "11-proef" in fouten[3]
    assert "geen datum" in fouten[4]
    assert "eigen gemeente" in fouten[5]
    assert list(Traject.objects.values_list("toewijzingnummer", flat=True)) == [801]


def test_the_same_file_twice_changes_nothing(wereld: Wereld) -> None:
    csvimport.verwerken(actor=wereld.actor("toegang"), data=toewijzingen(wereld))
    traject = Traject.objects.get()
    tweede = csvimport.verwerken(actor=wereld.actor("toegang"), data=toewijzingen(wereld))
    assert [r.uitkomst for r in tweede.regels] == ["bestond_al"]
    assert Traject.objects.get().gewijzigd == traject.gewijzigd


def test_the_provider_reports_start_and_stop_and_only_for_its_own_assignments(wereld: Wereld) -> None:
    csvimport.verwerken(actor=wereld.actor("toegang"), data=toewijzingen(wereld))
    regie = (
        b"actie,bsn,gemeente,toewijzingnummer,begindatum,einddatum,reden_beeindiging\n"
        b"start,999990019,GM0917,801,2025-05-05,,\n"
        b"stop,999990019,GM0917,801,2025-05-05,2025-05-30,31\n"
        b"start,999990019,GM0917,999,2025-05-05,,\n"
    )
    resultaat = csvimport.verwerken(actor=wereld.actor("aanbieder"), data=regie)
    assert [r.uitkomst for r in resultaat.regels] == ["gestart", "gestopt"]
    assert [r.regel for r in resultaat.fouten] == [4]
    traject = Traject.objects.get()
    assert (traject.begindatum, traject.einddatum_zorg) == (dt.date(2025, 5, 5), dt.date(2025, 5, 30))
    again = csvimport.verwerken(actor=wereld.actor("aanbieder"), data=regie)
    assert [r.uitkomst for r in again.regels] == ["bestond_al", "bestond_al"]
    ander = csvimport.verwerken(actor=wereld.actor("andere_aanbieder"), data=regie)
    assert ander.regels == [] and len(ander.fouten) == 3


def test_an_unusable_file_is_refused_as_a_whole(wereld: Wereld) -> None:
    with pytest.raises(ValidationError, match="kolomnamen"):
        csvimport.verwerken(actor=wereld.actor("toegang"), data=b"naam;leeftijd\nx;1\n")
    with pytest.raises(ValidationError, match="Onbekende kolom"):
        csvimport.verwerken(actor=wereld.actor("toegang"), data=b"actie;bsn;gemeente;toewijzingnummer;diagnose\n")


def test_an_oversized_name_or_an_implausible_date_is_a_row_error(wereld: Wereld) -> None:
    """A 500-character surname would not fit the person record (a database error on PostgreSQL);
    a birth date in 1850 or a start in year 9999 is a typing slip. Each is an error on its line."""
    data = (
        "actie;bsn;geboortedatum;achternaam;gemeente;toewijzingnummer;aanbieder_agb;productcategorie;ingangsdatum\n"
        f"toewijzing;999990019;17-05-2012;{'J' * 500};0917;801;{wereld.agb};45;2025-05-01\n"
        f"toewijzing;999990019;17-05-1850;Janssen;0917;801;{wereld.agb};45;2025-05-01\n"
        f"toewijzing;999990019;17-05-2012;Janssen;0917;801;{wereld.agb};45;9999-12-31\n"
    ).encode()
    resultaat = csvimport.verwerken(actor=wereld.actor("toegang"), data=data)
    fouten = dict(resultaat.fouten)
    assert set(fouten) == {2, 3, 4} and not resultaat.regels
    assert "kolom achternaam is te lang: maximaal 200 tekens" in fouten[2]
    assert "Kolom geboortedatum: Deze geboortedatum kan niet kloppen" in fouten[3]
    assert "Kolom ingangsdatum: Deze datum kan niet kloppen" in fouten[4]
    assert not Traject.objects.exists()
