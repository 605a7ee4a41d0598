"""The monitor's indicators: what each one counts, over what, from which source, and which goal
of the seed documents it measures. The codes are stable (the agenda links its goals to them, the
open-data addresses carry them): never rename one.

Kinds of value:
* AANDEEL   teller / noemer × 100 (a percentage)
* PER_1000  teller / noemer × 1000
* AANTAL    the teller itself (a count)
* MEDIAAN   a median in days over `basis` people (suppressed like a percentage)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Soort(StrEnum):
    AANDEEL = "aandeel"
    PER_1000 = "per_1000"
    AANTAL = "aantal"
    MEDIAAN = "mediaan"


@dataclass(frozen=True)
class Doel:
    """A goal of a seed document, in the document's own words."""

    tekst: str
    bron: str


@dataclass(frozen=True)
class Indicator:
    code: str
    naam: str | Promise
    soort: Soort
    teller: str | Promise
    noemer: str | Promise
    bron: str | Promise
    doelen: tuple[Doel, ...]
    eenheid: str | Promise = ""
    # National figures (CBS, DOMAIN.md) per year, where one is known.
    landelijk: dict[int, float] = field(default_factory=dict)
    per_gemeente: bool = True
    per_kwartaal: bool = False
    # Also computed per provider (the provider sees only its own).
    per_aanbieder: bool = False
    # A stand on the computation day (this year only), not a history.
    alleen_nu: bool = False

    @property
    def is_verhouding(self) -> bool:
        return self.soort in (Soort.AANDEEL, Soort.PER_1000)


S000 = "Seed 000: Beleidsagenda Jeugd Parkstad 2019-2022"
S001 = "Seed 001: Beleidskader Jeugd Zuid-Limburg, actielijnen"
S002 = "Seed 002: Regionale Transformatieagenda, Meierijstad"
S004 = "Seed 004: Regionaal Beleidsplan Jeugd Zuid-Kennemerland"

MINDER_JEUGDHULP = Doel(
    "Het aantal jeugdigen die begeleiding onder de jeugdwet ontvangen in ZL is gedaald ten opzichte van 2018", S001
)
PLEEGZORG = Doel("Stijging aandeel kinderen in pleeggezinnen t.o.v. totaal aantal kinderen in verblijf", S001)
MINDER_VERBLIJF = Doel("Er verblijven minder jeugdigen uit Zuid-Limburg in verblijf t.o.v. 2018", S001)
GESLOTEN = Doel("Het aantal jeugdigen die gesloten geplaatst worden in ZL is gedaald ten opzichte van 2018.", S001)
KLEINSCHALIG = Doel(
    "Van de jeugdigen in verblijf is het % jeugdigen in kleinschalige integrale verblijfsvormen, in de buurt "
    "groter dan in 2018.",
    S001,
)
UITVAL = Doel("Minder uitval pleeggezinnen ten opzichte van 2018", S001)
MINDER_VERWIJZINGEN = Doel("Op 31 december 2023 zijn er minder verwijzingen naar gespecialiseerde jeugdhulp.", S002)
HUISARTSEN = Doel(
    "Huisartsen werken nauw samen met de lokale toegangsteams en krijgen in gezamenlijkheid meer grip op de "
    "verwijzingen naar gespecialiseerde jeugdhulp.",
    S002,
)
OTS_AANTAL = Doel(
    "Regio zuid is niet langer de regio met relatief het hoogste aantal ondertoezichtstellingen in Nederland", S001
)
OTS_DUUR = Doel(
    "De doorlooptijden van de OTS (Onder toezichtstelling) dalen naar het gemiddeld niveau van de doorlooptijden "
    "elders in Limburg",
    S001,
)
THUISZITTERS = Doel("Geen thuiszitters meer, tenzij een te overziende periode overbrugd moet worden", S001)
TOEKOMSTPLAN = Doel(
    "Voor elke jeugdige die jeugdhulp nodig heeft, wordt vanaf 16,5 jaar een toekomstplan opgesteld.", S002
)
EEN_PLAN = Doel(
    "Afspraken worden consequent en door alle betrokkenen toegepast.", S000 + ", thema 6: 1 gezin, 1 plan, 1 regisseur"
)
CRISIS = Doel("Per 1 juli 2020: Nieuwe integrale crisisdienst Jeugd (ICJ) realiseert voor 90% de doelstellingen", S001)
WACHTTIJD = Doel(
    "Bij de jeugd GGZ aanbieders zijn de wachttijden voor jeugdigen conform de contractuele afspraken.", S001
)
VERWIJSINDEX = Doel(
    "Aangesloten organisaties gebruiken de verwijsindex conform richtlijnen en afspraken",
    S000 + ", thema 2: Vroeg samenwerken in Parkstad",
)
KERNWAARDEN = Doel(
    "De kernwaarden geformuleerd door jongeren en ouders (zie kader) leggen we regelmatig naast ons handelen en "
    "waar nodig passen we ons handelen op basis hiervan aan.",
    S004,
)

