"""The partner inbox reads one organisation's referrals in display order (open first, newest
first) and stops after a page (partners.selectors.inbox)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("partners", "0005_herinneringen_als_scan")]

    operations = [
        migrations.AddIndex(
            model_name="verwijzing",
            index=models.Index(
                models.F("organisatie_id"),
                models.Case(
                    models.When(
                        status__in=("verstuurd", "geaccepteerd", "bezig"), then=models.Value(0)
                    ),
                    default=models.Value(1),
                ),
                models.OrderBy(models.F("verstuurd_op"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="verwijzing_inbox",
            ),
        ),
    ]
