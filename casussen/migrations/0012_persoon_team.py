"""A person carries the team of its household, kept by the database.

The name search runs within the user's team; with the team on the person, an index on
(team, name part) finds a common surname in one team instead of the whole city. The trigger
sets the column on every insert and update of a person, whatever the application sends, and a
household's team change carries over to its members.
"""

import django.contrib.postgres.indexes
import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

SQL = r"""
UPDATE casussen_persoon p SET team_id = h.team_id
FROM casussen_huishouden h WHERE h.id = p.huishouden_id;

CREATE FUNCTION casussen_persoon_team() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.team_id := (SELECT team_id FROM casussen_huishouden WHERE id = NEW.huishouden_id);
    RETURN NEW;
END
$$;

CREATE TRIGGER persoon_team
BEFORE INSERT OR UPDATE ON casussen_persoon
FOR EACH ROW EXECUTE FUNCTION casussen_persoon_team();

CREATE FUNCTION casussen_huishouden_team() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE casussen_persoon SET team_id = NEW.team_id WHERE huishouden_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER huishouden_team
AFTER UPDATE OF team_id ON casussen_huishouden
FOR EACH ROW WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id)
EXECUTE FUNCTION casussen_huishouden_team();
"""

TERUG = r"""
DROP TRIGGER huishouden_team ON casussen_huishouden;
DROP FUNCTION casussen_huishouden_team();
DROP TRIGGER persoon_team ON casussen_persoon;
DROP FUNCTION casussen_persoon_team();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('casussen', '0011_casus_open_lijst'),
        ('toegang', '0007_grondslag_bewaartermijn'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='persoon',
            name='persoon_achternaam_prefix',
        ),
        migrations.RemoveIndex(
            model_name='persoon',
            name='persoon_voornamen_prefix',
        ),
        migrations.RemoveIndex(
            model_name='persoon',
            name='persoon_tussenvoegsel_prefix',
        ),
        migrations.AddField(
            model_name='persoon',
            name='team',
            field=models.ForeignKey(db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='toegang.team'),
        ),
        migrations.RunSQL(SQL, TERUG),
        migrations.AddIndex(
            model_name='persoon',
            index=models.Index(models.F('team'), django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('achternaam'), name='text_pattern_ops'), name='persoon_team_achternaam'),
        ),
        migrations.AddIndex(
            model_name='persoon',
            index=models.Index(models.F('team'), django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('voornamen'), name='text_pattern_ops'), name='persoon_team_voornamen'),
        ),
        migrations.AddIndex(
            model_name='persoon',
            index=models.Index(models.F('team'), django.contrib.postgres.indexes.OpClass(django.db.models.functions.text.Upper('tussenvoegsel'), name='text_pattern_ops'), name='persoon_team_tussenvoegsel'),
        ),
    ]
