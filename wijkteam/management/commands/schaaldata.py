"""python manage.py schaaldata --grootte small|city|amsterdam [--seed N] [--huishoudens N]"""

from django.core.management.base import BaseCommand, CommandError

from wijkteam import schaaldata


class Command(BaseCommand):
    help = "Laad benchmarkdata (small, city, amsterdam of custom) met COPY, plus historie en log."

    def add_arguments(self, parser):
        parser.add_argument("--grootte", choices=[*schaaldata.GROOTTES, "custom"], default="small")
        parser.add_argument("--huishoudens", type=int, default=200, help="alleen bij custom")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, grootte, huishoudens, seed, **options):
        maat = (
            schaaldata.custom(huishoudens) if grootte == "custom" else schaaldata.GROOTTES[grootte]
        )
        self.stdout.write(f"Schaaldata {grootte}: {maat}")
        try:
            n = schaaldata.genereer(maat, seed=seed, stdout=self.stdout)
        except ValueError as fout:
            raise CommandError(str(fout)) from fout
        for k, v in n.items():
            if k != "stappen":
                self.stdout.write(f"{k:>16}: {v:,}" if isinstance(v, int) else f"{k:>16}: {v}")
        self.stdout.write(
            f"Inloggen: bench-consulent / {schaaldata.BENCH_WACHTWOORD} "
            "(TOTP-sleutel: wijkteam.demo.totp_sleutel(gebruikersnaam))"
        )
