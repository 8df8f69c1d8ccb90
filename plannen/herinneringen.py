"""The plan's reminder scans (registered with casussen.herinneringen)."""

from casussen.herinneringen import scan
from casussen.models import HerinneringSoort as Soort

# An action of a plan version in force (the newest signed one, or a draft), not done: the
# regisseur of the household's open case is reminded.
ACTIES = """
SELECT c.regisseur_id, c.id, a.id, a.wanneer FROM plannen_actie a
JOIN plannen_doel d ON d.id = a.doel_id
JOIN plannen_planversie v ON v.id = d.planversie_id
JOIN plannen_plan p ON p.id = v.plan_id
JOIN casussen_casus c ON c.huishouden_id = p.huishouden_id AND c.status <> 'afgesloten'
WHERE a.status IN ('open', 'bezig') AND NOT EXISTS (
    SELECT 1 FROM plannen_planversie nieuwer WHERE nieuwer.plan_id = v.plan_id
    AND nieuwer.nummer > v.nummer)
"""
scan(Soort.ACTIE_BINNENKORT, ACTIES + " AND a.wanneer = %(vandaag)s::date + 3")
scan(Soort.ACTIE_VERLOPEN, ACTIES + " AND a.wanneer < %(vandaag)s")
scan(
    Soort.PLAN_NIET_ONDERTEKEND,
    "SELECT c.regisseur_id, c.id, v.id, (v.aangemaakt_op AT TIME ZONE 'Europe/Amsterdam')::date "
    "FROM plannen_planversie v JOIN plannen_plan p ON p.id = v.plan_id "
    "JOIN casussen_casus c ON c.huishouden_id = p.huishouden_id AND c.status <> 'afgesloten' "
    "WHERE v.status = 'concept' AND v.aangemaakt_op < %(vandaag)s::date - 13",
)
