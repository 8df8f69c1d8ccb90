from django.core.management.base import BaseCommand

from wijkteam.demo import DEMO_LOGINS, DEMO_WACHTWOORD, laad_demodata


class Command(BaseCommand):
    help = "Laadt de demodata (één keer; daarna verandert er niets)."

    def add_arguments(self, parser):
        parser.add_argument("--huishoudens", type=int, default=300)

    def handle(self, *args, huishoudens, **options):
        if laad_demodata(huishoudens=huishoudens):
            self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        else:
            self.stdout.write("Demodata was al geladen.")
        self.stdout.write(f"Demo-logins (wachtwoord {DEMO_WACHTWOORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<12} {', '.join(login.rollen)}")
