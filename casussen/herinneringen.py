"""Reminder scans: one indexed INSERT … SELECT per kind, never a Python loop over rows.

Each scan inserts the reminders that are due today and skips what exists (the unique key
herinnering_eenmalig), so running a scan twice, from two beat processes, or again after a worker
was killed, adds nothing and loses nothing. Other apps register their scans with `scan`.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from .models import HerinneringSoort as Soort
from .termijnen import atw_feestdagen

# A 'passed' reminder is made by the first scan after the date passed (the beat runs hourly).
# Scans look back this many days for what earlier runs missed (workers or database down over a
# long weekend), and no further: bounded work per run (10 million actions), and no flood of
# reminders about long-past dates when data is imported or the system starts.
INHAAL_DAGEN = 3

_SCANS: dict[str, str] = {}
_LINKS: dict[str, str] = {}

INSERT = """
INSERT INTO casussen_herinnering
    (gebruiker_id, soort, casus_id, onderwerp_id, peildatum, aangemaakt_op)
SELECT gebruiker_id, %(soort)s, casus_id, onderwerp_id, peildatum, now()
FROM ({select}) AS due(gebruiker_id, casus_id, onderwerp_id, peildatum)
WHERE gebruiker_id IS NOT NULL AND casus_id IS NOT NULL
ON CONFLICT ON CONSTRAINT herinnering_eenmalig DO NOTHING
"""


def scan(soort: str, select: str, *, link: str | None = None) -> None:
    """Register a scan: `select` yields gebruiker_id, casus_id, onderwerp_id, peildatum for
    what is due on %(vandaag)s (other parameters: see `parameters`). `link` names the URL of
    the object (onderwerp_id as its one argument); without it the reminder links to the case."""
    _SCANS[soort] = select
    if link:
        _LINKS[soort] = link


def link(herinnering) -> str:
    if herinnering.soort in _LINKS:
        return reverse(_LINKS[herinnering.soort], args=[herinnering.onderwerp_id])
    return reverse("casussen:casus", args=[herinnering.casus_id])


def werkdagen_terug(aantal: int) -> str:
    """SQL for the `aantal`-th working day before %(vandaag)s: Saturdays, Sundays, the Atw
    feestdagen (%(feestdagen)s, from casussen.termijnen) and the days the beheerder equated
    with them (casussen_gelijkgesteldedag) do not count. One value per scan, not per row;
    the series is long enough for `aantal` working days however the feestdagen fall."""
    aantal = int(aantal)
    return f"""(SELECT dag::date FROM generate_series(%(vandaag)s::date - 1,
        %(vandaag)s::date - {7 * aantal + 21}, interval '-1 day') AS dag
    WHERE extract(isodow FROM dag) < 6 AND dag::date <> ALL(%(feestdagen)s::date[])
        AND NOT EXISTS (SELECT 1 FROM casussen_gelijkgesteldedag g WHERE g.datum = dag::date)
    ORDER BY dag DESC OFFSET {aantal - 1} LIMIT 1)"""  # noqa: S608 - only integers go in


def parameters(vandaag: date) -> dict:
    """The query parameters every scan may use (bench/bench_herinneringen.py explains with
    them)."""
    feestdagen = atw_feestdagen(vandaag.year - 1) | atw_feestdagen(vandaag.year)
    return {
        "vandaag": vandaag,
        "inhalen_vanaf": vandaag - timedelta(days=INHAAL_DAGEN),
        "feestdagen": sorted(feestdagen),
    }


def geregistreerd() -> list[str]:
    """The kinds that have a scan, in the order scannen runs them."""
    return list(_SCANS)


def statement(soort: str) -> str:
    """The INSERT … SELECT of one kind's scan (bench/bench_herinneringen.py explains it)."""
    return INSERT.format(select=_SCANS[soort])


