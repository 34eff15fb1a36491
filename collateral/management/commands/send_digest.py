"""`manage.py send_digest`: the daily digest mail; run it from cron once a day.

Safe to run again: people who already got today's digest are skipped.
"""

from django.core.management.base import BaseCommand

from collateral.digest import send_digests


class Command(BaseCommand):
    help = "Mail each person their daily digest (once a day; a second run sends nothing new)."

    def handle(self, *args, **options) -> None:
        outcome = send_digests()
        self.stdout.write(
            f"Digests sent: {outcome.sent}; already sent today: {outcome.already}; "
            f"nothing to say: {outcome.empty}; failed (logged, retried next run): "
            f"{outcome.failed}."
        )
