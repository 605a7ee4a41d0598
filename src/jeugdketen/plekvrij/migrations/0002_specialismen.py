"""The region's first list of specialisms (the region maintains it afterwards in beheer).

Plain Dutch, each with a one-line explanation for the search page. Sources: the issue's list
(LVB, GGZ, trauma, addiction) and the kinds of expertise placement requests commonly ask for.
"""

from typing import Any

from django.db import migrations

# (sleutel, naam, uitleg)
SPECIALISMEN = [
    ("lvb", "LVB", "Voor jongeren met een licht verstandelijke beperking."),
    ("ggz", "GGZ", "Voor jongeren met psychische problemen."),
    ("trauma", "Trauma", "Ervaring met jongeren die iets ergs hebben meegemaakt."),
    ("verslaving", "Verslaving", "Voor jongeren die verslaafd zijn aan drugs, alcohol of gamen."),
    ("autisme", "Autisme", "Ervaring met jongeren met autisme."),
    ("gedrag", "Ernstig gedrag", "Voor jongeren met heel moeilijk gedrag, zoals agressie."),
    ("jonge-moeders", "Jonge moeders", "Voor zwangere meiden en jonge moeders met hun kind."),
    ("broers-zussen", "Broers en zussen samen", "Broers en zussen kunnen samen geplaatst worden."),
    ("lichamelijk", "Lichamelijke beperking", "De plek is aangepast aan een lichamelijke beperking."),
]


def seed(apps: Any, schema_editor: Any) -> None:
    Specialisme = apps.get_model("plekvrij", "Specialisme")
    if Specialisme.objects.exists():
        return
    Specialisme.objects.bulk_create(
        Specialisme(sleutel=s, naam=n, uitleg=u, volgorde=i) for i, (s, n, u) in enumerate(SPECIALISMEN)
    )


class Migration(migrations.Migration):
    dependencies = [("plekvrij", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
