"""A small world for jeugdhulp tests: one region with two municipalities, an access team per
municipality, two providers with AGB codes, a GI, a school, leerplicht and policy staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from jeugdketen.core.access import Actor
from jeugdketen.core.rollen import Rol
from jeugdketen.jeugdhulp.codes import Hulpvorm, Productcategorie
from jeugdketen.organisaties.models import Gemeente, Medewerker, Regio

from . import factories as f


@dataclass
class Wereld:
    regio: Regio
    heerlen: Gemeente
    kerkrade: Gemeente
    toegang: Medewerker
    toegang_kerkrade: Medewerker
    aanbieder: Medewerker
    andere_aanbieder: Medewerker
    gi: Medewerker
    school: Medewerker
    leerplicht: Medewerker
    beleid: Medewerker

    def actor(self, naam: str) -> Actor:
        return f.actor_van(getattr(self, naam))

    @property
    def agb(self) -> str:
        return str(self.aanbieder.organisatie.zorgaanbieder.agb_code)

    @property
    def code(self) -> str:
        return self.heerlen.cbs_code[2:]


@pytest.fixture
def wereld(db: Any) -> Wereld:
    regio = f.RegioFactory(naam="Testregio")
    heerlen = f.GemeenteFactory(regio=regio, naam="Heerlen", cbs_code="GM0917")
    kerkrade = f.GemeenteFactory(regio=regio, naam="Kerkrade", cbs_code="GM0928")
    f.ProductcodeFactory(code="45A06", categorie=Productcategorie.AMBULANT, hulpvorm=Hulpvorm.AMBULANT)
    f.ProductcodeFactory(
        code="35A01", categorie=Productcategorie.PLEEGZORG_2015, hulpvorm=Hulpvorm.PLEEGZORG, omschrijving="Pleegzorg"
    )
    beleid = f.medewerker("gemeente_beleid", gemeente=heerlen)
    beleid.rol = Rol.BELEID
    beleid.save()
    return Wereld(
        regio=regio,
        heerlen=heerlen,
        kerkrade=kerkrade,
        toegang=f.medewerker("toegang", gemeente=heerlen),
        toegang_kerkrade=f.medewerker("toegang", gemeente=kerkrade),
        aanbieder=f.aanbieder(regio=regio),
        andere_aanbieder=f.aanbieder(regio=regio),
        gi=f.medewerker("gi", regio=regio),
        school=f.medewerker("school", gemeente=kerkrade),
        leerplicht=f.medewerker("leerplicht", regio=regio),
        beleid=beleid,
    )


VANDAAG = dt.date(2025, 6, 2)
