"""Time the steering dashboard (issue 9) on whatever data is in the database.

    SECRET_KEY=x .venv/bin/python -m wijkteam.embedded DATA_DIR -- \\
        .venv/bin/python bench/bench_dashboard.py [--keer 5] [--aanvullen]

Renders /stuurinformatie/ (and the CSV export) in-process through Django's test client, logged
in with both factors, as a beleid user (all teams) and a teamleider (own team): per page the
median and worst time of --keer runs and the number of SQL queries, "koud" (the figures cache
emptied before every run: every figure computed in the database) and "warm" (the figures for
the same filters and data version from the cache). The target is under 1 s per page on the
scale data (150,000 cases), cold.

`manage.py schaaldata` makes cases, households and persons but (so far) no meldingen,
keukentafelgesprekken or ZRM assessments. --aanvullen adds those once with INSERT ... SELECT
(one melding and one talk per case, an intake and a closing ZRM score on one domain for the
first person of each closed case) so that every figure has rows to aggregate. Bench data only.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkteam.settings")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.pop("DEBUG", None)

AANVULLEN_SQL = [
    # One melding per case that has none, on the case's reporting date.
    """
    INSERT INTO casussen_melding (datum, bron, melder_naam, melder_organisatie, melder_email,
        melder_telefoon, kanaal, vraag, wetten, team_id, huishouden_id, triage,
        triage_toelichting, doorverwezen_naar, casus_id, geregistreerd_door_id, geregistreerd_op)
    SELECT COALESCE(c.gemeld_op, c.geopend_op),
        (ARRAY['inwoner','familie','professional','huisarts','school','overig'])[1 + c.id::int % 6],
        '', '', '', '', (ARRAY['telefoon','email','formulier','inloop'])[1 + c.id::int % 4],
        'bench', c.wetten, c.team_id, c.huishouden_id, 'casus', '', '', c.id, c.regisseur_id,
        now()
    FROM casussen_casus c
    WHERE NOT EXISTS (SELECT 1 FROM casussen_melding m WHERE m.casus_id = c.id)
    """,
    # One kitchen-table talk per case that has none, 3-40 days after the melding.
    """
    INSERT INTO casussen_keukentafelgesprek (casus_id, datum, plaats, overige_aanwezigen,
        verslag, netwerk, eigen_kracht, door_id, aangemaakt_op)
    SELECT c.id, COALESCE(c.gemeld_op, c.geopend_op) + (3 + c.id::int % 38), 'thuis', '', 'bench',
        '', '', c.regisseur_id, now()
    FROM casussen_casus c
    WHERE NOT EXISTS (SELECT 1 FROM casussen_keukentafelgesprek k WHERE k.casus_id = c.id)
    """,
    # An intake and a closing assessment for closed cases without any.
    """
    INSERT INTO casussen_zrmmeting (casus_id, datum, soort, door_id, aangemaakt_op)
    SELECT c.id, COALESCE(c.gemeld_op, c.geopend_op), s.soort, c.regisseur_id, now()
    FROM casussen_casus c CROSS JOIN (VALUES ('intake'), ('afsluiting')) AS s(soort)
    WHERE c.gesloten_op IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM casussen_zrmmeting z WHERE z.casus_id = c.id)
    """,
    # Scores on the first domain for the household's first person: closing = intake + 0..2.
    """
    INSERT INTO casussen_zrmscore (meting_id, persoon_id, domein_id, score, reden_niet_gescoord)
    SELECT z.id, p.id, d.id,
        LEAST(5, 1 + c.id::int % 3
                 + CASE WHEN z.soort = 'afsluiting' THEN c.id::int % 3 ELSE 0 END), ''
    FROM casussen_zrmmeting z
    JOIN casussen_casus c ON c.id = z.casus_id
    JOIN LATERAL (SELECT id FROM casussen_persoon WHERE huishouden_id = c.huishouden_id
                  ORDER BY id LIMIT 1) p ON TRUE
    CROSS JOIN (SELECT id FROM casussen_domein ORDER BY volgorde, id LIMIT 1) d
    WHERE NOT EXISTS (SELECT 1 FROM casussen_zrmscore s WHERE s.meting_id = z.id)
    """,
]


MAAK_SQL = [
    """
    INSERT INTO casussen_huishouden (straat, huisnummer, toevoeging, postcode, plaats, wijk,
        team_id, aangemaakt_op)
    SELECT 'Benchstraat', g, '', lpad((1000 + g %% 8999)::text, 4, '0') || 'AB', 'Benchdam',
        'Wijk ' || (1 + g %% 12), (%(teams)s)[1 + g %% cardinality(%(teams)s)], now()
    FROM generate_series(1, %(huishoudens)s) g
    """,
    """
    INSERT INTO casussen_persoon (huishouden_id, voornamen, tussenvoegsel, achternaam,
        geboortedatum, rol, telefoon, email, huisarts, is_contactpersoon)
    SELECT h.id, 'Bench', '', 'Inwoner ' || k, date '1950-01-01' + (h.id::int * 37 + k) %% 20000,
        CASE WHEN k = 1 THEN 'hoofdbewoner' ELSE 'kind' END, '', '', '', k = 1
    FROM casussen_huishouden h CROSS JOIN generate_series(1, 1 + h.id::int %% 3) k
    WHERE h.plaats = 'Benchdam'
    """,
    """
    INSERT INTO casussen_casus (huishouden_id, team_id, regisseur_id, status, wetten, vraag,
        geopend_op, gesloten_op, sluitreden, gemeld_op, onderzoekstermijn_einde,
        onderzoek_afgerond_op, onderzoek_op_tijd)
    SELECT h.id, h.team_id, (%(consulenten)s)[1 + (h.id::int + k) %% cardinality(%(consulenten)s)],
        CASE WHEN d.dicht THEN 'afgesloten'
             ELSE (ARRAY['aanmelding','vraagverheldering','plan','uitvoering','evaluatie'])
                  [1 + (h.id::int + k) %% 5] END,
        (CASE (h.id::int * 7 + k) %% 4 WHEN 0 THEN ARRAY['wmo'] WHEN 1 THEN ARRAY['jeugdwet']
              WHEN 2 THEN ARRAY['participatiewet'] ELSE ARRAY['wmo', 'jeugdwet'] END
        )::varchar(20)[],
        'bench', d.gemeld, CASE WHEN d.dicht THEN d.gemeld + 30 + (h.id::int + k) %% 300 END,
        CASE WHEN d.dicht THEN (ARRAY['doelen_bereikt','overgedragen','verhuisd'])
                               [1 + (h.id::int + k) %% 3] ELSE '' END,
        d.gemeld, d.gemeld + 42, d.gemeld + 10 + (h.id::int + k) %% 50, (h.id::int + k) %% 50 <= 32
    FROM casussen_huishouden h CROSS JOIN generate_series(1, 2) k
    CROSS JOIN LATERAL (SELECT current_date - (h.id::int * 13 + k * 101) %% 1500 AS gemeld,
                               (h.id::int + k) %% 10 < 7 AS dicht) d
    WHERE h.plaats = 'Benchdam'
    """,
]


def maak(huishoudens: int):
    """A quick data set of its own: 2 cases per household (so --maak 75000 gives 150,000)."""
    from django.db import connection, transaction

    from toegang.models import Gebruiker, Gemeente, Rol, Team

    with transaction.atomic():
        gemeente, _ = Gemeente.objects.get_or_create(naam="Benchgemeente dashboard")
        teams = [
            Team.objects.get_or_create(gemeente=gemeente, naam=f"Benchteam {i}")[0]
            for i in range(1, 6)
        ]
        consulenten = []
        for i in range(60):
            team = teams[i % len(teams)]
            g, _ = Gebruiker.objects.get_or_create(
                username=f"dash-consulent-{i}",
                defaults={"rollen": [Rol.CONSULENT], "team": team},
            )
            consulenten.append(g.id)
        Gebruiker.objects.get_or_create(
            username="dash-teamleider",
            defaults={"rollen": [Rol.TEAMLEIDER, Rol.CONSULENT], "team": teams[0]},
        )
        Gebruiker.objects.get_or_create(username="dash-beleid", defaults={"rollen": [Rol.BELEID]})
        params = {
            "teams": [t.id for t in teams],
            "consulenten": consulenten,
            "huishoudens": huishoudens,
        }
        with connection.cursor() as cur:
            for sql in MAAK_SQL:
                t = time.perf_counter()
                cur.execute(sql, params)
                print(f"gemaakt: {cur.rowcount:>9,} rijen in {time.perf_counter() - t:.1f} s")
    _vacuum(["casussen_huishouden", "casussen_persoon", "casussen_casus"])


def _vacuum(tabellen):
    """Statistics and the visibility map, as autovacuum leaves them (index-only scans)."""
    from django.db import connection

    with connection.cursor() as cur:
        for tabel in tabellen:
            cur.execute(f"VACUUM ANALYZE {tabel}")


def aanvullen():
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        for sql in AANVULLEN_SQL:
            t = time.perf_counter()
            cur.execute(sql)
            print(f"aangevuld: {cur.rowcount:>9,} rijen in {time.perf_counter() - t:.1f} s")
    _vacuum(["casussen_melding", "casussen_keukentafelgesprek", "casussen_zrmmeting",
             "casussen_zrmscore"])  # fmt: skip


def client_voor(gebruiker):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(gebruiker)
    apparaat = TOTPDevice.objects.filter(user=gebruiker).first()
    if apparaat is None:
        apparaat = TOTPDevice.objects.create(user=gebruiker, name="bench", confirmed=True)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie.save()
    return client


def _cpu(pid) -> float:
    """CPU seconds of a local process (user + system), from /proc."""
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def meet(client, url, params, keer, *, koud):
    """Median and worst wall time, median CPU time (this process plus the PostgreSQL backend:
    what the request costs on an idle machine; parallel workers not counted) and queries."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tijden, cpu, queries = [], [], 0
    for _ in range(keer):
        if koud:
            cache.clear()  # the bench's own Redis; the session lives in the database
        connection.ensure_connection()
        backend = connection.connection.info.backend_pid
        c0, db0 = time.process_time(), _cpu(backend)
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(url, params)
            tijden.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c0 + _cpu(backend) - db0)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    return statistics.median(tijden), max(tijden), statistics.median(cpu), queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keer", type=int, default=5)
    parser.add_argument("--aanvullen", action="store_true")
    parser.add_argument(
        "--maak",
        type=int,
        metavar="HUISHOUDENS",
        help="eerst eigen benchdata maken (2 casussen per huishouden)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings

    # No collectstatic manifest needed to render in-process (as in the tests).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.urls import reverse

    from casussen.models import Casus, Keukentafelgesprek, Melding, ZrmScore
    from toegang.models import Gebruiker, Rol

    if args.maak:
        maak(args.maak)
    if args.aanvullen or args.maak:
        aanvullen()
    print(
        f"data: {Casus.objects.count():,} casussen, {Melding.objects.count():,} meldingen, "
        f"{Keukentafelgesprek.objects.count():,} gesprekken, {ZrmScore.objects.count():,} "
        "ZRM-scores"
    )
    beleid = Gebruiker.objects.filter(rollen__contains=[Rol.BELEID]).order_by("id").first()
    teamleider = (
        Gebruiker.objects.filter(rollen__contains=[Rol.TEAMLEIDER], team__isnull=False)
        .order_by("id")
        .first()
    )
    pagina = reverse("casussen:stuurinformatie")
    export = reverse("casussen:stuurinformatie_csv")
    jaar = {"van": "2025-01-01", "tot": "2025-12-31"}
    metingen = []
    for naam, gebruiker in [("beleid", beleid), ("teamleider", teamleider)]:
        if gebruiker is None:
            print(f"geen {naam}-gebruiker in de database: overgeslagen")
            continue
        client = client_voor(gebruiker)
        client.get(pagina)  # warm: session, templates
        for label, url, params in [
            ("pagina, standaard (12 mnd)", pagina, {}),
            ("pagina, 2025", pagina, jaar),
            ("CSV-export", export, {}),
        ]:
            for koud in (True, False):
                uitkomst = meet(client, url, params, args.keer, koud=koud)
                metingen.append((naam, label, "koud" if koud else "warm", *uitkomst))
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{'rol':<11} {'wat':<28} {'cache':<6} {'mediaan':>9} {'slechtst':>9} {'cpu':>8} "
        f"{'queries':>8}"
    )
    for naam, label, soort, med, slechtst, cpu, q in metingen:
        print(
            f"{naam:<11} {label:<28} {soort:<6} {med:>8.3f}s {slechtst:>8.3f}s {cpu:>7.3f}s {q:>8}"
        )
    te_traag = [m for m in metingen if m[3] >= 1.0]
    print(
        "doel < 1 s per pagina:", "gehaald" if not te_traag else f"NIET gehaald ({len(te_traag)})"
    )
    return 1 if te_traag else 0


if __name__ == "__main__":
    sys.exit(main())
