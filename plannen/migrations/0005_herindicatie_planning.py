"""Celery beat (DatabaseScheduler): every working morning, the herindicatie reminders."""

from django.db import migrations

TAAK = "plannen: herindicatie-herinneringen"


def planning_aanmaken(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schema, _ = CrontabSchedule.objects.get_or_create(
        minute="15",
        hour="7",
        day_of_week="1-5",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=TAAK,
        defaults={
            "task": "plannen.tasks.herindicatie_melden",
            "crontab": schema,
            "enabled": True,
            "description": "Beschikkingen die binnen 8 weken aflopen: bericht aan de regisseur.",
        },
    )


def planning_verwijderen(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TAAK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plannen", "0004_beschikking_bevroren"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(planning_aanmaken, planning_verwijderen)]
