"""Herindicatie is a reminder scan now (plannen.herinneringen, run by
casussen.tasks.herinneringen_scannen): the beat entry of 0005 goes, and the index serves the
scan (final grants by end date) instead of the old 'not yet reported' mark."""

from django.db import migrations, models

TAAK = "plannen: herindicatie-herinneringen"


def planning_verwijderen(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TAAK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plannen", "0007_bevriezing_bewaartermijn"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="beschikking", name="beschikking_herindicatie_idx"),
        migrations.AddIndex(
            model_name="beschikking",
            index=models.Index(
                condition=models.Q(("besluit", "toekennen"), ("status", "definitief")),
                fields=["einddatum"],
                name="beschikking_toegekend_einde",
            ),
        ),
        migrations.RunPython(planning_verwijderen, migrations.RunPython.noop),
    ]
