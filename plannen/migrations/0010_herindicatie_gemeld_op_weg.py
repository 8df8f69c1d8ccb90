"""Herindicatie reminders are scans now (plannen.herinneringen): the decision no longer keeps a
'reminded' mark, so the freeze trigger of a final decision no longer lets that column change."""

from django.db import migrations

FUNCTIE = r"""
CREATE OR REPLACE FUNCTION plannen_beschikking_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF plannen_bewaartermijn_actief() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF OLD.status = 'definitief' AND (
        TG_OP = 'DELETE' OR {vergelijking}
    ) THEN
        RAISE EXCEPTION 'Beschikking % is definitief en kan niet worden gewijzigd', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("plannen", "0009_herinnering_indexen")]

    operations = [
        migrations.RunSQL(
            FUNCTIE.format(vergelijking="to_jsonb(NEW) IS DISTINCT FROM to_jsonb(OLD)"),
            # Back to 0007's function: the mark may change on a final decision.
            FUNCTIE.format(
                vergelijking="(to_jsonb(NEW) - 'herindicatie_gemeld_op') "
                "IS DISTINCT FROM (to_jsonb(OLD) - 'herindicatie_gemeld_op')"
            ),
        ),
        migrations.RemoveField(model_name="beschikking", name="herindicatie_gemeld_op"),
        migrations.RemoveField(model_name="historicalbeschikking", name="herindicatie_gemeld_op"),
    ]
