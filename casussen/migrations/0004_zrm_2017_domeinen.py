from django.db import migrations

ZRM_2017 = [
    "Financiën",
    "Werk & opleiding",
    "Tijdsbesteding",
    "Huisvesting",
    "Huiselijke relaties",
    "Geestelijke gezondheid",
    "Lichamelijke gezondheid",
    "Middelengebruik",
    "Basale ADL",
    "Instrumentele ADL",
    "Sociaal netwerk",
    "Maatschappelijke participatie",
    "Justitie",
]


def laden(apps, schema_editor):
    Domein = apps.get_model("casussen", "Domein")
    for volgorde, naam in enumerate(ZRM_2017, start=1):
        Domein.objects.get_or_create(naam=naam, defaults={"volgorde": volgorde})


class Migration(migrations.Migration):
    dependencies = [("casussen", "0003_domein")]
    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
