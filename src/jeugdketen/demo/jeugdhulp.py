"""Demo data of jeugdhulp (issue 10, point 9).

Always (also at size 0, for the browser tests): the providers' AGB codes, the region's product list
and norms, and, through the same services a person uses, work for every demo login —
* Daan Janssen (login `jongere`) has ambulant help from Jeugdhulp Parkstad, decided by the access
  team of Heerlen: his family finds the letter in the portal, the family plan shows the help;
* the provider (`aanbieder`) has an assignment waiting for its start beyond the Treeknorm and one to
  start; the access team (`toegang`) has a youth near 18 with care;
* the GI (`gi`) carries out an OTS past the region's duration norm and a recent one;
* the school (`school`) reported a thuiszitter who is home over 3 months without an offer.

The region Parkstad from 2018 until now in the shape of the real figures is `jeugdhulp_massa`,
run by `jeugdketen seed` / `make demo` (`size` times over; about size 90 is national scale).

Example iJw messages that fit the demo (`voorbeeldberichten`) are offered for download on the iJw
page, so a newcomer can try an upload.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from jeugdketen.core import kalender
from jeugdketen.demo.common import actor
from jeugdketen.jeugdhulp import services
from jeugdketen.jeugdhulp import voorbeelden as vb
from jeugdketen.jeugdhulp.codes import Hulpvorm, MaatregelSoort, Productcategorie, ThuiszitterSoort
from jeugdketen.jeugdhulp.models import Jeugdhulpnormen, Levering, Maatregel, Productcode, Traject, Zorgaanbieder
from jeugdketen.organisaties.models import Gemeente, Organisatie, Regio
from jeugdketen.personen.models import Jeugdige

logger = logging.getLogger(__name__)

# Fictitious AGB codes (Vektis) of the demo providers.
AGB = {
    "Jeugdhulp Parkstad": "41000011",
    "Pleegzorg Zuid-Limburg": "41000028",
    "GGZ Jeugd Parkstad": "41000035",
    "Integrale Crisisdienst Jeugd Zuid-Limburg": "41000042",
}

# The region's product list: code, JZ020 category, description, CBS kind of help, small-scale.
PRODUCTEN: list[tuple[str, str, str, str, bool | None]] = [
    ("31A01", Productcategorie.WIJKTEAM_2015, "Lichte ondersteuning door het wijkteam", Hulpvorm.WIJKTEAM, None),
    ("45A06", Productcategorie.AMBULANT, "Ambulante begeleiding", Hulpvorm.AMBULANT, None),
    ("45A07", Productcategorie.AMBULANT, "Ambulante behandeling", Hulpvorm.AMBULANT, None),
    ("54A01", Productcategorie.JEUGD_GGZ, "Behandeling jeugd-ggz", Hulpvorm.AMBULANT, None),
    ("41A01", Productcategorie.DAGBEHANDELING, "Dagbehandeling", Hulpvorm.DAGHULP, None),
    ("34A01", Productcategorie.NETWERK_2015, "Ondersteuning in het netwerk", Hulpvorm.NETWERK, None),
    ("35A01", Productcategorie.PLEEGZORG_2015, "Pleegzorg, voltijd", Hulpvorm.PLEEGZORG, None),
    ("35A02", Productcategorie.PLEEGZORG_2015, "Pleegzorg, deeltijd", Hulpvorm.PLEEGZORG, None),
    ("36A01", Productcategorie.GEZINSGERICHT_2015, "Gezinshuis", Hulpvorm.GEZINSHUIS, True),
    (
        "43A01",
        Productcategorie.VERBLIJF_MET_BEHANDELING,
        "Kleinschalig wonen met behandeling",
        Hulpvorm.RESIDENTIEEL,
        True,
    ),
    ("43A02", Productcategorie.VERBLIJF_MET_BEHANDELING, "Residentiële behandelgroep", Hulpvorm.RESIDENTIEEL, False),
    ("37A01", Productcategorie.GESLOTEN_2015, "Jeugdzorgplus (gesloten)", Hulpvorm.GESLOTEN, False),
    ("46A01", Productcategorie.CRISIS, "Crisishulp ambulant", Hulpvorm.CRISIS, None),
]


def jeugdhulp_demo(regio: Regio, *, size: int, rng: random.Random) -> None:
    _referentie(regio)
    if not Traject.objects.filter(gemeente__regio=regio, bron="pagina").exists():
        _demo_logins(regio)
    _daan(regio)  # the Janssen family exists from size 1


def _referentie(regio: Regio) -> None:
    for naam, agb in AGB.items():
        org = Organisatie.objects.filter(regio=regio, naam=naam).first()
        if org is not None:
            Zorgaanbieder.objects.get_or_create(organisatie=org, defaults={"agb_code": agb})
    for code, categorie, omschrijving, hulpvorm, klein in PRODUCTEN:
        Productcode.objects.get_or_create(
            code=code,
            defaults={
                "categorie": categorie,
                "omschrijving": omschrijving,
                "hulpvorm": hulpvorm,
                "kleinschalig": klein,
            },
        )
    Jeugdhulpnormen.objects.get_or_create(regio=regio)


def _born(jaren: int, dagen: int = 0) -> dt.date:
    return kalender.plus_jaren(kalender.vandaag(), -jaren) - dt.timedelta(days=dagen)


def _org(regio: Regio, naam: str) -> Organisatie:
    return Organisatie.objects.get(regio=regio, naam=naam)


def _jeugdige(bsn: str, geboortedatum: dt.date, voornaam: str, achternaam: str) -> services.JeugdigeInvoer:
    return services.JeugdigeInvoer(bsn=bsn, geboortedatum=geboortedatum, achternaam=achternaam, voornamen=voornaam)


# Fixed demo BSNs (999 range, they pass the 11-test, the BRP's test persons' range), away from the
# first numbers of that range that tests like to use.
DEMO_BSN = ["999973009", "999973010", "999973022", "999973034", "999973046", "999973058", "999973071"]


@transaction.atomic
def _demo_logins(regio: Regio) -> None:
    heerlen = Gemeente.objects.get(regio=regio, cbs_code="GM0917")
    kerkrade = Gemeente.objects.get(regio=regio, cbs_code="GM0928")
    toegang = actor("toegang")
    parkstad = _org(regio, "Jeugdhulp Parkstad")
    pleegzorg = _org(regio, "Pleegzorg Zuid-Limburg")
    today = kalender.vandaag()

    def toewijzen(bsn: str, geboren: dt.date, voornaam: str, achternaam: str, **kwargs: Any) -> Traject:
        persoon = services.jeugdige_vinden(
            _jeugdige(bsn, geboren, voornaam, achternaam), gemeente=heerlen, vanaf=geboren
        )
        traject, _nieuw = services.traject_toewijzen(
            by=toegang, jeugdige=persoon, gemeente=heerlen, invoer=services.ToewijzingInvoer(**kwargs)
        )
        return traject

    # Waiting for an intake longer than the Treeknorm (4 weeks).
    toewijzen(
        DEMO_BSN[1], _born(9, 120), "Mila", "Coenen",
        aanbieder=parkstad, productcategorie=Productcategorie.AMBULANT, productcode="45A07",
        ingangsdatum=today - dt.timedelta(days=40), einddatum=today + dt.timedelta(days=300),
        volume=1, eenheid="04", frequentie="2", verwijzer="02", aanmelddatum=today - dt.timedelta(days=45),
    )  # fmt: skip
    # Assigned yesterday, to start (for the JW305 example).
    toewijzen(
        DEMO_BSN[2], _born(13, 30), "Noah", "Habets",
        aanbieder=parkstad, productcategorie=Productcategorie.AMBULANT, productcode="45A06",
        ingangsdatum=today - dt.timedelta(days=1), einddatum=today + dt.timedelta(days=180),
        volume=3, eenheid="04", frequentie="2", verwijzer="01", aanmelddatum=today - dt.timedelta(days=10),
    )  # fmt: skip
    # Near 18, in foster care (continues to 21 unless the youth wants otherwise).
    pleeg = toewijzen(
        DEMO_BSN[3], _born(17, 300), "Sophie", "Vaessen",
        aanbieder=pleegzorg, productcategorie=Productcategorie.PLEEGZORG_2015, productcode="35A01",
        ingangsdatum=today - dt.timedelta(days=700), einddatum=None, verwijzer="04",
        volume=7, eenheid="14", frequentie="2",
    )  # fmt: skip
    # No demo login works at the foster-care provider: its start as the provider's system reported it.
    Levering.objects.create(traject=pleeg, begindatum=today - dt.timedelta(days=690))
    Traject.objects.filter(pk=pleeg.pk).update(begindatum=today - dt.timedelta(days=690))

    # The GI: an OTS past the norm (18 months) and a recent one.
    gi = actor("gi")
    services.maatregel_vastleggen(
        by=gi, jeugdige=_jeugdige(DEMO_BSN[4], _born(11), "Lars", "Notermans"), gemeente=heerlen,
        soort=MaatregelSoort.OTS, uitspraakdatum=today - dt.timedelta(days=700),
        ingangsdatum=today - dt.timedelta(days=700), einddatum=today + dt.timedelta(days=30),
    )  # fmt: skip
    services.maatregel_vastleggen(
        by=gi, jeugdige=_jeugdige(DEMO_BSN[5], _born(6), "Yara", "Ortmans"), gemeente=kerkrade,
        soort=MaatregelSoort.VOORLOPIGE_OTS, uitspraakdatum=today - dt.timedelta(days=20),
        ingangsdatum=today - dt.timedelta(days=20), einddatum=today + dt.timedelta(days=70),
    )  # fmt: skip

    # The school: a pupil home over 3 months without a suitable offer.
    services.thuiszitter_melden(
        by=actor("school"), jeugdige=_jeugdige(DEMO_BSN[6], _born(10, 40), "Bram", "Dautzenberg"),
        gemeente=kerkrade, soort=ThuiszitterSoort.RELATIEF, school=None, sinds=today - dt.timedelta(days=120),
    )  # fmt: skip
    # A JW305 the provider delivered earlier, for an assignment that does not exist (9019).
    noah = Jeugdige.objects.get(bsn=DEMO_BSN[2])
    eerder = vb.schrijf(
        "jw305",
        vb.Bericht(
            vb.Kop(afzender=AGB["Jeugdhulp Parkstad"], ontvanger="0917", identificatie="305-DEMO", dagtekening=today),
            vb.Client(bsn=noah.bsn, geboortedatum=noah.geboortedatum, achternaam=noah.achternaam),
            [vb.Regie(999998, today)],
        ),
    )
    services.ijw_bericht_verwerken(by=actor("aanbieder"), inhoud=eerder, bestandsnaam="JW305-eerder.xml")
    logger.info("jeugdhulp demo: %s trajectories, %s measures", Traject.objects.count(), Maatregel.objects.count())


def demo_objecten(regio: Regio) -> dict[str, Any]:
    """The demo's jeugdhulp records that pages are opened with (tests/core/test_guardrails.py)."""
    from jeugdketen.jeugdhulp.models import Beschikking, Ontvangst, Thuiszitter

    beschikking = Beschikking.objects.filter(gemeente__regio=regio).select_related("jeugdige").first()
    return {
        "beschikking": beschikking,
        "traject": beschikking.trajecten.get() if beschikking else None,
        "ontvangst": Ontvangst.objects.filter(organisatie__naam="Jeugdhulp Parkstad", jeugdige__isnull=False).first(),
        "maatregel": Maatregel.objects.filter(gi__naam="Jeugdbescherming Limburg").first(),
        "thuiszitter": Thuiszitter.objects.filter(gemeld_door_organisatie__naam="Basisschool De Bron").first(),
        # the assignment the example JW305 of `aanbieder` starts (selectors.traject_voor_voorbeeld)
        "voorbeeld": Traject.objects.filter(aanbieder__naam="Jeugdhulp Parkstad", begindatum__isnull=True)
        .exclude(reden_wijziging="13")
        .order_by("-ingangsdatum", "-id")
        .first(),
    }


