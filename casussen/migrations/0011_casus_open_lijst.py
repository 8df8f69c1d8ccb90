"""Index for the caseload and team list (wijkteam.paginering.IdsEerstPaginator): a page's ids
in term order from the index alone. Built concurrently: casussen_casus stays writable."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("casussen", "0010_stuurinformatie_indexen")]

    operations = [
        AddIndexConcurrently(
            model_name="casus",
            index=models.Index(
                condition=models.Q(("status", "afgesloten"), _negated=True),
                fields=["team"],
                include=(
                    "id", "status", "regisseur", "backup", "onderzoek_afgerond_op",
                    "onderzoekstermijn_einde", "evaluatie_op", "geopend_op",
                ),
                name="casus_open_lijst",
            ),
        ),
    ]  # fmt: skip
