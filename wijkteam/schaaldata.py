"""Scale data for benchmarks: households, persons, cases, plans, history and access log at the
size of a small town, a city or Amsterdam (DESIGN.md section 9), loaded fast with COPY and
server-side INSERT ... SELECT.

Known logins (all with password BENCH_WACHTWOORD and TOTP key demo.totp_sleutel(username)):
bench-consulent (team 1, regisseur of part of team 1's cases), bench-teamleider (team 1),
bench-partner (organisation 1), bench-backoffice, bench-beleid. Bulk users ("mw00001"...)
have unusable passwords.
"""

import io
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection, transaction
from faker import Faker

from casussen.models import Casus, Domein, Huishouden, Persoon
from toegang.models import Gebruiker, Gemeente, Rol, Team
from toegang.services import gebruiker_aanmaken

from .demo import bsn_generator, totp_sleutel

BENCH_WACHTWOORD = "Wijkteam-bench-2026"
GEMEENTE = "Gemeente Schaalstad"
BENCH_LOGINS = {
    "bench-consulent": ((Rol.CONSULENT,), True),
    "bench-teamleider": ((Rol.TEAMLEIDER, Rol.CONSULENT), True),
    "bench-partner": ((Rol.PARTNER,), False),
    "bench-backoffice": ((Rol.BACKOFFICE,), False),
    "bench-beleid": ((Rol.BELEID,), False),
}


@dataclass(frozen=True)
class Grootte:
    huishoudens: int
    personen: int
    casussen: int
    acties: int
    logregels: int
    gebruikers: int
    teams: int
    organisaties: int
    maanden_log: int = 24


GROOTTES = {
    "small": Grootte(10_000, 24_000, 20_000, 200_000, 400_000, 100, 5, 20, 12),
    "city": Grootte(100_000, 240_000, 200_000, 2_000_000, 4_000_000, 400, 10, 50),
    "amsterdam": Grootte(500_000, 1_200_000, 1_000_000, 10_000_000, 20_000_000, 2_000, 50, 150),
}


