"""A final beschikking is final in the database itself, as a signed plan version (0002).

- plannen_beschikking: no DELETE of a row whose status is 'definitief', and no UPDATE of such a
  row except setting `herindicatie_gemeld_op` (the reminder task marks what it has mailed).
The error is SQLSTATE 23001 (restrict_violation), which Django raises as an IntegrityError.
"""

from django.db import migrations

SQL = r"""
CREATE FUNCTION plannen_beschikking_bevroren() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
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

CREATE TRIGGER plannen_beschikking_bevroren
BEFORE UPDATE OR DELETE ON plannen_beschikking
FOR EACH ROW EXECUTE FUNCTION plannen_beschikking_bevroren();
"""

REVERSE_SQL = r"""
DROP TRIGGER IF EXISTS plannen_beschikking_bevroren ON plannen_beschikking;
DROP FUNCTION IF EXISTS plannen_beschikking_bevroren();
"""


class Migration(migrations.Migration):
    dependencies = [("plannen", "0003_backoffice")]
    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