scan(
    Soort.EVALUATIE_BINNENKORT,
    "SELECT c.regisseur_id AS gebruiker_id, c.id AS casus_id, c.id AS onderwerp_id, "
    "c.evaluatie_op AS peildatum FROM casussen_casus c WHERE c.status <> 'afgesloten' "
    "AND c.evaluatie_op = %(vandaag)s::date + 7",
)
scan(
    Soort.EVALUATIE_VERLOPEN,
    "SELECT c.regisseur_id, c.id, c.id, c.evaluatie_op FROM casussen_casus c "
    "WHERE c.status <> 'afgesloten' "
    "AND c.evaluatie_op BETWEEN %(inhalen_vanaf)s AND %(vandaag)s::date - 1",
)
scan(
    Soort.ONDERZOEK_BINNENKORT,
    "SELECT c.regisseur_id, c.id, c.id, c.onderzoekstermijn_einde FROM casussen_casus c "
    "WHERE c.onderzoek_afgerond_op IS NULL AND c.status <> 'afgesloten' "
    "AND c.onderzoekstermijn_einde = %(vandaag)s::date + 5",
)
scan(
    Soort.ONDERZOEK_VERLOPEN,
    "SELECT c.regisseur_id, c.id, c.id, c.onderzoekstermijn_einde FROM casussen_casus c "
    "WHERE c.onderzoek_afgerond_op IS NULL AND c.status <> 'afgesloten' "
    "AND c.onderzoekstermijn_einde BETWEEN %(inhalen_vanaf)s AND %(vandaag)s::date - 1",
)
# Consent that runs out in 14 days: the regisseur of the household's open case.
scan(
    Soort.TOESTEMMING_VERLOOPT,
    "SELECT c.regisseur_id, c.id, t.id, t.geldig_tot FROM toegang_toestemming t "
    "JOIN casussen_persoon p ON p.id = t.persoon_id "
    "JOIN casussen_casus c ON c.huishouden_id = p.huishouden_id AND c.status <> 'afgesloten' "
    "WHERE t.ingetrokken_op IS NULL AND t.geldig_tot = %(vandaag)s::date + 14",
)


@transaction.atomic
def scannen(*, vandaag: date | None = None, soorten: Iterable[str] = ()) -> dict[str, int]:
    """Run the scans for `vandaag`; returns how many new reminders each kind made."""
    vandaag = vandaag or timezone.localdate()
    soorten = set(soorten)
    gemeen = parameters(vandaag)
    nieuw = {}
    with connection.cursor() as cursor:
        for soort in _SCANS:
            if soorten and soort not in soorten:
                continue
            cursor.execute(statement(soort), {**gemeen, "soort": soort})
            nieuw[soort] = cursor.rowcount
    return nieuw


def _initialen(persoon) -> str:
    return "".join(f"{deel[0]}." for deel in (persoon.voornamen, persoon.achternaam) if deel)


def dagoverzicht_versturen(*, gebruiker_id: int, vandaag: date | None = None) -> bool:
    """Mail one user the open reminders, once a day. No sensitive content: residents appear as
    initials with the case number; no BSN, address or full name."""
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail

    from .models import Dagoverzicht, Herinnering

    vandaag = vandaag or timezone.localdate()
    gebruiker = get_user_model().objects.get(pk=gebruiker_id)
    with transaction.atomic():
        open_ = list(
            Herinnering.objects.filter(gebruiker=gebruiker, afgehandeld_op__isnull=True)
            .select_related("casus__huishouden")
            .prefetch_related("casus__huishouden__leden")
            .order_by("peildatum")[:100]
        )
        if not open_ or not gebruiker.email:
            return False
        _, nieuw = Dagoverzicht.objects.get_or_create(
            gebruiker=gebruiker, datum=vandaag, defaults={"aantal": len(open_)}
        )
        if not nieuw:
            return False
        regels = []
        for h in open_:
            leden = list(h.casus.huishouden.leden.all())
            wie = _initialen(leden[0]) if leden else ""
            regels.append(
                f"- {h.peildatum:%d-%m-%Y} {h.get_soort_display()}: {h.casus.nummer} {wie}"
            )
        send_mail(
            subject=f"Wijkteam: {len(open_)} openstaande herinneringen",
            message="Goedemorgen,\n\nDit staat voor u open:\n\n"
            + "\n".join(regels)
            + "\n\nBekijk de details in Wijkteam.",
            from_email=None,
            recipient_list=[gebruiker.email],
        )
    return True
