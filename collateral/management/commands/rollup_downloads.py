"""`manage.py rollup_downloads`: count closed days' downloads into the audit's daily roll-up.

Run it nightly (cron, a systemd timer) after midnight local time. Reports are exact whether it
ran or not: whatever it has not rolled up yet they read from the Download rows, so a missed
night only makes the reports a little slower (collateral/audit/rollup.py).
"""

from django.core.management.base import BaseCommand

from collateral.audit.rollup import roll_up, rolled_through


class Command(BaseCommand):
    help = "Roll up every closed day's downloads (per day, asset and use) for the audit reports."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Count every day again (after importing download history into closed days).",
        )

    def handle(self, *args, **options) -> None:
        days, rows = roll_up(rebuild=options["rebuild"])
        through = rolled_through()
        self.stdout.write(
            f"Rolled up {days} day{'s' if days != 1 else ''} ({rows} rows); "
            f"the roll-up now covers up to {through or 'nothing yet'}."
        )
