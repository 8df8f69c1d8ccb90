from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkteam.backup import HerstelFout, herstel


class Command(BaseCommand):
    help = "Zet een backup terug in een lege installatie en controleert rijen en bestanden."

    def add_arguments(self, parser):
        parser.add_argument("bron", type=Path, help="het backupbestand")

    def handle(self, *args, bron, **options):
        try:
            manifest = herstel(bron)
        except HerstelFout as fout:
            raise CommandError(str(fout)) from fout
        rijen = sum(manifest["tabellen"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Hersteld: {rijen} rijen in {len(manifest['tabellen'])} tabellen, "
                f"{len(manifest['bestanden'])} bestanden; alles gecontroleerd."
            )
        )
