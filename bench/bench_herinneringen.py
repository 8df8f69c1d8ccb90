"""Benchmark: every registered reminder scan on the data in the database (target: all under 10 s).

    python -m wijkteam.embedded DATA_DIR -- .venv/bin/python bench/bench_herinneringen.py \
        [--peildatum 2026-11-23] [--doel 10] [--groot 100000]

Runs each scan of casussen.herinneringen (the INSERT … SELECT the Celery task runs) for the
peildatum and times it, then prints EXPLAIN (ANALYZE, BUFFERS) of that statement (run again, so
its SELECT reads the same rows and every row meets the one made) and flags every sequential scan
of a table with more than --groot rows. Everything runs in one transaction that
is rolled back: the data stays as it was. Exit code 1 when the total misses the target or a large
table is read sequentially. Use the data of `manage.py schaaldata` (bench/README.md).
"""

import argparse
import os
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkteam.settings")
os.environ.setdefault("DEBUG", "1")

SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


class _Terugdraaien(Exception):
    pass


def _rijen(cursor, tabel: str) -> int:
    cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [tabel])
    rij = cursor.fetchone()
    return max(rij[0], 0) if rij else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peildatum", type=date.fromisoformat, default=None)
    parser.add_argument("--doel", type=float, default=10.0, help="seconds for all scans")
    parser.add_argument("--groot", type=int, default=100_000, help="rows of a large table")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from casussen import herinneringen

    peildatum = args.peildatum or timezone.localdate()
    parameters = herinneringen.parameters(peildatum)
    tijden, nieuw, plannen = {}, {}, {}
    try:
        with transaction.atomic():
            for soort in herinneringen.geregistreerd():
                begin = time.perf_counter()
                nieuw.update(herinneringen.scannen(vandaag=peildatum, soorten={soort}))
                tijden[soort] = time.perf_counter() - begin
            # The statement exactly as the scan runs it (an INSERT gets no parallel workers);
            # run again it only meets the rows it made, so the plan shows the reading part.
            with connection.cursor() as cursor:
                for soort in tijden:
                    cursor.execute(
                        "EXPLAIN (ANALYZE, BUFFERS) " + herinneringen.statement(soort),
                        {**parameters, "soort": soort},
                    )
                    plannen[soort] = "\n".join(regel for (regel,) in cursor.fetchall())
                grote = {
                    tabel: rijen
                    for plan in plannen.values()
                    for tabel in SEQ_SCAN.findall(plan)
                    if (rijen := _rijen(cursor, tabel)) > args.groot
                }
            raise _Terugdraaien
    except _Terugdraaien:
        pass

    for soort, plan in plannen.items():
        print(f"\n=== {soort}: {tijden[soort]:.3f} s, {nieuw[soort]} nieuw\n{plan}")
    totaal = sum(tijden.values())
    print(f"\nPeildatum {peildatum:%Y-%m-%d}, {len(tijden)} scans")
    for soort, tijd in tijden.items():
        zoekt = [t for t in SEQ_SCAN.findall(plannen[soort]) if t in grote]
        vlag = f"  SEQ SCAN: {', '.join(sorted(set(zoekt)))}" if zoekt else ""
        print(f"  {soort:<26} {tijd:8.3f} s {nieuw[soort]:>8} nieuw{vlag}")
    print(f"  {'totaal':<26} {totaal:8.3f} s (doel {args.doel:g} s)")
    for tabel, rijen in sorted(grote.items()):
        print(f"Sequentiële scan van een grote tabel: {tabel} (~{rijen:,} rijen)")
    gehaald = totaal <= args.doel and not grote
    print("GEHAALD" if gehaald else "NIET GEHAALD")
    return 0 if gehaald else 1


if __name__ == "__main__":
    sys.exit(main())
