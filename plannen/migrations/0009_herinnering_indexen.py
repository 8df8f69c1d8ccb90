"""Indexes for the reminder scans (plannen.herinneringen): open actions by date → goal →
version → plan from the indexes alone, and the drafts by age. Built concurrently: these tables are large in
production and stay writable."""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("plannen", "0008_herinneringen_als_scan"),
    ]

    operations = [
        RemoveIndexConcurrently(model_name="actie", name="actie_open_op_datum"),
        AddIndexConcurrently(
            model_name="actie",
            index=models.Index(
                condition=models.Q(("status__in", ["open", "bezig"])),
                fields=["wanneer", "doel"],
                include=("id",),
                name="actie_open_op_datum",
            ),
        ),
        AddIndexConcurrently(
            model_name="plan",
            index=models.Index(fields=["id"], include=("huishouden",), name="plan_id_huishouden"),
        ),
        AddIndexConcurrently(
            model_name="doel",
            index=models.Index(fields=["id"], include=("planversie",), name="doel_id_planversie"),
        ),
        AddIndexConcurrently(
            model_name="planversie",
            index=models.Index(
                fields=["id"], include=("plan", "nummer"), name="planversie_id_plan_nummer"
            ),
        ),
        AddIndexConcurrently(
            model_name="planversie",
            index=models.Index(
                condition=models.Q(("status", "concept")),
                fields=["aangemaakt_op"],
                name="planversie_concept_sinds",
            ),
        ),
    ]
