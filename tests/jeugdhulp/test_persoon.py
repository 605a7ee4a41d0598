"""One person record for a youth (point 1, decision 0009): the family member and the care point at
the same `Jeugdige`; a BSN is one person; the responsible municipality keeps its history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jeugdketen.gezinnen import services as gezinnen
from jeugdketen.gezinnen.models import Gezinslid, LidSoort
from jeugdketen.gezinnen.selectors import rol_in_gezin
from jeugdketen.jeugdhulp import selectors, services
from jeugdketen.personen import selectors as personen_selectors
from jeugdketen.personen import services as personen
from jeugdketen.personen.models import Jeugdige, Woonplaatsperiode

from . import factories as f
from .conftest import Wereld

BSN = "999973101"


def test_a_youth_with_care_who_later_joins_a_family_is_the_same_person(wereld: Wereld) -> None:
    persoon = services.jeugdige_vinden(
        services.JeugdigeInvoer(bsn=BSN, geboortedatum=dt.date(2013, 4, 4), achternaam="Vaessen"),
        gemeente=wereld.heerlen,
        vanaf=dt.date(2024, 1, 1),
    )
    traject = f.TrajectFactory(jeugdige=persoon, gemeente=wereld.heerlen, begindatum=dt.date(2024, 2, 1))
    gezin = gezinnen.gezin_aanmaken(
        by=wereld.actor("toegang"),
        naam="Gezin Vaessen",
        gemeente=wereld.heerlen,
        leden=[
            gezinnen.LidInvoer(soort=LidSoort.OUDER, voornaam="Anna", achternaam="Vaessen", gezag=True),
            gezinnen.LidInvoer(
                soort=LidSoort.JEUGDIGE,
                voornaam="Sem",
                achternaam="Vaessen",
                bsn=BSN,
                geboortedatum=dt.date(2013, 4, 4),
            ),
        ],
        doel="gezinsplan",
        einddatum=dt.date(2099, 1, 1),
    )
    lid = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.JEUGDIGE)
    assert lid.persoon == persoon and Jeugdige.objects.count() == 1  # never a copy
    toegang = wereld.actor("toegang")
    (hulp,) = selectors.koppelingen_voor_gezinsplan(toegang, gezin, rol_in_gezin(toegang, gezin))
    assert "Sem" in hulp.titel and traject.aanbieder.naam in hulp.toelichting


def test_a_known_bsn_with_another_birth_date_is_refused(wereld: Wereld) -> None:
    personen.jeugdige_vastleggen(bsn=BSN, geboortedatum=dt.date(2013, 4, 4), achternaam="Vaessen")
    with pytest.raises(ValidationError, match="andere geboortedatum"):
        personen.jeugdige_vastleggen(bsn=BSN, geboortedatum=dt.date(2013, 4, 5), achternaam="Vaessen")
    with pytest.raises(ValidationError, match="11-proef"):
        personen.jeugdige_vastleggen(bsn="999973102", geboortedatum=dt.date(2013, 4, 5), achternaam="X")


def test_a_move_closes_the_old_period_and_history_is_not_rewritten(wereld: Wereld) -> None:
    persoon = personen.jeugdige_vastleggen(
        bsn=BSN, geboortedatum=dt.date(2013, 4, 4), achternaam="V", gemeente=wereld.heerlen, vanaf=dt.date(2013, 4, 4)
    )
    personen.woonplaats_vastleggen(jeugdige=persoon, gemeente=wereld.heerlen, vanaf=dt.date(2020, 1, 1))  # same: no-op
    personen.woonplaats_vastleggen(jeugdige=persoon, gemeente=wereld.kerkrade, vanaf=dt.date(2024, 3, 1))
    assert [(p.gemeente.naam, p.vanaf, p.tot) for p in personen_selectors.geschiedenis(persoon)] == [
        ("Heerlen", dt.date(2013, 4, 4), dt.date(2024, 2, 29)),
        ("Kerkrade", dt.date(2024, 3, 1), None),
    ]
    assert personen_selectors.gemeente_op(persoon, dt.date(2024, 2, 29)) == wereld.heerlen
    assert personen_selectors.gemeente_op(persoon, dt.date(2024, 3, 1)) == wereld.kerkrade
    with pytest.raises(ValidationError):
        personen.woonplaats_vastleggen(jeugdige=persoon, gemeente=wereld.heerlen, vanaf=dt.date(2023, 1, 1))
    assert Woonplaatsperiode.objects.filter(jeugdige=persoon).count() == 2


def test_the_database_keeps_one_open_period_and_one_person_per_bsn(wereld: Wereld) -> None:
    from django.db import IntegrityError, transaction

    persoon = f.JeugdigeFactory(bsn=BSN)
    f.WoonplaatsFactory(jeugdige=persoon, gemeente=wereld.heerlen, vanaf=dt.date(2020, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        f.WoonplaatsFactory(jeugdige=persoon, gemeente=wereld.kerkrade, vanaf=dt.date(2021, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        f.JeugdigeFactory(bsn=BSN)
