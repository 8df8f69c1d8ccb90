"""The reminder scans of plans and of the backoffice (registered with casussen.herinneringen)."""

from casussen.herinneringen import scan
from casussen.models import HerinneringSoort as Soort

from .backoffice import HERINDICATIE_WEKEN

# An action of a plan version in force (the newest signed one, or a draft), not done: the
# regisseur of the household's open case is reminded. The plan's household is a lookup per due
# action (a scalar subquery), so the work grows with what is due, not with all plans: joined,
# the planner would hash all of plannen_plan once the due set is a few thousand actions.
ACTIES = """
SELECT c.regisseur_id, c.id, a.id, a.wanneer FROM plannen_actie a
JOIN plannen_doel d ON d.id = a.doel_id
JOIN plannen_planversie v ON v.id = d.planversie_id
JOIN casussen_casus c ON c.status <> 'afgesloten'
    AND c.huishouden_id = (SELECT p.huishouden_id FROM plannen_plan p WHERE p.id = v.plan_id)
WHERE a.status IN ('open', 'bezig') AND NOT EXISTS (
    SELECT 1 FROM plannen_planversie nieuwer WHERE nieuwer.plan_id = v.plan_id
    AND nieuwer.nummer > v.nummer)
"""
scan(Soort.ACTIE_BINNENKORT, ACTIES + " AND a.wanneer = %(vandaag)s::date + 3")
scan(
    Soort.ACTIE_VERLOPEN,
    ACTIES + " AND a.wanneer BETWEEN %(inhalen_vanaf)s AND %(vandaag)s::date - 1",
)
scan(
    Soort.PLAN_NIET_ONDERTEKEND,
    "SELECT c.regisseur_id, c.id, v.id, (v.aangemaakt_op AT TIME ZONE 'Europe/Amsterdam')::date "
    "FROM plannen_planversie v JOIN plannen_plan p ON p.id = v.plan_id "
    "JOIN casussen_casus c ON c.huishouden_id = p.huishouden_id AND c.status <> 'afgesloten' "
    "WHERE v.status = 'concept' AND v.aangemaakt_op >= %(inhalen_vanaf)s::date - 13 "
    "AND v.aangemaakt_op < %(vandaag)s::date - 13",
)

# The backoffice decides within the term (Aanvraag.termijn_einde, kept by plannen.backoffice).
# The request's behandelaar is reminded; while it has none who is an active backoffice worker,
# every active backoffice worker is. While the request waits for information the clock stands
# still: no reminder.
BESLISTERMIJN = """
SELECT bo.id, a.casus_id, a.id, a.termijn_einde FROM plannen_aanvraag a
JOIN toegang_gebruiker bo ON bo.is_active AND bo.rollen @> ARRAY['backoffice']::varchar[]
    AND (bo.id = a.behandelaar_id OR NOT EXISTS (
        SELECT 1 FROM toegang_gebruiker b WHERE b.id = a.behandelaar_id AND b.is_active
        AND b.rollen @> ARRAY['backoffice']::varchar[]))
WHERE a.status IN ('open', 'ter_controle')
"""
scan(
    Soort.BESLISTERMIJN_BINNENKORT,
    BESLISTERMIJN + " AND a.termijn_einde = %(vandaag)s::date + 5",
    link="plannen:aanvraag",
)
scan(
    Soort.BESLISTERMIJN_VERLOPEN,
    BESLISTERMIJN + " AND a.termijn_einde BETWEEN %(inhalen_vanaf)s AND %(vandaag)s::date - 1",
    link="plannen:aanvraag",
)
# A final grant that ends within HERINDICATIE_WEKEN weeks: the regisseur of the request's case.
# The subject is the request (one decision per request), so the reminder links to its page.
HERINDICATIE = """
SELECT c.regisseur_id, c.id, a.id, b.einddatum FROM plannen_beschikking b
JOIN plannen_aanvraag a ON a.id = b.aanvraag_id JOIN casussen_casus c ON c.id = a.casus_id
WHERE b.status = 'definitief' AND b.besluit = 'toekennen'
    AND b.einddatum BETWEEN %(vandaag)s AND %(vandaag)s::date + {dagen}
"""
scan(
    Soort.HERINDICATIE,
    HERINDICATIE.format(dagen=7 * HERINDICATIE_WEKEN),
    link="plannen:aanvraag",
)
