"""Code lists of iJw release 3.2 (Zorginstituut Nederland, informatiemodel.istandaarden.nl/
informatiemodel/ijw/3.2/codelijsten/) and the CBS kinds of help, as Django choices.

The stored value of every iJw list is the code itself, so a value equals the schema's enumeration
and a message can be read and written without translation tables. docs/jeugdhulp.md lists every
code with its meaning and source. Labels are plain Dutch for the screens.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Productcategorie(models.TextChoices):
    """JZ020 Productcategorie."""

    WIJKTEAM_2015 = "31", _("Zonder verblijf: door wijk- of buurtteam (2015)")
    AMBULANT_2015 = "32", _("Zonder verblijf: ambulant bij de aanbieder (2015)")
    DAGHULP_2015 = "33", _("Zonder verblijf: daghulp bij de aanbieder (2015)")
    NETWERK_2015 = "34", _("Zonder verblijf: in het netwerk van de jeugdige (2015)")
    PLEEGZORG_2015 = "35", _("Met verblijf: pleegzorg (2015)")
    GEZINSGERICHT_2015 = "36", _("Met verblijf: gezinsgericht (2015)")
    GESLOTEN_2015 = "37", _("Met verblijf: gesloten plaatsing (2015)")
    RESIDENTIEEL_2015 = "38", _("Met verblijf: overig residentieel (2015)")
    PERSOONLIJKE_VERZORGING = "40", _("Persoonlijke verzorging")
    DAGBEHANDELING = "41", _("Dagbehandeling")
    VERVOER = "42", _("Vervoer")
    VERBLIJF_MET_BEHANDELING = "43", _("Verblijf, met behandeling")
    VERBLIJF_ZONDER_BEHANDELING = "44", _("Verblijf, zonder behandeling")
    AMBULANT = "45", _("Ambulante jeugdhulp")
    CRISIS = "46", _("Crisishulp")
    JEUGDRECLASSERING = "47", _("Jeugdreclassering")
    JEUGDBESCHERMING = "48", _("Jeugdbescherming")
    PREVENTIEF_JUSTITIEEL = "49", _("Activiteiten in het preventief justitieel kader")
    MAATWERK = "50", _("Maatwerkarrangement")
    BASIS_GGZ = "51", _("Generalistische basis-ggz")
    SPECIALISTISCHE_GGZ = "52", _("Specialistische ggz")
    KINDERGENEESKUNDE = "53", _("Kindergeneeskunde")
    JEUGD_GGZ = "54", _("Jeugd-ggz")
    LANDELIJK = "55", _("Landelijk ingekochte zorg")


class Hulpvorm(models.TextChoices):
    """The kinds of help of CBS Beleidsinformatie Jeugd (help without stay, with stay, crisis)."""

    WIJKTEAM = "wijkteam", _("Hulp van het wijkteam")
    AMBULANT = "ambulant", _("Ambulante hulp bij de aanbieder")
    DAGHULP = "daghulp", _("Daghulp bij de aanbieder")
    NETWERK = "netwerk", _("Hulp in het netwerk van de jeugdige")
    PLEEGZORG = "pleegzorg", _("Pleegzorg")
    GEZINSHUIS = "gezinshuis", _("Gezinshuis")
    GESLOTEN = "gesloten", _("Gesloten jeugdhulp (jeugdzorgplus)")
    RESIDENTIEEL = "residentieel", _("Overige hulp met verblijf")
    CRISIS = "crisis", _("Crisishulp")


MET_VERBLIJF = frozenset({Hulpvorm.PLEEGZORG, Hulpvorm.GEZINSHUIS, Hulpvorm.GESLOTEN, Hulpvorm.RESIDENTIEEL})
ZONDER_VERBLIJF = frozenset({Hulpvorm.WIJKTEAM, Hulpvorm.AMBULANT, Hulpvorm.DAGHULP, Hulpvorm.NETWERK})

# The kind of help a product category stands for when the region's product code does not say
# more. None: not youth care in the CBS sense (transport; measures have their own records).
HULPVORM_VAN_CATEGORIE: dict[str, str | None] = {
    Productcategorie.WIJKTEAM_2015: Hulpvorm.WIJKTEAM,
    Productcategorie.AMBULANT_2015: Hulpvorm.AMBULANT,
    Productcategorie.DAGHULP_2015: Hulpvorm.DAGHULP,
    Productcategorie.NETWERK_2015: Hulpvorm.NETWERK,
    Productcategorie.PLEEGZORG_2015: Hulpvorm.PLEEGZORG,
    Productcategorie.GEZINSGERICHT_2015: Hulpvorm.GEZINSHUIS,
    Productcategorie.GESLOTEN_2015: Hulpvorm.GESLOTEN,
    Productcategorie.RESIDENTIEEL_2015: Hulpvorm.RESIDENTIEEL,
    Productcategorie.PERSOONLIJKE_VERZORGING: Hulpvorm.AMBULANT,
    Productcategorie.DAGBEHANDELING: Hulpvorm.DAGHULP,
    Productcategorie.VERVOER: None,
    Productcategorie.VERBLIJF_MET_BEHANDELING: Hulpvorm.RESIDENTIEEL,
    Productcategorie.VERBLIJF_ZONDER_BEHANDELING: Hulpvorm.RESIDENTIEEL,
    Productcategorie.AMBULANT: Hulpvorm.AMBULANT,
    Productcategorie.CRISIS: Hulpvorm.CRISIS,
    Productcategorie.JEUGDRECLASSERING: None,
    Productcategorie.JEUGDBESCHERMING: None,
    Productcategorie.PREVENTIEF_JUSTITIEEL: None,
    Productcategorie.MAATWERK: Hulpvorm.AMBULANT,
    Productcategorie.BASIS_GGZ: Hulpvorm.AMBULANT,
    Productcategorie.SPECIALISTISCHE_GGZ: Hulpvorm.AMBULANT,
    Productcategorie.KINDERGENEESKUNDE: Hulpvorm.AMBULANT,
    Productcategorie.JEUGD_GGZ: Hulpvorm.AMBULANT,
    Productcategorie.LANDELIJK: Hulpvorm.AMBULANT,
}


class Verwijzer(models.TextChoices):
    """COD327 Code verwijzer."""

    GEMEENTE = "01", _("Gemeente (toegangsteam)")
    HUISARTS = "02", _("Huisarts")
    JEUGDARTS = "03", _("Jeugdarts")
    GI = "04", _("Gecertificeerde instelling")
    MEDISCH_SPECIALIST = "05", _("Medisch specialist")
    GEEN = "06", _("Zelf gekomen, geen verwijzer")
    RECHTER = "08", _("Rechter, officier van justitie of justitiële jeugdinrichting")


class RedenBeeindiging(models.TextChoices):
    """JZ588 Reden beëindiging."""

    OVERLIJDEN = "02", _("Overlijden")
    TIJDELIJK = "20", _("Tijdelijk gestopt")
    VOLGENS_PLAN = "31", _("Volgens plan afgerond")
    DOOR_CLIENT = "32", _("Eerder gestopt, door de cliënt")
    DOOR_AANBIEDER = "33", _("Eerder gestopt, door de aanbieder")
    IN_OVERLEG = "34", _("Eerder gestopt, in overleg")
    EXTERNE_OORZAAK = "35", _("Eerder gestopt, door iets van buiten (zoals verhuizing)")
    DOOR_GEMEENTE = "36", _("Gestopt op initiatief van de gemeente")
    WIJZIGINGSVERZOEK = "37", _("Gestopt na een wijzigingsverzoek")
    ANDERE_AANBIEDER = "38", _("Overgestapt naar een andere aanbieder")
    ANDER_DOMEIN = "39", _("Verder in een ander domein (Wmo, Wlz, Zvw)")


VOORTIJDIG = frozenset(
    {
        RedenBeeindiging.DOOR_CLIENT,
        RedenBeeindiging.DOOR_AANBIEDER,
        RedenBeeindiging.IN_OVERLEG,
        RedenBeeindiging.EXTERNE_OORZAAK,
    }
)


class RedenWijziging(models.TextChoices):
    """JZ002 Reden wijziging toewijzing (01 'administratieve correctie (vervallen)' is not used: CS336)."""

    OVERLEDEN = "02", _("Cliënt overleden")
    CONTRACTWIJZIGING = "03", _("Contractwijziging")
    VERLENGING = "04", _("Herbeoordeling: verlenging")
    VERKORTING = "05", _("Herbeoordeling: verkorting")
    ANDER_DOMEIN = "06", _("Uitstroom naar een ander domein")
    VERHUIZING = "07", _("Verhuizing naar een andere gemeente")
    LEVERINGSVORM = "08", _("Andere leveringsvorm (pgb)")
    ANDERE_AANBIEDER = "09", _("Overstap naar een andere aanbieder")
    BEKOSTIGING = "10", _("Nieuwe bekostiging")
    HERINDELING = "11", _("Gemeentelijke herindeling")
    AANBIEDER = "12", _("Op verzoek van de aanbieder")
    VERWIJDERD = "13", _("Verwijderd")
    CORRECTIE = "14", _("Administratieve correctie")


class Eenheid(models.TextChoices):
    """WJ756 Eenheid."""

    MINUUT = "01", _("minuten")
    UUR = "04", _("uren")
    ETMAAL = "14", _("etmalen")
    DAGDEEL = "16", _("dagdelen (4 uur)")
    STUKS_OUTPUT = "82", _("stuks (output)")
    EURO = "83", _("euro")
    STUKS_INSPANNING = "84", _("stuks (inspanning)")


class Frequentie(models.TextChoices):
    """WJ757 Frequentie."""

    DAG = "1", _("per dag")
    WEEK = "2", _("per week")
    MAAND = "4", _("per maand")
    TOTAAL = "6", _("totaal in de hele periode")


class StatusAanlevering(models.TextChoices):
    """COD467 Status aanlevering (2 'gewijzigd' is not allowed in iJw: OP033x2, CS058)."""

    NIEUW = "1", _("nieuw")
    GEWIJZIGD = "2", _("gewijzigd")
    VERWIJDEREN = "3", _("verwijderen")


class MaatregelSoort(models.TextChoices):
    """Youth-protection measures and juvenile probation (BW book 1 title 14; Jeugdwet art. 3.2, 6.1.2)."""

    VOORLOPIGE_OTS = "voorlopige_ots", _("Voorlopige ondertoezichtstelling")
    OTS = "ots", _("Ondertoezichtstelling (OTS)")
    VOORLOPIGE_VOOGDIJ = "voorlopige_voogdij", _("Voorlopige voogdij")
    VOOGDIJ = "voogdij", _("Voogdij")
    JEUGDRECLASSERING = "jeugdreclassering", _("Jeugdreclassering")
    MACHTIGING_GESLOTEN = "machtiging_gesloten", _("Machtiging gesloten jeugdhulp")
    SPOEDMACHTIGING_GESLOTEN = "spoedmachtiging_gesloten", _("Spoedmachtiging gesloten jeugdhulp")


JEUGDBESCHERMING = frozenset(
    {MaatregelSoort.VOORLOPIGE_OTS, MaatregelSoort.OTS, MaatregelSoort.VOORLOPIGE_VOOGDIJ, MaatregelSoort.VOOGDIJ}
)
OTS_SOORTEN = frozenset({MaatregelSoort.VOORLOPIGE_OTS, MaatregelSoort.OTS})
MACHTIGINGEN = frozenset({MaatregelSoort.MACHTIGING_GESLOTEN, MaatregelSoort.SPOEDMACHTIGING_GESLOTEN})


class ThuiszitterSoort(models.TextChoices):
    """Kinds of school absence (Leerplichtwet 1969: art. 2 and 3 absolute, art. 21 relative; art. 5a, 5b)."""

    ABSOLUUT = "absoluut", _("Niet ingeschreven op een school (absoluut verzuim)")
    RELATIEF = "relatief", _("Ingeschreven, maar meer dan 4 weken niet op school (relatief verzuim)")
    VRIJSTELLING_5A = "vrijstelling_5a", _("Vrijgesteld: lichamelijk of psychisch niet geschikt (art. 5a)")
    VRIJSTELLING_5B = (
        "vrijstelling_5b",
        _("Vrijgesteld: bezwaar tegen de richting of school buiten Nederland (art. 5b)"),
    )


class Bron(models.TextChoices):
    PAGINA = "pagina", _("scherm")
    IJW = "ijw", _("iJw-bericht")
    CSV = "csv", _("CSV-bestand")
    API = "api", _("API")
    DEMO = "demo", _("demo")
