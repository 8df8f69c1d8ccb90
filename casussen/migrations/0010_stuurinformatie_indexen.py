"""Indexes for the steering figures (issue 9): the period filters of lead times, closings,
meldingen and follow-up ZRM assessments, and the wijk list of the filter form. Built
concurrently: these tables are large in production and stay writable."""

import django.db.models.functions.comparison
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("casussen", "0009_herinnering_indexen"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="casus",
            index=models.Index(
                django.db.models.functions.comparison.Coalesce("gemeld_op", "geopend_op"),
                name="casus_start",
            ),
        ),
        AddIndexConcurrently(
            model_name="casus",
            index=models.Index(
                condition=models.Q(("status", "afgesloten")),
                fields=["gesloten_op"],
                include=("team", "sluitreden"),
                name="casus_gesloten",
            ),
        ),
        AddIndexConcurrently(
            model_name="huishouden",
            index=models.Index(fields=["team", "wijk"], name="huishouden_team_wijk"),
        ),
        AddIndexConcurrently(
            model_name="melding",
            index=models.Index(
                fields=["datum"], include=("team", "bron", "kanaal", "triage"), name="melding_datum"
            ),
        ),
        AddIndexConcurrently(
            model_name="zrmmeting",
            index=models.Index(
                condition=models.Q(("soort__in", ["evaluatie", "afsluiting"])),
                fields=["datum"],
                include=("casus",),
                name="zrmmeting_vervolg_datum",
            ),
        ),
    ]