def custom(huishoudens: int) -> Grootte:
    """A size scaled from `small` (used by tests: e.g. 200 households)."""
    f = huishoudens / 10_000
    return replace(
        GROOTTES["small"],
        huishoudens=huishoudens,
        personen=max(huishoudens, int(24_000 * f)),
        casussen=max(1, int(20_000 * f)),
        acties=int(200_000 * f),
        logregels=int(400_000 * f),
        gebruikers=max(20, int(100 * f)),
        teams=max(2, min(5, huishoudens // 100)),
        organisaties=max(3, min(20, huishoudens // 50)),
        maanden_log=3,
    )


# --- helpers ----------------------------------------------------------------------------------


def _tekst(waarde) -> str:
    """A value in COPY text format."""
    if waarde is None:
        return r"\N"
    if isinstance(waarde, bool):
        return "t" if waarde else "f"
    if isinstance(waarde, list | tuple):
        return "{" + ",".join(str(w) for w in waarde) + "}"
    s = str(waarde)
    if "\\" in s or "\t" in s or "\n" in s:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return s


def _copy(tabel: str, kolommen: list[str], rijen, batch: int = 50_000) -> int:
    """COPY rows (tuples) into a table; returns the count."""
    n = 0
    sql = f"COPY {tabel} ({', '.join(kolommen)}) FROM STDIN"  # noqa: S608
    with connection.cursor() as cur:
        raw = cur.cursor  # psycopg 3 cursor under Django's wrapper
        with raw.copy(sql) as copy:
            buf = io.StringIO()
            for rij in rijen:
                buf.write("\t".join(_tekst(w) for w in rij))
                buf.write("\n")
                n += 1
                if n % batch == 0:
                    copy.write(buf.getvalue())
                    buf = io.StringIO()
            copy.write(buf.getvalue())
    return n


def _volgende_id(cur, tabel: str) -> int:
    cur.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {tabel}")  # noqa: S608
    return cur.fetchone()[0]


def _sequentie_bij(cur, tabel: str) -> None:
    cur.execute(
        f"SELECT setval(pg_get_serial_sequence('{tabel}', 'id'), "  # noqa: S608
        f"(SELECT coalesce(max(id), 0) + 1 FROM {tabel}), false)"
    )


def _historie(cur, model, *, vanaf_id: int, wanneer: datetime, user_id: int | None) -> int:
    """History rows ('+', created) for every row of `model` with id >= vanaf_id, server-side."""
    hist = model.history.model
    velden = [f.column for f in hist._meta.concrete_fields if not f.name.startswith("history_")]
    kolommen = ", ".join(velden)
    cur.execute(
        f"INSERT INTO {hist._meta.db_table} ({kolommen}, history_date, history_change_reason, "  # noqa: S608
        f"history_type, history_user_id) SELECT {kolommen}, %s, NULL, '+', %s "
        f"FROM {model._meta.db_table} WHERE id >= %s",
        [wanneer, user_id, vanaf_id],
    )
    return cur.rowcount


@contextmanager
def _zonder_indexen(cur, tabellen: list[str]):
    """Drop the secondary indexes of `tabellen` during a bulk load and build them again after:
    one sorted build is far cheaper than millions of random index inserts. Indexes that back a
    constraint (primary key, unique) stay, and so do plain indexes on a foreign-key column: the
    load's own look-ups (a household's persons, a case's plan) go through them. A partitioned
    table's index covers its partitions."""
    cur.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
          AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
          AND NOT (i.indnatts = 1 AND i.indpred IS NULL AND i.indexprs IS NULL AND EXISTS (
              SELECT 1 FROM pg_constraint f WHERE f.conrelid = i.indrelid AND f.contype = 'f'
                AND f.conkey = ARRAY[i.indkey[0]]))""",
        [tabellen],
    )
    indexen = cur.fetchall()
    for naam, _ in indexen:
        cur.execute(f"DROP INDEX {naam}")
    yield
    cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
    for _, definitie in indexen:
        cur.execute(definitie.replace(" ON ONLY ", " ON "))


SOORTEN_MAATWERK = ["Huishoudelijke ondersteuning", "Begeleiding individueel", "Dagbesteding",
                    "Woningaanpassing", "Jeugdhulp ambulant"]  # fmt: skip


def aanvragen_toevoegen(cur, *, plan_start: int = 1, nu: datetime) -> int:
    """Maatwerk requests for a third of the signed plan versions from `plan_start` on, for the
    backoffice queue: open while the household's latest case is open, decided otherwise."""
    cur.execute(
        """INSERT INTO plannen_aanvraag (huishouden_id, casus_id, planversie_id, persoon_id,
        soort, wet, specificatie, omvang, duur, motivering, leveringsvorm, gewenste_aanbieder,
        ontvangen_op, termijn_einde, status, aangemaakt_op, aangemaakt_door_id, afgehandeld_op)
        SELECT p.huishouden_id, c.id, v.id,
               (SELECT min(pe.id) FROM casussen_persoon pe
                WHERE pe.huishouden_id = p.huishouden_id),
               (%s::text[])[1 + v.id %% %s],
               CASE WHEN 'jeugdwet' = ANY(c.wetten) THEN 'jeugdwet' ELSE 'wmo' END,
               '', '', '', '', 'zin', '', d.ontvangen, d.ontvangen + 56,
               CASE WHEN c.status = 'afgesloten' THEN 'afgehandeld'
                    ELSE (ARRAY['open', 'open', 'open', 'ter_controle'])[1 + v.id %% 4] END,
               %s, c.regisseur_id,
               CASE WHEN c.status = 'afgesloten' THEN d.ontvangen + 30 END
        FROM plannen_planversie v
        JOIN plannen_plan p ON p.id = v.plan_id
        CROSS JOIN LATERAL (SELECT (v.ondertekend_op::date + 1) AS ontvangen) d
        CROSS JOIN LATERAL (SELECT * FROM casussen_casus c WHERE c.huishouden_id = p.huishouden_id
                            ORDER BY c.id DESC LIMIT 1) c
        WHERE v.plan_id >= %s AND v.status = 'ondertekend' AND v.id %% 3 = 0
          AND NOT EXISTS (SELECT 1 FROM plannen_aanvraag a WHERE a.planversie_id = v.id)""",
        [SOORTEN_MAATWERK, len(SOORTEN_MAATWERK), nu, plan_start],
    )
    return cur.rowcount


class _Log:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.start = time.monotonic()
        self.stappen: dict[str, float] = {}
        self._t = self.start

    def __call__(self, stap: str, n: int | None = None):
        nu = time.monotonic()
        self.stappen[stap] = round(nu - self._t, 2)
        self._t = nu
        if self.stdout:
            extra = f" ({n:,} rijen)" if n is not None else ""
            self.stdout.write(f"  {stap}{extra}: {self.stappen[stap]:.1f} s")


# --- the load ---------------------------------------------------------------------------------


STRAAT_SOORT = ["straat", "laan", "weg", "plein", "gracht", "kade", "hof", "dijk"]
VRAGEN = [
    "Hulp bij schulden en de administratie",
    "Ondersteuning thuis na ziekenhuisopname",
    "Zorgen om opvoeding en school",
    "Eenzaamheid en weinig sociaal netwerk",
    "Huurachterstand, dreigende uithuiszetting",
    "Mantelzorger overbelast",
    "Hulp bij het vinden van werk of dagbesteding",
    "Woningaanpassing: traplift of douche",
]
DOELEN = [
    "Grip krijgen op de financiën",
    "Zelfstandig blijven wonen",
    "Rust in het gezin",
    "Een dag met structuur",
    "Meer contact met anderen",
    "Gezond blijven en goed slapen",
]
ACTIES = [
    "Belt de schuldhulpverlening voor een afspraak",
    "Zoekt samen met de buurvrouw een dagbesteding uit",
    "Vraagt een huisbezoek aan bij de huisarts",
    "Maakt een weekschema en hangt het op",
    "Gaat mee naar het eerste gesprek",
    "Regelt de aanvraag voor bijzondere bijstand",
]


@transaction.atomic
def genereer(grootte: Grootte, *, seed: int = 2026, stdout=None) -> dict:
    """Load a data set of the given size into the default database. Refuses when it is there."""
    if Gemeente.objects.filter(naam=GEMEENTE).exists():
        raise ValueError(f"{GEMEENTE} bestaat al: gebruik een lege database.")
    rng = random.Random(seed)  # noqa: S311  (reproducible bench data, not secrets)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    log = _Log(stdout)
    nu = datetime.now(UTC)
    vandaag = nu.date()
    tellingen: dict[str, int] = {}

    with connection.cursor() as cur:
        # Triggers (the freeze triggers, foreign-key checks) off during the load when we may;
        # the data is consistent by construction and inserted in an order the triggers accept.
        try:
            with transaction.atomic():
                cur.execute("SET LOCAL session_replication_role = replica")
            cur.execute("SET session_replication_role = replica")
            replica = True
        except Exception:  # noqa: BLE001  (not superuser: keep the triggers on)
            replica = False
        cur.execute("SET LOCAL synchronous_commit = off")
        # Hash joins over a million persons or cases in memory, not in batches on disk.
        cur.execute("SET LOCAL work_mem = '256MB'")
        try:
            with _zonder_indexen(cur, _bulktabellen()):
                tellingen.update(_laad(cur, grootte, rng, fake, log, nu, vandaag))
            log("indexen")
        finally:
            if replica:
                cur.execute("SET session_replication_role = origin")
        cur.execute("ANALYZE")  # every table, history included: the planner needs the stats
        log("analyze")
    tellingen["seconden"] = round(time.monotonic() - log.start, 1)
    tellingen["stappen"] = log.stappen
    return tellingen


def _bulktabellen() -> list[str]:
    """The tables filled with (hundreds of) thousands to millions of rows: households, persons
    and cases (COPY), goals, actions, history and the access log (server-side)."""
    historie = [m._meta.db_table for m in apps.get_models() if m.__name__.startswith("Historical")]
    return ["casussen_huishouden", "casussen_persoon", "casussen_casus", "plannen_doel",
            "plannen_actie", "toegang_toegangslog", *historie]  # fmt: skip


def _verwijzing_model():
    try:
        return apps.get_model("partners", "Verwijzing")
    except LookupError:
        return None


def _laad(cur, g: Grootte, rng, fake, log, nu, vandaag) -> dict:
    from partners.models import Organisatie, Soort
    from plannen.models import Aanvraag, Actie, Doel, Ondertekening, Plan, Planversie

    n: dict[str, int] = {}
    # Name pools: Faker is slow per call, a pool keeps the load fast and the data Dutch.
    voornamen = list({fake.first_name() for _ in range(3000)})
    achternamen = list({fake.last_name() for _ in range(3000)})
    straten = list({fake.street_name() for _ in range(2000)})
    plaats = "Schaalstad"

    # Municipality, teams, organisations (ORM: few rows).
    gemeente = Gemeente.objects.create(naam=GEMEENTE)
    teams = [Team(gemeente=gemeente, naam=f"Wijkteam {i + 1:02d}") for i in range(g.teams)]
    Team.objects.bulk_create(teams)
    wijken = {t.id: [f"Wijk {t.naam[-2:]}-{k}" for k in "ABCD"] for t in teams}
    organisaties = []
    for i in range(g.organisaties):
        naam = f"{fake.company()} {i + 1:03d}"[:140]
        groep = Group.objects.create(name=f"Organisatie: {naam}")
        organisaties.append(
            Organisatie.objects.create(
                naam=naam,
                soort=rng.choice(list(Soort.values)),
                diensten=["cliëntondersteuning"],
                wijken=[w for ws in wijken.values() for w in ws][:20],
                telefoon=fake.phone_number(),
                email=f"info{i}@partner.example",
                groep=groep,
            )
        )
    log("teams en organisaties")

    # Bench users with known credentials, through the app's own service.
    bench = {}
    for naam, (rollen, in_team) in BENCH_LOGINS.items():
        bench[naam] = gebruiker_aanmaken(
            username=naam,
            password=BENCH_WACHTWOORD,
            rollen=list(rollen),
            team=teams[0] if in_team else None,
            totp_sleutel=totp_sleutel(naam),
            first_name=naam.split("-")[1].capitalize(),
            last_name="Bench",
            email=f"{naam}@schaalstad.example",
        )
    bench["bench-partner"].groups.add(organisaties[0].groep)

    # Bulk users: consulenten spread over the teams, partners over the organisations.
    eerste_gebruiker = _volgende_id(cur, "toegang_gebruiker")
    aantal = max(0, g.gebruikers - len(bench))
    gebruikers = []
    consulenten: dict[int, list[int]] = {t.id: [] for t in teams}
    consulenten[teams[0].id] += [bench["bench-consulent"].id, bench["bench-teamleider"].id]
    partner_leden = []
    for i in range(aantal):
        uid = eerste_gebruiker + i
        r = i % 20
        if r < 15:
            rollen, team = [Rol.CONSULENT], teams[i % len(teams)].id
            consulenten[team].append(uid)
        elif r < 17:
            rollen, team = [Rol.PARTNER], None
            partner_leden.append((uid, organisaties[i % len(organisaties)].groep_id))
        elif r == 17:
            rollen, team = [Rol.TEAMLEIDER, Rol.CONSULENT], teams[i % len(teams)].id
        elif r == 18:
            rollen, team = [Rol.BACKOFFICE], None
        else:
            rollen, team = [Rol.BELEID], None
        gebruikers.append(
            (
                uid,
                "!bench",
                None,
                False,
                f"mw{uid:05d}",
                rng.choice(voornamen),
                rng.choice(achternamen),
                f"mw{uid:05d}@schaalstad.example",
                False,
                True,
                nu,
                rollen,
                team,
                False,
            )
        )
    n["gebruikers"] = _copy(
        "toegang_gebruiker",
        [
            "id",
            "password",
            "last_login",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "rollen",
            "team_id",
            "is_demo",
        ],
        gebruikers,
    ) + len(bench)
    _copy("toegang_gebruiker_groups", ["gebruiker_id", "group_id"], partner_leden)
    _sequentie_bij(cur, "toegang_gebruiker")
    for team in teams:  # a team without consulenten still needs a regisseur
        if not consulenten[team.id]:
            consulenten[team.id].append(bench["bench-consulent"].id)
    log("gebruikers", n["gebruikers"])

    # Households and persons (Python, COPY).
    eerste_hh = _volgende_id(cur, "casussen_huishouden")
    eerste_p = _volgende_id(cur, "casussen_persoon")
    bestaande = set()
    cur.execute("SELECT bsn FROM casussen_persoon WHERE bsn IS NOT NULL")
    bestaande.update(r[0] for r in cur.fetchall())
    bsns = bsn_generator(rng)
    hh_team = []
    hoofdbewoner: dict[int, int] = {}
    leden_per_hh = [1] * g.huishoudens
    extra = g.personen - g.huishoudens
    for _ in range(max(0, extra)):
        leden_per_hh[rng.randrange(g.huishoudens)] += 1

    def huishoudens():
        for i in range(g.huishoudens):
            team = teams[i % len(teams)]
            hh_team.append(team.id)
            yield (
                eerste_hh + i,
                f"{rng.choice(straten)}",
                rng.randint(1, 250),
                rng.choice(["", "", "", "A", "B", "-2"]),
                f"{rng.randint(1011, 1109)}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"
                f"{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
                plaats,
                rng.choice(wijken[team.id]),
                team.id,
                nu,
            )

    n["huishoudens"] = _copy(
        "casussen_huishouden",
        ["id", "straat", "huisnummer", "toevoeging", "postcode", "plaats", "wijk", "team_id",
         "aangemaakt_op"],
        huishoudens(),
    )  # fmt: skip
    log("huishoudens", n["huishoudens"])

    def personen():
        pid = eerste_p
        for i in range(g.huishoudens):
            achternaam = rng.choice(achternamen)
            k = leden_per_hh[i]
            volwassenen = 1 if k == 1 else min(k, rng.choice([1, 2, 2]))
            for j in range(k):
                volwassen = j < volwassenen
                leeftijd = rng.randint(19, 90) if volwassen else rng.randint(0, 17)
                bsn = None
                if rng.random() < 0.92:
                    bsn = next(bsns)
                    while bsn in bestaande:
                        bsn = next(bsns)
                if j == 0:
                    hoofdbewoner[eerste_hh + i] = pid
                yield (
                    pid,
                    eerste_hh + i,
                    rng.choice(voornamen),
                    rng.choice(["", "", "", "van", "de", "van der", "van den"]),
                    achternaam,
                    vandaag - timedelta(days=leeftijd * 365 + rng.randint(0, 364)),
                    bsn,
                    ("hoofdbewoner" if j == 0 else "partner") if volwassen else "kind",
                    f"06{rng.randint(10_000_000, 99_999_999)}" if j == 0 else "",
                    f"{achternaam.lower().replace(' ', '')}{pid}@mail.example" if j == 0 else "",
                    f"Huisartsenpraktijk {rng.choice(achternamen)}" if j == 0 else "",
                    j == 0,
                )
                pid += 1

    n["personen"] = _copy(
        "casussen_persoon",
        ["id", "huishouden_id", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "bsn",
         "rol", "telefoon", "email", "huisarts", "is_contactpersoon"],
        personen(),
    )  # fmt: skip
    log("personen", n["personen"])

    # Cases: every household has at least one when there are enough; the latest may be open.
    eerste_c = _volgende_id(cur, "casussen_casus")
    open_statussen = ["aanmelding", "vraagverheldering", "plan", "uitvoering", "evaluatie"]
    casus_hh = [i % g.huishoudens for i in range(g.casussen)]
    open_casussen: list[tuple[int, int, int, int]] = []  # (casus, hh, team, regisseur)

    def casussen():
        for k, i in enumerate(casus_hh):
            cid = eerste_c + k
            hh = eerste_hh + i
            team = hh_team[i]
            laatste = k + g.huishoudens >= g.casussen
            is_open = laatste and rng.random() < 0.35
            regisseur = rng.choice(consulenten[team])
            backup = rng.choice(consulenten[team]) if rng.random() < 0.3 else None
            wetten = rng.sample(["wmo", "jeugdwet", "participatiewet"], rng.randint(1, 2))
            jaren = 0 if laatste else rng.randint(1, 15)
            gemeld = vandaag - timedelta(days=jaren * 365 + rng.randint(0, 300))
            einde = gemeld + timedelta(weeks=6) if "wmo" in wetten else None
            status = rng.choice(open_statussen) if is_open else "afgesloten"
            if is_open:
                open_casussen.append((cid, hh, team, regisseur))
            yield (
                cid, hh, team, regisseur, backup, status, wetten, rng.choice(VRAGEN),
                gemeld, None if is_open else gemeld + timedelta(days=rng.randint(60, 400)),
                "" if is_open else rng.choice(["doelen_bereikt", "overgedragen", "verhuisd"]),
                gemeld, einde, None if is_open else gemeld + timedelta(days=rng.randint(10, 50)),
                None, None,
            )  # fmt: skip

    n["casussen"] = _copy(
        "casussen_casus",
        ["id", "huishouden_id", "team_id", "regisseur_id", "backup_id", "status", "wetten",
         "vraag", "geopend_op", "gesloten_op", "sluitreden", "gemeld_op",
         "onderzoekstermijn_einde", "onderzoek_afgerond_op", "onderzoek_op_tijd",
         "evaluatie_op"],
        casussen(),
    )  # fmt: skip
    for tabel in ("casussen_huishouden", "casussen_persoon", "casussen_casus"):
        _sequentie_bij(cur, tabel)
    log("casussen", n["casussen"])

    # Plans: one per household with a case, built server-side from the rows above.
    plan_start = _volgende_id(cur, "plannen_plan")
    versie_start = _volgende_id(cur, "plannen_planversie")
    doel_start = _volgende_id(cur, "plannen_doel")
    actie_start = _volgende_id(cur, "plannen_actie")
    cur.execute("SELECT setseed(%s)", [(rng.random() * 2) - 1])
    for tabel in ("casussen_huishouden", "casussen_persoon", "casussen_casus"):
        cur.execute(f"ANALYZE {tabel}")  # the server-side steps below join on these
    cur.execute(
        """INSERT INTO plannen_plan (huishouden_id, aangemaakt_op, aangemaakt_door_id)
        SELECT huishouden_id, %s, regisseur_id FROM (
            SELECT DISTINCT ON (huishouden_id) huishouden_id, regisseur_id
            FROM casussen_casus WHERE id >= %s ORDER BY huishouden_id, id DESC) laatste
        WHERE random() < 0.8 ORDER BY huishouden_id""",
        [nu, eerste_c],
    )
    n["plannen"] = cur.rowcount
    domeinen = list(Domein.objects.values_list("id", flat=True)) or [None]
    if domeinen == [None]:
        domeinen = [Domein.objects.create(naam="Financiën", volgorde=1).id]
    org_ids = [o.id for o in organisaties]
    doelen_per_versie = 3
    versies_per_plan = 1.5
    acties_per_doel = max(1.0, g.acties / max(1, n["plannen"] * versies_per_plan * 3))

    def versies(nummer: int, filter_sql: str, status: str):
        v0 = _volgende_id(cur, "plannen_planversie")
        d0 = _volgende_id(cur, "plannen_doel")
        cur.execute(
            f"""INSERT INTO plannen_planversie (plan_id, nummer, status, vorige_id, versie,
            gesprek_datum, aanwezigen, verslag, resultaten, afweging_eigen_kracht,
            afweging_netwerk, afweging_vrijwilligers, afweging_algemene_voorzieningen,
            afweging_wlz_zvw, afweging_conclusie, evaluatiedatum, maatwerk_nodig, maatwerk_soort,
            maatwerk_wet, maatwerk_specificatie, maatwerk_duur, maatwerk_omvang,
            maatwerk_motivering, maatwerk_leveringsvorm, maatwerk_gewenste_aanbieder,
            maatwerk_eigen_bijdrage, formele_aanvraag, aangemaakt_op, aangemaakt_door_id,
            gewijzigd_op, gewijzigd_door_id, ondertekend_op)
            SELECT p.id, %s, 'concept',
              (SELECT v.id FROM plannen_planversie v WHERE v.plan_id = p.id AND v.nummer = %s - 1),
              1, current_date - (random() * 400)::int, 'Inwoner en consulent',
              'Gesprek aan de keukentafel over de leefgebieden.', 'Weer grip op het eigen leven.',
              'Kan zelf bellen en afspraken maken.', 'Zus helpt met boodschappen.', '', '',
              '', 'Met netwerk en voorliggend veld is het voldoende.',
              current_date + (random() * 180)::int, false, '', '', '', '', '', '', '', '', '',
              false, %s, p.aangemaakt_door_id, %s, p.aangemaakt_door_id, NULL
            FROM plannen_plan p WHERE p.id >= %s {filter_sql}""",  # noqa: S608
            [nummer, nummer, nu, nu, plan_start],
        )
        aantal = cur.rowcount
        cur.execute("ANALYZE plannen_planversie")
        cur.execute(
            """INSERT INTO plannen_doel (planversie_id, sleutel, domein_id, omschrijving,
            volgorde, versie)
            SELECT v.id, gen_random_uuid(), (%s::bigint[])[1 + (random() * (%s - 1))::int],
                   (%s::text[])[1 + (random() * (%s - 1))::int], g, 1
            FROM plannen_planversie v CROSS JOIN generate_series(1, %s) g
            WHERE v.id >= %s""",
            [domeinen, len(domeinen), DOELEN, len(DOELEN), doelen_per_versie, v0],
        )
        cur.execute(
            """INSERT INTO plannen_actie (doel_id, sleutel, eigenaar_soort, persoon_id,
            medewerker_id, organisatie_id, eigenaar_naam, wat, wanneer, status, volgorde, versie)
            SELECT d.id, gen_random_uuid(), s.soort, NULL, NULL,
                   CASE WHEN s.soort = 'partner'
                        THEN (%s::bigint[])[1 + (random() * (%s - 1))::int] END,
                   CASE WHEN s.soort = 'netwerk' THEN 'Buurvrouw' ELSE '' END,
                   (%s::text[])[1 + (random() * (%s - 1))::int],
                   current_date + (random() * 200 - 100)::int,
                   (ARRAY['open','bezig','klaar','vervallen'])[1 + (random() * 3)::int], g, 1
            FROM plannen_doel d
            CROSS JOIN LATERAL generate_series(1, greatest(1,
                (random() * (2 * %s - 2) + 0.5 + 0 * d.id)::int)) g
            CROSS JOIN LATERAL (SELECT (ARRAY['inwoner','netwerk','consulent','partner'])
                [1 + (random() * 3 + 0 * g)::int] AS soort) s
            WHERE d.id >= %s""",
            [org_ids, len(org_ids), ACTIES, len(ACTIES), acties_per_doel, d0],
        )  # fmt: skip
        if status == "ondertekend":
            cur.execute(
                """UPDATE plannen_planversie SET status = 'ondertekend',
                ondertekend_op = %s - (random() * 300)::int * interval '1 day'
                WHERE id >= %s""",
                [nu, v0],
            )
        return aantal

    # Half the plans have a signed first version and a concept second one.
    log("plannen", n["plannen"])
    n["planversies"] = versies(1, "AND p.id %% 2 = 0", "ondertekend")
    log("versies 1 (ondertekend) met doelen en acties")
    n["planversies"] += versies(1, "AND p.id %% 2 = 1", "concept")
    log("versies 1 (concept) met doelen en acties")
    n["planversies"] += versies(2, "AND p.id %% 2 = 0", "concept")
    log("versies 2 (concept) met doelen en acties")
    cur.execute(
        """INSERT INTO plannen_ondertekening (planversie_id, persoon_id, vertegenwoordiger_naam,
        hoedanigheid, oordeel, opmerkingen, methode, bestand, bestand_type, getekend_op,
        vastgelegd_door_id)
        SELECT v.id, (SELECT min(pe.id) FROM casussen_persoon pe WHERE pe.huishouden_id =
                      p.huishouden_id), '', '', 'akkoord', '', 'papier',
               'plannen/ondertekeningen/' || v.id || '/scan.pdf', 'application/pdf',
               v.ondertekend_op, v.aangemaakt_door_id
        FROM plannen_planversie v JOIN plannen_plan p ON p.id = v.plan_id
        WHERE v.plan_id >= %s AND v.status = 'ondertekend'""",
        [plan_start],
    )
    n["ondertekeningen"] = cur.rowcount
    cur.execute("SELECT count(*) FROM plannen_doel WHERE id >= %s", [doel_start])
    n["doelen"] = cur.fetchone()[0]
    cur.execute("SELECT count(*) FROM plannen_actie WHERE id >= %s", [actie_start])
    n["acties"] = cur.fetchone()[0]
    log("ondertekeningen", n["ondertekeningen"])
    aanvraag_start = _volgende_id(cur, "plannen_aanvraag")
    n["aanvragen"] = aanvragen_toevoegen(cur, plan_start=plan_start, nu=nu)
    log("aanvragen", n["aanvragen"])

    # Partner grants: consent + grant (+ referral when the model exists) for ~10% open cases.
    t_start = _volgende_id(cur, "toegang_toestemming")
    perm = Permission.objects.get(content_type__app_label="casussen", codename="view_huishouden").id
    verwijzing_model = _verwijzing_model()
    toestemmingen, grants, verwijzingen = [], [], []
    gezien = set()
    bench_org = organisaties[0]
    for k, (cid, hh, _team, regisseur) in enumerate(open_casussen):
        if rng.random() >= 0.10 and k % 25 != 0:
            continue
        org = bench_org if k % 25 == 0 else rng.choice(organisaties)
        if (hh, org.groep_id) in gezien:
            continue
        gezien.add((hh, org.groep_id))
        tid = t_start + len(toestemmingen)
        van = vandaag - timedelta(days=rng.randint(1, 200))
        toestemmingen.append(
            (tid, hoofdbewoner[hh], "delen", org.groep_id, "", ["personalia", "acties_partner"],
             True, "formulier", regisseur, van, van + timedelta(days=365), None, None, nu)
        )  # fmt: skip
        grants.append((perm, org.groep_id, hh))
        verwijzingen.append((cid, org.id, rng.choice(VRAGEN), tid, regisseur, van))
    _copy(
        "toegang_toestemming",
        ["id", "persoon_id", "doel", "ontvanger_id", "ontvanger_naam", "onderdelen",
         "door_betrokkene", "methode", "getuige_id", "geldig_van", "geldig_tot", "ingetrokken_op",
         "ingetrokken_door_id", "aangemaakt_op"],
        toestemmingen,
    )  # fmt: skip
    _sequentie_bij(cur, "toegang_toestemming")
    n["toestemmingen"] = len(toestemmingen)
    n["partnerrechten"] = _copy(
        "toegang_huishoudengroepsrecht", ["permission_id", "group_id", "content_object_id"], grants
    )
    v_start = None
    if verwijzing_model is not None:
        v_start = _volgende_id(cur, verwijzing_model._meta.db_table)
        n["verwijzingen"] = _copy(
            verwijzing_model._meta.db_table,
            ["casus_id", "organisatie_id", "vraag", "toestemming_id", "status",
             "verstuurd_door_id", "verstuurd_op", "afwijsreden", "uitkomst"],
            (
                (c, o, v, t, rng.choice(["verstuurd", "geaccepteerd", "bezig"]), r,
                 datetime(d.year, d.month, d.day, 9, tzinfo=UTC), "", "")
                for c, o, v, t, r, d in verwijzingen
            ),
        )  # fmt: skip
    log("toestemmingen, rechten, verwijzingen", n["partnerrechten"])

    # History rows for the domain models (simple_history writes none for COPY).
    door = bench["bench-consulent"].id
    hist = 0
    for model, start in (
        (Huishouden, eerste_hh),
        (Persoon, eerste_p),
        (Casus, eerste_c),
        (Plan, plan_start),
        (Planversie, versie_start),
        (Doel, doel_start),
        (Actie, actie_start),
        (Ondertekening, 1),
        (Aanvraag, aanvraag_start),
        (Gebruiker, eerste_gebruiker),
        (apps.get_model("toegang", "Toestemming"), t_start),
    ):
        if model is Ondertekening:
            cur.execute(
                "SELECT coalesce(min(o.id), 1) FROM plannen_ondertekening o "
                "JOIN plannen_planversie v ON v.id = o.planversie_id WHERE v.id >= %s",
                [versie_start],
            )
            start = cur.fetchone()[0]
        hist += _historie(cur, model, vanaf_id=start, wanneer=nu, user_id=door)
    if verwijzing_model is not None and v_start is not None:
        hist += _historie(cur, verwijzing_model, vanaf_id=v_start, wanneer=nu, user_id=door)
    n["historie"] = hist
    log("historie", hist)

    # Access log: partitions for the months filled, then rows generated server-side.
    maand = date(vandaag.year, vandaag.month, 1)
    for m in range(g.maanden_log + 1):
        jaar, mnd = divmod(maand.year * 12 + maand.month - 1 - m, 12)
        cur.execute("SELECT toegangslog_maak_partitie(%s)", [date(jaar, mnd + 1, 1)])
    cur.execute(
        """INSERT INTO toegang_toegangslog (tijdstip, gebruiker_id, gebruikersnaam, namens, rol,
        organisatie, huishouden_id, persoon_id, object_type, object_id, actie, resultaat, ip,
        verwerkingsactiviteit, reden, doorbraak)
        SELECT %s - (random() * %s) * interval '1 day', u.id, u.username, '', 'consulent', '',
               p.huishouden_id, p.id, 'persoon', p.id, 'bekijken', 'toegestaan',
               '127.0.0.1'::inet, 'Wmo-ondersteuning', '', false
        FROM generate_series(1, %s) s
        JOIN toegang_gebruiker u ON u.id = %s + (s::bigint * 7919) %% %s
        JOIN casussen_persoon p ON p.id = %s + (s::bigint * 104729) %% %s""",
        [nu, g.maanden_log * 30, g.logregels, eerste_gebruiker, max(1, aantal), eerste_p,
         n["personen"]],
    )  # fmt: skip
    n["toegangslog"] = cur.rowcount
    log("toegangslog", n["toegangslog"])
    return n
