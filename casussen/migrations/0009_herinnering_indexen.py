"""Index for the reminder scans (casussen.herinneringen, plannen.herinneringen): a household's
open case with its regisseur, read from the index alone. Built concurrently: casussen_casus is
large in production and stays writable."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("casussen", "0008_herinneringen_nieuwe_soorten"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="casus",
            index=models.Index(
                condition=models.Q(("status", "afgesloten"), _negated=True),
                fields=["huishouden"],
                include=("id", "regisseur"),
                name="casus_open_per_huishouden",
            ),
        ),
    ]
