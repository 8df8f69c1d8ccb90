from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from toegang.bewaartermijn import bewaartermijn_rapport, bewaartermijn_toepassen


class Command(BaseCommand):
    help = (
        "Bewaartermijn: toont welke afgesloten casussen geanonimiseerd worden (proefdraai). "
        "Met --uitvoeren gebeurt het echt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--uitvoeren", action="store_true", help="echt anonimiseren")
        parser.add_argument(
            "--peildatum", type=date.fromisoformat, help="JJJJ-MM-DD (standaard: vandaag)"
        )

    def handle(self, *args, uitvoeren, peildatum, **options):
        peildatum = peildatum or timezone.localdate()
        rapport = bewaartermijn_rapport(peildatum=peildatum)
        self.stdout.write(f"Bewaartermijn, peildatum {peildatum:%d-%m-%Y}")
        self.stdout.write("casus\twetten\tgesloten op\tbewaren tot\tactie")
        for regel in rapport.regels:
            self.stdout.write(
                f"{regel.nummer}\t{', '.join(regel.wetten_labels) or '-'}\t"
                f"{regel.gesloten_op:%d-%m-%Y}\t{regel.bewaren_tot:%d-%m-%Y}\t{regel.actie}"
            )
        self.stdout.write(
            f"{len(rapport.regels)} casussen, {rapport.huishoudens} huishoudens "
            f"({rapport.personen} personen) in hun geheel."
        )
        if not uitvoeren:
            self.stdout.write("Proefdraai: er is niets gewijzigd. Gebruik --uitvoeren.")
            return
        run = bewaartermijn_toepassen(peildatum=peildatum)
        self.stdout.write(
            self.style.SUCCESS(
                f"Geanonimiseerd: {run.casussen} casussen, {run.huishoudens} huishoudens, "
                f"{run.personen} personen, {run.bestanden} bestanden, "
                f"{run.historieregels} historieregels verwijderd."
            )
        )
