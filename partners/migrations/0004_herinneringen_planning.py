"""Celery beat (DatabaseScheduler): every working morning, remind about unanswered referrals."""

from django.db import migrations

TAAK = "partners: herinneringen onbeantwoorde verwijzingen"


def planning_aanmaken(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    schema, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_week="1-5",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=TAAK,
        defaults={
            "task": "partners.tasks.herinneringen_versturen",
            "crontab": schema,
            "enabled": True,
            "description": "Verwijzingen die na 5 werkdagen niet zijn beantwoord: bericht aan "
            "de regisseur; na 10 werkdagen ook aan de teamleider.",
        },
    )


def planning_verwijderen(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TAAK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_verwijzing"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(planning_aanmaken, planning_verwijderen)]
