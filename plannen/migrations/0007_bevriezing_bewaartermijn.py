"""The freeze triggers (0002: signed plan versions, 0004: final decisions) let one thing through:
the retention job (toegang.bewaartermijn), which anonymises signed plans and decisions once
their retention period has ended. It sets `SET LOCAL wijkteam.bewaartermijn = 'aan'` inside its
own transaction only; without it every trigger refuses exactly as before.
"""

from django.db import migrations

# Each trigger function as in 0002/0004, with {ontgrendeling} where the bypass goes.
ONTGRENDELING = """
    IF plannen_bewaartermijn_actief() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;"""

FUNCTIES = r"""
CREATE OR REPLACE FUNCTION plannen_planversie_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN{ontgrendeling}
    IF OLD.status = 'ondertekend' THEN
        PERFORM plannen_weiger('de versie', OLD.id);
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION plannen_doel_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN{ontgrendeling}
    IF TG_OP IN ('UPDATE', 'DELETE') AND plannen_versie_bevroren(OLD.planversie_id) THEN
        PERFORM plannen_weiger('een doel', OLD.planversie_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND plannen_versie_bevroren(NEW.planversie_id) THEN
        PERFORM plannen_weiger('een doel', NEW.planversie_id);
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION plannen_actie_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    versie_id bigint;
BEGIN{ontgrendeling}
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT planversie_id INTO versie_id FROM plannen_doel WHERE id = OLD.doel_id;
        IF plannen_versie_bevroren(versie_id) THEN
            PERFORM plannen_weiger('een actie', versie_id);
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT planversie_id INTO versie_id FROM plannen_doel WHERE id = NEW.doel_id;
        IF plannen_versie_bevroren(versie_id) THEN
            PERFORM plannen_weiger('een actie', versie_id);
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION plannen_ondertekening_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN{ontgrendeling}
    IF plannen_versie_bevroren(OLD.planversie_id) THEN
        PERFORM plannen_weiger('een ondertekening', OLD.planversie_id);
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION plannen_beschikking_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN{ontgrendeling}
    IF OLD.status = 'definitief' AND (
        TG_OP = 'DELETE'
        OR (to_jsonb(NEW) - 'herindicatie_gemeld_op')
           IS DISTINCT FROM (to_jsonb(OLD) - 'herindicatie_gemeld_op')
    ) THEN
        RAISE EXCEPTION 'Beschikking % is definitief en kan niet worden gewijzigd', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;
"""

SQL = r"""
CREATE FUNCTION plannen_bewaartermijn_actief() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('wijkteam.bewaartermijn', true), '') = 'aan'
$$;
""" + FUNCTIES.replace("{ontgrendeling}", ONTGRENDELING)

REVERSE_SQL = (
    FUNCTIES.replace("{ontgrendeling}", "")
    + "DROP FUNCTION IF EXISTS plannen_bewaartermijn_actief();"
)


class Migration(migrations.Migration):
    dependencies = [("plannen", "0006_actie_index")]
    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
