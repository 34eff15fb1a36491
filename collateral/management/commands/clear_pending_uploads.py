"""Remove uploads kept for a retry (collateral.pending) once their hour is over. Run it from
cron every few minutes; a kept upload that nobody came back for is just disk space."""

from django.core.management.base import BaseCommand

from collateral.pending import clear_expired


class Command(BaseCommand):
    help = "Delete uploads kept for a form retry that are over an hour old, with their files."

    def handle(self, *args, **options) -> None:
        count = clear_expired()
        self.stdout.write(f"Removed {count} expired kept upload{'s' if count != 1 else ''}.")
