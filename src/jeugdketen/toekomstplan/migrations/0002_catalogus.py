"""The region's first topic and item list (the region maintains it afterwards in beheer).

Plain Dutch (B1), each item with where it is arranged. Must-before-18 items: zorgverzekering,
DigiD, bankrekening, a place to live, and the decision on care after 18 (verlengde jeugdhulp must
be decided before 18). Sources: DOMAIN.md "Toekomstplan (18-/18+)", rijksoverheid.nl.
"""

from typing import Any

from django.db import migrations

# (sleutel, naam, uitleg, [(sleutel, titel, uitleg, link, link_tekst, voor_18)])
CATALOGUS: list[tuple[str, str, str, list[tuple[str, str, str, str, str, bool]]]] = [
    (
        "verzekeringen",
        "Zorgverzekering en verzekeringen",
        "Vanaf je 18e moet je zelf een zorgverzekering hebben. Ook andere verzekeringen worden dan jouw zaak.",
        [
            (
                "zorgverzekering",
                "Zorgverzekering afsluiten",
                "Vanaf de dag dat je 18 wordt, moet je een eigen zorgverzekering hebben. Je hebt daarna 4 maanden "
                "om er een te kiezen. De verzekering geldt dan vanaf je verjaardag. Je betaalt elke maand premie.",
                "https://www.rijksoverheid.nl/onderwerpen/zorgverzekering",
                "Zorgverzekering op rijksoverheid.nl",
                True,
            ),
            (
                "eigen-risico",
                "Weten wat eigen risico is",
                "Vanaf 18 betaal je de eerste kosten van sommige zorg zelf: het eigen risico. Zet er geld voor opzij.",
                "https://www.rijksoverheid.nl/onderwerpen/zorgverzekering",
                "Eigen risico op rijksoverheid.nl",
                False,
            ),
            (
                "aansprakelijkheid",
                "Aansprakelijkheidsverzekering",
                "Maak je per ongeluk iets kapot van een ander? Dan betaalt deze verzekering. Vanaf 18 val je vaak "
                "niet meer onder de verzekering van je ouders of pleegouders. Vraag het na.",
                "https://www.nibud.nl",
                "Uitleg over verzekeringen op nibud.nl",
                False,
            ),
        ],
    ),
    (
        "digid",
        "DigiD en MijnOverheid",
        "Met DigiD log je in bij de overheid, je zorgverzekeraar, DUO en de Belastingdienst.",
        [
            (
                "digid-aanvragen",
                "DigiD aanvragen",
                "Vraag je DigiD aan op digid.nl. Je krijgt een brief met een code thuis. Daarmee maak je hem af.",
                "https://www.digid.nl",
                "DigiD aanvragen op digid.nl",
                True,
            ),
            (
                "mijnoverheid",
                "MijnOverheid instellen",
                "In MijnOverheid krijg je post van de overheid, zoals van de Belastingdienst. Kijk er vaak in.",
                "https://mijn.overheid.nl",
                "Naar mijn.overheid.nl",
                False,
            ),
        ],
    ),
    (
        "geld",
        "Bankrekening en geld",
        "Je eigen rekening, je vaste lasten en wat je elke maand overhoudt.",
        [
            (
                "bankrekening",
                "Eigen bankrekening openen",
                "Je hebt een eigen rekening nodig voor je loon, studiefinanciering of toeslagen. Ga naar een bank "
                "naar keuze. Neem je identiteitsbewijs mee.",
                "https://www.nibud.nl",
                "Tips over je geld op nibud.nl",
                True,
            ),
            (
                "budget",
                "Overzicht van je geld maken",
                "Schrijf op wat er elke maand binnenkomt en wat eraf gaat. Dan zie je wat je kunt uitgeven.",
                "https://www.nibud.nl",
                "Geldoverzicht maken met het Nibud",
                False,
            ),
        ],
    ),
    (
        "toeslagen",
        "Toeslagen",
        "Geld van de overheid als je weinig verdient: voor je zorgverzekering of je huur.",
        [
            (
                "zorgtoeslag",
                "Zorgtoeslag aanvragen",
                "Verdien je weinig? Dan krijg je vanaf 18 misschien zorgtoeslag. Die helpt je de zorgverzekering te "
                "betalen. Vraag het aan met je DigiD.",
                "https://www.toeslagen.nl",
                "Zorgtoeslag op toeslagen.nl",
                False,
            ),
            (
                "huurtoeslag",
                "Huurtoeslag aanvragen",
                "Huur je zelf een woning? Dan krijg je misschien huurtoeslag. Kijk eerst of je er recht op hebt.",
                "https://www.toeslagen.nl",
                "Huurtoeslag op toeslagen.nl",
                False,
            ),
        ],
    ),
    (
        "inkomen",
        "Inkomen",
        "Waar leef je van na je 18e? Werk, studiefinanciering of een uitkering.",
        [
            (
                "inkomen-regelen",
                "Weten waar je geld vandaan komt",
                "Bij 18 stopt de kinderbijslag voor je ouders. Zorg dat je weet hoe je je eigen geld krijgt: werk, "
                "studiefinanciering of een uitkering van de gemeente.",
                "https://www.werk.nl",
                "Werk en uitkering op werk.nl",
                False,
            ),
            (
                "wajong",
                "Wajong of andere hulp bij een beperking",
                "Heb je een ziekte of beperking en kun je niet (volledig) werken? Vraag dan naar de Wajong bij UWV.",
                "https://www.uwv.nl",
                "Wajong op uwv.nl",
                False,
            ),
        ],
    ),
    (
        "studiefinanciering",
        "Studiefinanciering",
        "Geld voor je studie van DUO.",
        [
            (
                "studiefinanciering-aanvragen",
                "Studiefinanciering of tegemoetkoming aanvragen",
                "Ga je naar het mbo, hbo of de universiteit? Vraag dan studiefinanciering aan bij DUO. Zit je nog "
                "op school en ben je 18? Dan krijg je misschien een tegemoetkoming scholieren.",
                "https://duo.nl",
                "Studiefinanciering op duo.nl",
                False,
            ),
        ],
    ),
    (
        "school",
        "School en studie",
        "Je diploma halen en kiezen wat je hierna gaat doen.",
        [
            (
                "diploma",
                "Diploma halen (startkwalificatie)",
                "Met een diploma van havo, vwo of mbo niveau 2 heb je meer kans op werk. Tot je 18e moet je naar "
                "school tot je dat diploma hebt.",
                "https://www.rijksoverheid.nl/onderwerpen/leerplicht",
                "Leerplicht en startkwalificatie op rijksoverheid.nl",
                False,
            ),
            (
                "opleiding-kiezen",
                "Een opleiding kiezen",
                "Kijk welke opleiding bij je past. Ga naar open dagen en praat met mensen die het al doen.",
                "https://www.studiekeuze123.nl",
                "Opleidingen vergelijken op studiekeuze123.nl",
                False,
            ),
        ],
    ),
    (
        "werk",
        "Werk",
        "Een bijbaan of een baan vinden en houden.",
        [
            (
                "werk-zoeken",
                "Werk of een bijbaan zoeken",
                "Zoek werk dat bij je past. Op werk.nl staan vacatures en tips.",
                "https://www.werk.nl",
                "Vacatures op werk.nl",
                False,
            ),
            (
                "cv",
                "Een cv maken",
                "In een cv staat wat je kunt en wat je hebt gedaan. Je hebt het nodig als je solliciteert.",
                "https://www.werk.nl",
                "Cv maken met werk.nl",
                False,
            ),
        ],
    ),
    (
        "wonen",
        "Wonen",
        "Waar woon je na je 18e, en hoe kom je aan een eigen plek?",
        [
            (
                "woonplek",
                "Weten waar je na je 18e woont",
                "Woon je in een pleeggezin, een gezinshuis of een groep? Spreek op tijd af waar je na je 18e woont.",
                "https://www.rijksoverheid.nl/onderwerpen/huurwoning-zoeken",
                "Een huurwoning zoeken op rijksoverheid.nl",
                True,
            ),
            (
                "woningcorporatie",
                "Inschrijven bij een woningcorporatie",
                "Hoe eerder je je inschrijft, hoe korter je wacht op een woning. Dat kan vaak vanaf 18.",
                "https://www.rijksoverheid.nl/onderwerpen/huurwoning-zoeken",
                "Inschrijven voor een huurwoning",
                False,
            ),
        ],
    ),
    (
        "vrije-tijd",
        "Vrije tijd en vrienden",
        "Dingen doen die je leuk vindt, en mensen om je heen die je steunen.",
        [
            (
                "hobby",
                "Iets doen wat je leuk vindt",
                "Sport, muziek of vrijwilligerswerk: het helpt je om mensen te leren kennen en je goed te voelen.",
                "https://www.jouwggd.nl",
                "Tips op jouwggd.nl",
                False,
            ),
            (
                "netwerk",
                "Mensen om je heen die je helpen",
                "Wie kun je bellen als het even tegenzit? Denk aan familie, vrienden of een mentor die jij kiest.",
                "https://www.jimwerkt.nl",
                "Een JIM kiezen (jimwerkt.nl)",
                False,
            ),
        ],
    ),
    (
        "zorg-na-18",
        "Hulp na je 18e",
        "Jeugdhulp stopt niet vanzelf goed op je 18e. Regel op tijd wat je daarna nodig hebt.",
        [
            (
                "verlengde-jeugdhulp",
                "Besluiten over hulp na je 18e (verlengde jeugdhulp)",
                "Jeugdhulp kan doorgaan tot je 23e. Dan moet wel vóór je 18e besloten zijn dat het nodig is. "
                "Bespreek het op tijd met je hulpverlener.",
                "https://www.rijksoverheid.nl/onderwerpen/jeugdhulp",
                "Jeugdhulp na 18 op rijksoverheid.nl",
                True,
            ),
            (
                "pleegzorg-tot-21",
                "Pleegzorg tot 21",
                "Woon je in een pleeggezin? Dan kun je daar blijven wonen tot je 21e. Spreek het af met je "
                "pleegouders en de pleegzorgorganisatie.",
                "https://www.pleegzorg.nl",
                "Pleegzorg na 18 op pleegzorg.nl",
                False,
            ),
            (
                "hulp-volwassenen",
                "Hulp voor volwassenen regelen",
                "Na je 18e kan hulp ook via de Wmo van je gemeente, de ggz of de Wlz komen. Vraag wat voor jou past.",
                "https://www.regelhulp.nl",
                "Hulp zoeken op regelhulp.nl",
                False,
            ),
        ],
    ),
]


def seed(apps: Any, schema_editor: Any) -> None:
    Onderwerp = apps.get_model("toekomstplan", "Onderwerp")
    Onderdeel = apps.get_model("toekomstplan", "Onderdeel")
    for i, (sleutel, naam, uitleg, items) in enumerate(CATALOGUS):
        onderwerp, _ = Onderwerp.objects.get_or_create(
            sleutel=sleutel, defaults={"naam": naam, "uitleg": uitleg, "volgorde": (i + 1) * 10}
        )
        for j, (isleutel, titel, iuitleg, link, link_tekst, voor_18) in enumerate(items):
            Onderdeel.objects.get_or_create(
                sleutel=isleutel,
                defaults={
                    "onderwerp": onderwerp,
                    "titel": titel,
                    "uitleg": iuitleg,
                    "link": link,
                    "link_tekst": link_tekst,
                    "voor_18": voor_18,
                    "volgorde": (j + 1) * 10,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("toekomstplan", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
