"""Each family member carries the family's municipality (issue 16: the watch lists of one
municipality by one index). Added nullable, filled from the family in one statement, then made
required."""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
UPDATE gezinnen_gezinslid
   SET gemeente_id = (SELECT g.gemeente_id FROM gezinnen_gezin g WHERE g.id = gezinnen_gezinslid.gezin_id)
 WHERE gemeente_id IS NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("gezinnen", "0003_gezinslid_persoon"),
        ("organisaties", "0002_apisleutel"),
    ]

    operations = [
        migrations.AddField(
            model_name="gezinslid",
            name="gemeente",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisaties.gemeente",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="gezinslid",
            name="gemeente",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisaties.gemeente",
            ),
        ),
        migrations.AddIndex(
            model_name="gezinslid",
            index=models.Index(fields=["gemeente", "soort", "geboortedatum"], name="gezinnen_ge_gemeent_1f8e12_idx"),
        ),
    ]
