"""Demo data: one municipality, three teams, eight partner organisations, a demo login per role,
and a few hundred households with members (valid BSNs) and cases. Idempotent."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from faker import Faker
from simple_history.utils import bulk_create_with_history

from casussen.models import Casus, Huishouden, Persoon, RolInHuishouden, Status, Wet
from casussen.termijnen import WMO_ONDERZOEK_WEKEN, einde_termijn
from partners.models import Organisatie, Soort
from toegang.models import Gemeente, Rol, Team
from toegang.services import gebruiker_aanmaken

GEMEENTE = "Gemeente Demodam"
TEAMS = ["Wijkteam Noord", "Wijkteam Centrum", "Wijkteam Zuid"]
WIJKEN = {
    "Wijkteam Noord": ["Noorderpark", "Vogelbuurt"],
    "Wijkteam Centrum": ["Binnenstad", "Stationskwartier"],
    "Wijkteam Zuid": ["Zuiderhout", "Rivierenwijk"],
}
ORGANISATIES = [
    ("MEE Demodam", Soort.FORMEEL, ["cliëntondersteuning"]),
    ("Humanitas Thuisadministratie", Soort.VRIJWILLIGERS, ["thuisadministratie"]),
    ("Schuldhulp Demodam", Soort.FORMEEL, ["schuldhulp"]),
    ("GGZ Demodam", Soort.FORMEEL, ["GGZ"]),
    ("Buurtbemiddeling Demodam", Soort.VRIJWILLIGERS, ["buurtbemiddeling"]),
    ("Mantelzorg Demodam", Soort.INFORMEEL, ["mantelzorgondersteuning"]),
    ("Maatschappelijk Werk Demodam", Soort.FORMEEL, ["maatschappelijk werk"]),
    ("Voedselbank Demodam", Soort.VRIJWILLIGERS, ["voedselhulp"]),
]
DEMO_WACHTWOORD = "Wijkteam-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    naam: str
    rollen: tuple[str, ...]
    team: str | None = None
    organisatie: str | None = None
    staff: bool = False


# Fixed authenticator keys (hex) so that tests can compute the second factor.
DEMO_LOGINS = [
    DemoLogin("consulent", "Sanne de Vries", (Rol.CONSULENT,), team="Wijkteam Noord"),
    DemoLogin("consulent2", "Ahmed El Amrani", (Rol.CONSULENT,), team="Wijkteam Centrum"),
    DemoLogin("consulent3", "Eva Mulder", (Rol.CONSULENT,), team="Wijkteam Zuid"),
    DemoLogin(
        "teamleider", "Marloes Jansen", (Rol.TEAMLEIDER, Rol.CONSULENT), team="Wijkteam Noord"
    ),
    DemoLogin("backoffice", "Pieter Bakker", (Rol.BACKOFFICE,)),
    DemoLogin("partner", "Fatima Yilmaz", (Rol.PARTNER,), organisatie="MEE Demodam"),
    DemoLogin("beheerder", "Kees Visser", (Rol.BEHEERDER,), staff=True),
    DemoLogin("beleid", "Linda Smit", (Rol.BELEID,)),
]


def totp_sleutel(username: str) -> str:
    """A fixed, per-user demo key (20 bytes, hex). Only demo accounts use it."""
    return username.encode().hex().ljust(40, "0")[:40]


def bsn_generator(rng: random.Random):
    seen = set()
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last > 9:
            continue
        bsn = "".join(map(str, digits)) + str(last)
        if bsn not in seen and bsn != "000000000":
            seen.add(bsn)
            yield bsn


@transaction.atomic
def laad_demodata(*, huishoudens: int = 300, seed: int = 2026) -> bool:
    """Load the demo data once; returns False when it was there already."""
    if Gemeente.objects.filter(naam=GEMEENTE).exists():
        return False
    rng = random.Random(seed)  # noqa: S311  (reproducible demo data, not secrets)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)

    gemeente = Gemeente.objects.create(naam=GEMEENTE)
    teams = {naam: Team.objects.create(gemeente=gemeente, naam=naam) for naam in TEAMS}
    organisaties = {}
    for naam, soort, diensten in ORGANISATIES:
        organisaties[naam] = Organisatie.objects.create(
            naam=naam,
            soort=soort,
            diensten=diensten,
            wijken=[w for ws in WIJKEN.values() for w in ws],
            telefoon=fake.phone_number(),
            email=f"info@{naam.split()[0].lower()}.example",
            groep=Group.objects.create(name=f"Organisatie: {naam}"),
        )

    gebruikers = {}
    for login in DEMO_LOGINS:
        voornaam, achternaam = login.naam.split(" ", 1)
        gebruiker = gebruiker_aanmaken(
            username=login.username,
            password=DEMO_WACHTWOORD,
            rollen=list(login.rollen),
            team=teams.get(login.team),
            totp_sleutel=totp_sleutel(login.username),
            is_demo=True,
            first_name=voornaam,
            last_name=achternaam,
            email=f"{login.username}@demodam.example",
            is_staff=login.staff,
        )
        if login.organisatie:
            gebruiker.groups.add(organisaties[login.organisatie].groep)
        gebruikers[login.username] = gebruiker
    _beheerrechten(gebruikers["beheerder"])

    regisseurs = {team: [] for team in teams.values()}
    for gebruiker in gebruikers.values():
        if gebruiker.team and gebruiker.heeft_rol(Rol.CONSULENT):
            regisseurs[gebruiker.team].append(gebruiker)

    bsns = bsn_generator(rng)
    team_lijst = list(teams.values())
    nieuwe_huishoudens = []
    for i in range(huishoudens):
        team = team_lijst[i % len(team_lijst)]
        nieuwe_huishoudens.append(
            Huishouden(
                straat=fake.street_name(),
                huisnummer=rng.randint(1, 250),
                toevoeging=rng.choice(["", "", "", "A", "B", "-2"]),
                postcode=fake.postcode().replace(" ", ""),
                plaats="Demodam",
                wijk=rng.choice(WIJKEN[team.naam]),
                team=team,
            )
        )
    nieuwe_huishoudens = bulk_create_with_history(nieuwe_huishoudens, Huishouden)

    personen = []
    vandaag = date.today()
    for huishouden in nieuwe_huishoudens:
        achternaam = fake.last_name()
        volwassenen = rng.choice([1, 1, 2])
        kinderen = rng.choice([0, 0, 1, 2, 3])
        for j in range(volwassenen + kinderen):
            volwassen = j < volwassenen
            leeftijd = rng.randint(19, 88) if volwassen else rng.randint(0, 17)
            personen.append(
                Persoon(
                    huishouden=huishouden,
                    voornamen=fake.first_name(),
                    achternaam=achternaam,
                    geboortedatum=vandaag - timedelta(days=leeftijd * 365 + rng.randint(0, 364)),
                    bsn=next(bsns) if rng.random() < 0.9 else None,
                    rol=(RolInHuishouden.HOOFDBEWONER if j == 0 else RolInHuishouden.PARTNER)
                    if volwassen
                    else RolInHuishouden.KIND,
                    telefoon=fake.phone_number() if j == 0 else "",
                    email=fake.email() if j == 0 else "",
                    huisarts=f"Huisartsenpraktijk {fake.last_name()}" if j == 0 else "",
                    is_contactpersoon=j == 0,
                )
            )
    bulk_create_with_history(personen, Persoon)

    casussen = []
    statussen = [s for s in Status.values if s != Status.AFGESLOTEN]
    for huishouden in nieuwe_huishoudens[: int(huishoudens * 0.7)]:
        team_regisseurs = regisseurs[huishouden.team]
        wetten = rng.sample(Wet.values, rng.randint(1, 2))
        gemeld_op = vandaag - timedelta(days=rng.randint(0, 60))
        casussen.append(
            Casus(
                huishouden=huishouden,
                team=huishouden.team,
                regisseur=rng.choice(team_regisseurs),
                status=rng.choice(statussen),
                wetten=wetten,
                vraag=fake.sentence(nb_words=12),
                geopend_op=gemeld_op,
                gemeld_op=gemeld_op,
                # A Wmo melding starts the six-week research term (Atw shifts included).
                onderzoekstermijn_einde=einde_termijn(gemeld_op, weken=WMO_ONDERZOEK_WEKEN)
                if Wet.WMO in wetten
                else None,
            )
        )
    bulk_create_with_history(casussen, Casus)
    return True


def _beheerrechten(gebruiker) -> None:
    """The functioneel beheerder manages users, teams and organisations, not case content."""
    from django.contrib.auth.models import Permission

    gebruiker.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["toegang", "partners", "django_celery_beat"],
        )
        .exclude(content_type__model__startswith="historical")
        .union(
            Permission.objects.filter(
                content_type__app_label="casussen",
                content_type__model__in=["domein", "gelijkgesteldedag"],
            )
        )
    )
