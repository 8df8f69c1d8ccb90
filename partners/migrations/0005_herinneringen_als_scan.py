"""Unanswered referrals are reminder scans now (partners.herinneringen, run by
casussen.tasks.herinneringen_scannen): the beat entry of 0004 goes."""

from django.db import migrations

TAAK = "partners: herinneringen onbeantwoorde verwijzingen"


def planning_verwijderen(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TAAK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_herinneringen_planning"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(planning_verwijderen, migrations.RunPython.noop)]