JEUGDHULP = _("Jeugdhulp (trajecten van de gemeenten, iJw-berichten, API en CSV)")
BEVOLKING = _("Bevolking per gemeente en leeftijd (CBS), 1 januari van het jaar")

INDICATOREN: tuple[Indicator, ...] = (
    Indicator(
        "jeugdhulp_per_1000",
        _("Jeugdigen met jeugdhulp per 1.000 jeugdigen"),
        Soort.PER_1000,
        _("Jeugdigen met een jeugdhulptraject dat in het jaar liep"),
        _("Inwoners van 0 tot 18 jaar"),
        JEUGDHULP,
        (MINDER_JEUGDHULP,),
        _("per 1.000"),
        landelijk={2018: 117.0, 2021: 129.0},
    ),
    Indicator(
        "jeugdhulp_pct",
        _("Jeugdigen met jeugdhulp (BBV-indicator)"),
        Soort.AANDEEL,
        _("Jeugdigen met een jeugdhulptraject dat in het jaar liep"),
        _("Inwoners van 0 tot 18 jaar"),
        JEUGDHULP,
        (MINDER_JEUGDHULP,),
        "%",
        landelijk={2018: 11.7, 2021: 12.9},
    ),
    Indicator(
        "jeugdbescherming_pct",
        _("Jeugdigen met jeugdbescherming (BBV-indicator)"),
        Soort.AANDEEL,
        _("Jeugdigen met een (voorlopige) ondertoezichtstelling of voogdij in het jaar"),
        _("Inwoners van 0 tot 18 jaar"),
        _("Jeugdhulp: maatregelen"),
        (OTS_AANTAL,),
        "%",
        landelijk={2018: 1.2, 2021: 1.2},
    ),
    Indicator(
        "jeugdreclassering_pct",
        _("Jeugdigen met jeugdreclassering (BBV-indicator)"),
        Soort.AANDEEL,
        _("Jeugdigen met jeugdreclassering in het jaar"),
        _("Inwoners van 12 tot 23 jaar"),
        _("Jeugdhulp: maatregelen"),
        (),
        "%",
        landelijk={2018: 0.4, 2021: 0.3},
    ),
    Indicator(
        "pleegzorg_aandeel",
        _("Aandeel pleegzorg in alle jeugdigen met verblijf"),
        Soort.AANDEEL,
        _("Jeugdigen in pleegzorg in het jaar"),
        _("Jeugdigen met jeugdhulp met verblijf in het jaar"),
        JEUGDHULP,
        (PLEEGZORG,),
        "%",
    ),
    Indicator(
        "residentieel",
        _("Jeugdigen met verblijf"),
        Soort.AANTAL,
        _("Jeugdigen met jeugdhulp met verblijf (pleegzorg, gezinshuis, gesloten, overig residentieel, crisis)"),
        _("geen (een aantal)"),
        JEUGDHULP,
        (MINDER_VERBLIJF,),
        _("jeugdigen"),
    ),
    Indicator(
        "jeugdzorgplus",
        _("Jeugdigen in gesloten jeugdhulp (jeugdzorgplus)"),
        Soort.AANTAL,
        _("Jeugdigen met gesloten jeugdhulp in het jaar"),
        _("geen (een aantal)"),
        JEUGDHULP,
        (GESLOTEN,),
        _("jeugdigen"),
    ),
    Indicator(
        "kleinschalig_aandeel",
        _("Aandeel kleinschalig verblijf"),
        Soort.AANDEEL,
        _("Jeugdigen met verblijf in een kleinschalige verblijfsvorm"),
        _("Jeugdigen met jeugdhulp met verblijf in het jaar"),
        JEUGDHULP,
        (KLEINSCHALIG,),
        "%",
    ),
    Indicator(
        "pleegzorg_voortijdig",
        _("Voortijdig beëindigde pleegzorg"),
        Soort.AANDEEL,
        _("Pleegzorgtrajecten die in het jaar eerder stopten dan gepland (reden 32 tot en met 35)"),
        _("Pleegzorgtrajecten die in het jaar eindigden"),
        JEUGDHULP,
        (UITVAL,),
        "%",
    ),
    Indicator(
        "verwijzingen_specialistisch",
        _("Verwijzingen naar gespecialiseerde jeugdhulp"),
        Soort.AANTAL,
        _("Toewijzingen van jeugdhulp die in het jaar ingingen (zonder technische wijzigingen)"),
        _("geen (een aantal)"),
        JEUGDHULP,
        (MINDER_VERWIJZINGEN,),
        _("toewijzingen"),
    ),
    Indicator(
        "verwijzer_aandeel",
        _("Aandeel verwijzingen door de gemeentelijke toegang"),
        Soort.AANDEEL,
        _("Toewijzingen in het jaar met verwijzer 01 (gemeente, toegangsteam)"),
        _("Toewijzingen in het jaar met een bekende verwijzer"),
        JEUGDHULP,
        (HUISARTSEN,),
        "%",
    ),
    Indicator(
        "ots_aantal",
        _("Jeugdigen met een ondertoezichtstelling"),
        Soort.AANTAL,
        _("Jeugdigen met een (voorlopige) OTS in het jaar"),
        _("geen (een aantal)"),
        _("Jeugdhulp: maatregelen"),
        (OTS_AANTAL,),
        _("jeugdigen"),
    ),
    Indicator(
        "ots_mediane_duur",
        _("Mediane duur van een ondertoezichtstelling"),
        Soort.MEDIAAN,
        _("Mediaan van de duur in dagen van de OTS die in het jaar eindigden"),
        _("OTS die in het jaar eindigden"),
        _("Jeugdhulp: maatregelen"),
        (OTS_DUUR,),
        _("dagen"),
    ),
    Indicator(
        "thuiszitters",
        _("Thuiszitters langer dan 3 maanden zonder passend aanbod"),
        Soort.AANTAL,
        _("Jeugdigen die op 31 december (of vandaag) langer dan de norm thuiszitten zonder passend aanbod"),
        _("geen (een aantal)"),
        _("Jeugdhulp: thuiszitters"),
        (THUISZITTERS,),
        _("jeugdigen"),
    ),
    Indicator(
        "toekomstplan_dekking",
        _("Jongeren vanaf 16,5 jaar in zorg met een toekomstplan"),
        Soort.AANDEEL,
        _("Jongeren van 16,5 tot 18 jaar in zorg die een toekomstplan hebben"),
        _("Jongeren van 16,5 tot 18 jaar in zorg (jeugdhulp of maatregel)"),
        _("Toekomstplan, op de dag van de berekening"),
        (TOEKOMSTPLAN,),
        "%",
        alleen_nu=True,
    ),
    Indicator(
        "een_plan_een_regisseur",
        _("Gezinnen met meerdere organisaties die één plan en één regisseur hebben"),
        Soort.AANDEEL,
        _("Gezinnen met een vastgesteld gezinsplan (met zijn ene regisseur)"),
        _("Gezinnen met actieve toestemming of mandaat van twee of meer organisaties"),
        _("Gezinsplan en toestemmingen, op 31 december (of vandaag)"),
        (EEN_PLAN,),
        "%",
    ),
    Indicator(
        "crisis_binnen_norm",
        _("Crisiscasussen binnen alle normen"),
        Soort.AANDEEL,
        _("Gesloten crisiscasussen waarbij elke norm gehaald is"),
        _("Gesloten crisiscasussen"),
        _("Crisisdienst, per kwartaal van melding"),
        (CRISIS,),
        "%",
        per_kwartaal=True,
    ),
    Indicator(
        "wachttijd_binnen_norm",
        _("Trajecten binnen de wachttijdnorm"),
        Soort.AANDEEL,
        _("Trajecten met aanmelding tot intake én intake tot start binnen de Treeknorm van de regio"),
        _("Trajecten die in het jaar begonnen, met bekende wachttijden"),
        JEUGDHULP,
        (WACHTTIJD,),
        "%",
        per_aanbieder=True,
    ),
    Indicator(
        "plaatsen_vrij_bezet",
        _("Bezette verblijfsplekken"),
        Soort.AANDEEL,
        _("Bezette plekken"),
        _("Inzetbare plekken (gecontracteerd min buiten gebruik)"),
        _("Plekvrij, de stand op de dag van de berekening"),
        (MINDER_VERBLIJF,),
        "%",
        per_gemeente=False,
        per_aanbieder=True,
        alleen_nu=True,
    ),
    Indicator(
        "verwijsindex_gebruik",
        _("Meldingen in de verwijsindex"),
        Soort.AANTAL,
        _("Meldingen van de organisaties van de regio in het jaar (de eigen gebruikscijfers van de index)"),
        _("geen (een aantal)"),
        _("Verwijsindex: gebruikscijfers per organisatie en maand"),
        (VERWIJSINDEX,),
        _("meldingen"),
        per_gemeente=False,
    ),
    Indicator(
        "ervaring",
        _("Ervaring van gezinnen met de kernwaarden"),
        Soort.AANDEEL,
        _("Scores 4 of 5 op de zes kernwaarden"),
        _("Alle scores van gezinsleden na een evaluatie"),
        _("Ervaringsscores van gezinnen (aangeleverd door de module ervaring)"),
        (KERNWAARDEN,),
        "%",
    ),
)

PER_CODE: dict[str, Indicator] = {i.code: i for i in INDICATOREN}


def indicator(code: str) -> Indicator | None:
    return PER_CODE.get(code)
