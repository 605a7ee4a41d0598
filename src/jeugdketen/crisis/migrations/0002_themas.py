"""The region's first list of look-back themes (seed 004: look back together at what came before
a crisis and what could have come earlier, to prevent the next one). The region maintains the
list afterwards in beheer; the monitor counts how often each theme is named."""

from typing import Any

from django.db import migrations

THEMAS = [
    ("overbelasting-ouders", "Ouders of pleegouders waren overbelast"),
    ("psychische-problemen", "Psychische problemen van de jongere"),
    ("psychische-problemen-ouder", "Psychische problemen of verslaving van een ouder"),
    ("geweld-onveiligheid", "Geweld of onveiligheid thuis"),
    ("scheiding", "Complexe scheiding of ruzie tussen ouders"),
    ("school", "Problemen op school of thuiszitten"),
    ("geld-wonen", "Geldzorgen, schulden of geen vaste woonplek"),
    ("weglopen", "Weglopen of vermissing"),
    ("hulp-te-laat", "Hulp kwam te laat of niet op gang"),
    ("hulp-gestopt", "Hulp was net gestopt"),
    ("wachtlijst", "Wachten op passende hulp"),
    ("netwerk-niet-betrokken", "Het netwerk was niet betrokken"),
    ("signalen-gemist", "Signalen waren er, maar niemand deed iets"),
]


def seed(apps: Any, schema_editor: Any) -> None:
    Terugblikthema = apps.get_model("crisis", "Terugblikthema")
    for i, (sleutel, naam) in enumerate(THEMAS):
        Terugblikthema.objects.get_or_create(sleutel=sleutel, defaults={"naam": naam, "volgorde": i})


class Migration(migrations.Migration):
    dependencies = [("crisis", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
