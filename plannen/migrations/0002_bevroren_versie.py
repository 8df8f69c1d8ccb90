"""A signed plan version is frozen in the database itself, not only in forms and services.

- plannen_planversie: no UPDATE or DELETE of a row whose status is 'ondertekend'.
- plannen_doel, plannen_actie: no INSERT, UPDATE or DELETE under a signed version.
- plannen_ondertekening: no UPDATE or DELETE under a signed version (co-signing adds rows).
The error is SQLSTATE 23001 (restrict_violation), which Django raises as an IntegrityError.
"""

from django.db import migrations

SQL = r"""
CREATE FUNCTION plannen_versie_bevroren(versie_id bigint) RETURNS boolean
LANGUAGE sql AS $$
    SELECT EXISTS (SELECT 1 FROM plannen_planversie WHERE id = versie_id AND status = 'ondertekend')
$$;

CREATE FUNCTION plannen_weiger(tabel text, versie_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Planversie % is ondertekend en bevroren: % kan niet worden gewijzigd',
        versie_id, tabel USING ERRCODE = 'restrict_violation';
END
$$;

CREATE FUNCTION plannen_planversie_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'ondertekend' THEN
        PERFORM plannen_weiger('de versie', OLD.id);
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER plannen_planversie_bevroren
BEFORE UPDATE OR DELETE ON plannen_planversie
FOR EACH ROW EXECUTE FUNCTION plannen_planversie_bevroren();

CREATE FUNCTION plannen_doel_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
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

CREATE TRIGGER plannen_doel_bevroren
BEFORE INSERT OR UPDATE OR DELETE ON plannen_doel
FOR EACH ROW EXECUTE FUNCTION plannen_doel_bevroren();

CREATE FUNCTION plannen_actie_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    versie_id bigint;
BEGIN
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

CREATE TRIGGER plannen_actie_bevroren
BEFORE INSERT OR UPDATE OR DELETE ON plannen_actie
FOR EACH ROW EXECUTE FUNCTION plannen_actie_bevroren();

CREATE FUNCTION plannen_ondertekening_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF plannen_versie_bevroren(OLD.planversie_id) THEN
        PERFORM plannen_weiger('een ondertekening', OLD.planversie_id);
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER plannen_ondertekening_bevroren
BEFORE UPDATE OR DELETE ON plannen_ondertekening
FOR EACH ROW EXECUTE FUNCTION plannen_ondertekening_bevroren();
"""

REVERSE_SQL = r"""
DROP TRIGGER IF EXISTS plannen_ondertekening_bevroren ON plannen_ondertekening;
DROP TRIGGER IF EXISTS plannen_actie_bevroren ON plannen_actie;
DROP TRIGGER IF EXISTS plannen_doel_bevroren ON plannen_doel;
DROP TRIGGER IF EXISTS plannen_planversie_bevroren ON plannen_planversie;
DROP FUNCTION IF EXISTS plannen_ondertekening_bevroren();
DROP FUNCTION IF EXISTS plannen_actie_bevroren();
DROP FUNCTION IF EXISTS plannen_doel_bevroren();
DROP FUNCTION IF EXISTS plannen_planversie_bevroren();
DROP FUNCTION IF EXISTS plannen_weiger(text, bigint);
DROP FUNCTION IF EXISTS plannen_versie_bevroren(bigint);
"""


class Migration(migrations.Migration):
    dependencies = [("plannen", "0001_initial")]
    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
