"""Reminder scans of referrals (registered with casussen.herinneringen).

A referral still 'verstuurd' (not accepted or declined) after 5 whole working days reminds the
regisseur of the case and whoever sent it; after 10 working days the team's teamleiders too.
Working days skip weekends and Atw feestdagen, in SQL (casussen.herinneringen.werkdagen_terug).
The peildatum is the day the referral was sent, so each referral is reminded once per user.
"""

from casussen.herinneringen import scan, werkdagen_terug
from casussen.models import HerinneringSoort as Soort

HERINNERING_REGISSEUR_WERKDAGEN = 5
HERINNERING_TEAMLEIDER_WERKDAGEN = 10


# One row per recipient (`wie`) of each referral sent before the start of the n-th working
# day before today (`grens`).
ONBEANTWOORD = """
SELECT DISTINCT wie.id, v.casus_id, v.id, (v.verstuurd_op AT TIME ZONE 'Europe/Amsterdam')::date
FROM partners_verwijzing v JOIN casussen_casus c ON c.id = v.casus_id {ontvangers}
WHERE v.status = 'verstuurd'
    AND v.verstuurd_op < ({grens}::timestamp AT TIME ZONE 'Europe/Amsterdam')
"""

scan(
    Soort.VERWIJZING_ONBEANTWOORD,
    ONBEANTWOORD.format(
        ontvangers="CROSS JOIN LATERAL (VALUES (c.regisseur_id), (v.verstuurd_door_id)) wie(id)",
        grens=werkdagen_terug(HERINNERING_REGISSEUR_WERKDAGEN),
    ),
    link="partners:verwijzing",
)
scan(
    Soort.VERWIJZING_ESCALATIE,
    ONBEANTWOORD.format(
        ontvangers="JOIN toegang_gebruiker wie ON wie.team_id = c.team_id AND wie.is_active "
        "AND wie.rollen @> ARRAY['teamleider']::varchar[]",
        grens=werkdagen_terug(HERINNERING_TEAMLEIDER_WERKDAGEN),
    ),
    link="partners:verwijzing",
)
