from pathlib import Path

from django.core.management.base import BaseCommand

from wijkteam.backup import maak_backup


class Command(BaseCommand):
    help = "Maakt een backup van de database en de opgeslagen bestanden (één tar-bestand)."

    def add_arguments(self, parser):
        parser.add_argument("doel", type=Path, help="bestand of map voor de backup")

    def handle(self, *args, doel, **options):
        pad = maak_backup(doel)
        self.stdout.write(self.style.SUCCESS(f"Backup gemaakt: {pad}"))
