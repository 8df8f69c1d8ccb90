"""Benchmark: WeasyPrint render time of a plan version with 40 actions (target: under 1.5 s).

    python -m wijkteam.embedded -- .venv/bin/python bench/bench_pdf.py [--herhalingen 5]

Builds a throwaway household with a signed plan (8 goals, 40 actions, a maatwerk block, two
signatures) in the database named by DATABASE_URL, times `services.pdf_renderen` (HTML from the
database, WeasyPrint, storing the file), prints the times, and removes nothing it did not make:
everything runs inside a transaction that is rolled back. Exit code 1 when the median is over the
target.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkteam.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-pdf-"))

DOEL_S = 1.5


class _Terugdraaien(Exception):
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--acties", type=int, default=40)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)

    from datetime import date, timedelta

    from casussen.models import Domein
    from plannen import services
    from plannen.models import Eigenaar, Methode, Oordeel, PdfStatus, PlanPdf
    from tests.factories import (
        CasusFactory,
        OrganisatieFactory,
        PersoonFactory,
        TeamFactory,
        maak_gebruiker,
    )
    from tests.plannen.helpers import handtekening_png
    from toegang.models import Rol

    tijden = []
    try:
        with transaction.atomic():
            team = TeamFactory()
            consulent = maak_gebruiker(f"bench-{time.time_ns()}", Rol.CONSULENT, team=team)
            casus = CasusFactory(huishouden__team=team, team=team, regisseur=consulent)
            huishouden = casus.huishouden
            leden = [
                PersoonFactory(huishouden=huishouden, geboortedatum=date(1980 + i, 1, 1))
                for i in range(3)
            ]
            organisatie = OrganisatieFactory()
            versie = services.plan_starten(huishouden=huishouden, door=consulent)
            versie = services.planversie_bijwerken(
                planversie=versie,
                door=consulent,
                verwachte_versie=versie.versie,
                velden={
                    "verslag": "Gesprek aan de keukentafel. " * 40,
                    "resultaten": "Rust in de financiën en weer aan het werk. " * 10,
                    "afweging_eigen_kracht": "Kan veel zelf. " * 10,
                    "afweging_netwerk": "Zus helpt met de post. " * 10,
                    "evaluatiedatum": date.today() + timedelta(days=90),
                    "maatwerk_nodig": True,
                    "maatwerk_soort": "Huishoudelijke hulp",
                    "maatwerk_wet": "wmo",
                    "maatwerk_motivering": "Kan door rugklachten niet zelf schoonmaken. " * 5,
                    "maatwerk_leveringsvorm": "zin",
                },
            )
            domeinen = list(Domein.objects.all()[:8])
            doelen = [
                services.doel_toevoegen(
                    planversie=versie, door=consulent, domein=d, omschrijving=f"Doel {d.naam}"
                )
                for d in domeinen
            ]
            soorten = [Eigenaar.INWONER, Eigenaar.NETWERK, Eigenaar.CONSULENT, Eigenaar.PARTNER]
            for i in range(args.acties):
                soort = soorten[i % 4]
                services.actie_toevoegen(
                    doel=doelen[i % len(doelen)],
                    door=consulent,
                    velden={
                        "eigenaar_soort": soort,
                        "persoon": leden[0] if soort == Eigenaar.INWONER else None,
                        "medewerker": consulent if soort == Eigenaar.CONSULENT else None,
                        "organisatie": organisatie if soort == Eigenaar.PARTNER else None,
                        "eigenaar_naam": "Buurvrouw" if soort == Eigenaar.NETWERK else "",
                        "wat": f"Actie {i + 1}: een afspraak van een paar woorden lang",
                        "wanneer": date.today() + timedelta(days=i),
                    },
                )
            for lid in leden[:2]:
                services.ondertekenen(
                    planversie=versie,
                    door=consulent,
                    persoon=lid,
                    oordeel=Oordeel.AKKOORD,
                    methode=Methode.SCHERM,
                    bestand=handtekening_png(),
                )
            services.pdf_renderen(planversie_id=versie.pk)  # warm-up: fonts, CSS parser
            for _ in range(args.herhalingen):
                PlanPdf.objects.filter(planversie=versie).update(
                    status=PdfStatus.WACHTEN, inhoud_hash=""
                )
                begin = time.perf_counter()
                pdf = services.pdf_renderen(planversie_id=versie.pk)
                tijden.append(time.perf_counter() - begin)
                assert pdf.status == PdfStatus.KLAAR, pdf.fout
            raise _Terugdraaien
    except _Terugdraaien:
        pass

    mediaan = statistics.median(tijden)
    print(
        f"PDF van een plan met {args.acties} acties: mediaan {mediaan:.3f} s, "
        f"min {min(tijden):.3f} s, max {max(tijden):.3f} s over {len(tijden)} keer "
        f"(doel < {DOEL_S} s) — {'OK' if mediaan < DOEL_S else 'TE TRAAG'}"
    )
    return 0 if mediaan < DOEL_S else 1


if __name__ == "__main__":
    sys.exit(main())