@transaction.atomic
def _daan(regio: Regio) -> None:
    heerlen = Gemeente.objects.get(regio=regio, cbs_code="GM0917")
    toegang = actor("toegang")
    aanbieder = actor("aanbieder")
    parkstad = _org(regio, "Jeugdhulp Parkstad")
    today = kalender.vandaag()
    # Daan Janssen (the `jongere` login) is the youth of the Janssen family: the same person.
    daan = Jeugdige.objects.filter(gezinsleden__gebruiker__username="jongere").first()
    if daan is not None and not daan.beschikkingen.exists():
        invoer = _jeugdige(daan.bsn, daan.geboortedatum, daan.voornamen, daan.achternaam)
        beschikking = services.beschikking_nemen(
            by=toegang,
            jeugdige=invoer,
            gemeente=heerlen,
            besluitdatum=today - dt.timedelta(days=40),
            toelichting=(
                "Daan wil leren omgaan met boosheid en weer goed naar school gaan. Een begeleider van "
                "Jeugdhulp Parkstad komt elke week langs, bij Daan thuis en op school."
            ),
            toewijzing=services.ToewijzingInvoer(
                aanbieder=parkstad,
                productcategorie=Productcategorie.AMBULANT,
                productcode="45A06",
                ingangsdatum=today - dt.timedelta(days=35),
                einddatum=today + dt.timedelta(days=330),
                volume=2,
                eenheid="04",
                frequentie="2",
                verwijzer="01",
                aanmelddatum=today - dt.timedelta(days=60),
            ),
        )
        traject = beschikking.trajecten.get()
        services.levering_starten(
            by=aanbieder,
            traject=traject,
            begindatum=today - dt.timedelta(days=20),
            intakedatum=today - dt.timedelta(days=45),
        )


def voorbeeldberichten(regio: Regio) -> dict[str, bytes]:
    """The example messages of the iJw page for the demo logins `aanbieder` and `toegang`."""
    heerlen = Gemeente.objects.get(regio=regio, cbs_code="GM0917")
    parkstad = Zorgaanbieder.objects.filter(organisatie__regio=regio, organisatie__naam="Jeugdhulp Parkstad").first()
    noah = Traject.objects.filter(gemeente=heerlen, jeugdige__bsn=DEMO_BSN[2]).select_related("jeugdige", "gemeente")
    traject = noah.first()
    if parkstad is None or traject is None:
        return {}
    today = kalender.vandaag()
    stamp = timezone.localtime().strftime("%H%M%S")
    return {
        "JW301-voorbeeld.xml": vb.voor_gemeente(heerlen.cbs_code, parkstad.agb_code, today, f"301-{stamp}"),
        "JW305-voorbeeld.xml": vb.voor_aanbieder(traject, parkstad.agb_code, today, f"305-{stamp}"),
    }
