"""Seed the region's jargon list with real examples of hulpverleningstaal and a plainer word.

The region maintains the list in beheer; this only fills it the first time.
"""

from django.db import migrations

JARGON = [
    ("ambulante hulpverlening", "hulp bij u thuis of op afspraak"),
    ("afschalen", "minder hulp geven"),
    ("opschalen", "meer of zwaardere hulp inzetten"),
    ("beschikking", "besluit van de gemeente over de hulp"),
    ("casus", "situatie van het gezin"),
    ("casuïstiek", "situaties van gezinnen"),
    ("casemanager", "vaste contactpersoon"),
    ("cliëntsysteem", "het gezin en de mensen om het gezin heen"),
    ("diagnostiek", "onderzoek naar wat er aan de hand is"),
    ("draagkracht", "wat iemand aankan"),
    ("draaglast", "wat iemand zwaar valt"),
    ("escaleren", "de zorgen doorgeven aan iemand die meer kan doen"),
    ("geïndiceerd", "toegekend"),
    ("indicatie", "besluit welke hulp nodig is"),
    ("interventie", "hulp of aanpak"),
    ("ketenpartners", "de andere organisaties die helpen"),
    ("multiproblematiek", "meerdere problemen tegelijk"),
    ("opvoedondersteuning", "hulp bij het opvoeden"),
    ("pedagogisch", "over opvoeden"),
    ("perspectief", "wat er in de toekomst kan"),
    ("psycho-educatie", "uitleg over wat er aan de hand is"),
    ("regievoering", "het overzicht houden en afspraken bewaken"),
    ("risicotaxatie", "inschatting van de risico's"),
    ("signaleren", "zien en zeggen dat er iets is"),
    ("systeemgericht", "met het hele gezin samen"),
    ("traject", "de hulp die u krijgt"),
    ("veiligheidstaxatie", "inschatting of iedereen veilig is"),
    ("zorgcontinuïteit", "dat de hulp doorloopt"),
    ("zorgmijdend", "houdt hulp liever buiten de deur"),
    ("hulpverleningstraject", "de hulp die u krijgt"),
    ("normaliseren", "gewoon laten zijn wat gewoon is"),
    ("doelrealisatie", "het halen van de doelen"),
    ("handelingsverlegenheid", "niet goed weten wat te doen"),
    ("in kaart brengen", "uitzoeken"),
    ("inzetten", "regelen"),
    ("problematiek", "problemen"),
    ("hulpvraag", "waar u hulp bij wilt"),
    ("ouderschapsondersteuning", "hulp bij het ouder zijn"),
]


def seed(apps, schema_editor):
    Jargonterm = apps.get_model("gezinsplan", "Jargonterm")
    for term, suggestie in JARGON:
        Jargonterm.objects.get_or_create(term=term, defaults={"suggestie": suggestie})


class Migration(migrations.Migration):
    dependencies = [("gezinsplan", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
